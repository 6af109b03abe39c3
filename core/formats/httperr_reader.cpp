// SPDX-License-Identifier: MIT
#include "formats/httperr_reader.h"

#include "formats/column_interner.h"
#include "formats/deferred_ids.h"
#include "formats/directive_log.h"
#include "formats/httperr_contexts.h"
#include "formats/text_scan.h"
#include "formats/timestamp_cache.h"
#include "formats/w3c_fields.h"
#include "model/force_inline.h"
#include "model/ip_address.h"
#include "model/string_pool.h"

#include <algorithm>
#include <array>
#include <span>
#include <utility>

namespace hs {
namespace {

constexpr std::size_t kMaxFields = 64;
constexpr std::size_t kMaxLineBytes = 64 * 1024; // HTTP.sys truncates verb at 255 and URL at 4096 bytes

enum class ErrField : std::uint8_t {
    Other,
    Date,
    Time,
    ClientIp,
    ClientPort,
    ServerIp,
    ServerPort,
    Version,
    Method,
    Uri,
    Status,
    SiteId,
    Reason,
    Queue
};

ErrField classify(std::string_view n)
{
    using text::equalsNoCase;
    if (equalsNoCase(n, "date"))
        return ErrField::Date;
    if (equalsNoCase(n, "time"))
        return ErrField::Time;
    if (equalsNoCase(n, "c-ip"))
        return ErrField::ClientIp;
    if (equalsNoCase(n, "c-port"))
        return ErrField::ClientPort;
    if (equalsNoCase(n, "s-ip"))
        return ErrField::ServerIp;
    if (equalsNoCase(n, "s-port"))
        return ErrField::ServerPort;
    if (equalsNoCase(n, "cs-version"))
        return ErrField::Version;
    if (equalsNoCase(n, "cs-method"))
        return ErrField::Method;
    if (equalsNoCase(n, "cs-uri"))
        return ErrField::Uri;
    if (equalsNoCase(n, "sc-status"))
        return ErrField::Status;
    if (equalsNoCase(n, "s-siteid"))
        return ErrField::SiteId;
    if (equalsNoCase(n, "s-reason"))
        return ErrField::Reason;
    if (equalsNoCase(n, "s-queuename"))
        return ErrField::Queue;
    return ErrField::Other;
}

struct CompiledLayout {
    std::vector<ErrField> kinds;
    std::size_t layoutIndex = 0;
    std::size_t minFields = 0; // up to and including s-reason: later fields may be missing
    bool assumed = false;
    bool httpApiDefault = false; // kinds are kHttpApiDefault: full lines are read in a fixed order
};

// HTTP API 2.0's default field set (date time c-ip c-port s-ip s-port cs-version cs-method cs-uri
// sc-status s-siteid s-reason s-queuename), which most HTTPERR logs are written with.
constexpr std::array<ErrField, 13> kHttpApiDefault{
    ErrField::Date,       ErrField::Time,    ErrField::ClientIp, ErrField::ClientPort, ErrField::ServerIp,
    ErrField::ServerPort, ErrField::Version, ErrField::Method,   ErrField::Uri,        ErrField::Status,
    ErrField::SiteId,     ErrField::Reason,  ErrField::Queue};

CompiledLayout compile(const FieldLayout &layout, std::size_t index)
{
    CompiledLayout c;
    c.layoutIndex = index;
    c.assumed = layout.assumed;
    for (const auto &n : layout.fields)
        c.kinds.push_back(classify(n));
    const auto reason = std::find(c.kinds.begin(), c.kinds.end(), ErrField::Reason);
    c.minFields = reason == c.kinds.end() ? c.kinds.size() : static_cast<std::size_t>(reason - c.kinds.begin()) + 1;
    c.httpApiDefault = std::equal(c.kinds.begin(), c.kinds.end(), kHttpApiDefault.begin(), kHttpApiDefault.end());
    return c;
}

bool isDash(std::string_view v) noexcept
{
    return v.size() == 1 && v[0] == '-';
}

// date time c-ip c-port s-ip s-port …: the shape of an HTTPERR line without directives.
bool looksLikeHttpErrLine(const std::string_view *parts, std::size_t n)
{
    if (n < 12 || n > 18)
        return false;
    std::uint16_t port = 0;
    return text::parseIsoDate(parts[0]) && text::parseTimeOfDay(parts[1]) && parseIp(parts[2]) &&
           text::parseUnsigned(parts[3], port) && parseIp(parts[4]) && text::parseUnsigned(parts[5], port);
}

class ChunkParser {
public:
    ChunkParser(const std::vector<CompiledLayout> &layouts, std::size_t defaultLayout, const DirectiveScan &scan,
                std::string_view input, StringPool &pool, HttpErrContextTable &contexts,
                ChunkOutput<HttpErrRecord> &out, const ChunkState &state)
        : layouts_(layouts), defaultLayout_(defaultLayout), scan_(scan), input_(input),
          cols_(pool, fieldSlotsFor(layouts, kMaxFields)), contexts_(contexts), out_(out), layout_(state.layout)
    {
        parts_.resize(fieldSlotsFor(layouts, kMaxFields));
    }

    // The splitter fills these with each line's fields before onSplitLine.
    std::span<std::string_view> fieldSlots() noexcept { return parts_; }

    void onSplitLine(const SplitLine &split, std::uint64_t lineNo)
    {
        const std::string_view line = split.text;
        ++out_.lines;
        if (text::isBlank(line)) {
            ++out_.blankLines;
            return;
        }
        if (line[0] == '#') {
            ++out_.directiveLines;
            const auto it = std::lower_bound(scan_.entries.begin(), scan_.entries.end(), split.offset,
                                             [](const DirectiveEntry &e, std::uint64_t o) { return e.offset < o; });
            if (it != scan_.entries.end() && it->offset == split.offset && it->kind == DirectiveEntry::Kind::Fields)
                layout_ = it->layoutIndex;
            return;
        }
        ++out_.dataLines;
        parseData(line, lineNo, split.scan);
        deferred_.endLine(out_.rows);
    }

    void finish() { deferred_.flush(out_.rows); }

    NoteTally tally;

private:
    void parseData(std::string_view line, std::uint64_t lineNo, const LineScan &scan)
    {
        if (line.size() > kMaxLineBytes) {
            out_.reject(lineNo, "line-too-long",
                        "line is " + text::groupThousands(line.size()) + " bytes long (limit " +
                            text::groupThousands(kMaxLineBytes) + ")");
            return;
        }
        if (scan.hasNul) {
            out_.reject(lineNo, "binary", "line contains NUL bytes (binary data, not a log line)");
            return;
        }
        std::size_t n = scan.fields;
        const bool assumed = layout_ < 0;
        const CompiledLayout &layout = layouts_[assumed ? defaultLayout_ : static_cast<std::size_t>(layout_)];
        const std::size_t declared = layout.kinds.size();
        if (n == declared + 1 && parts_[declared].empty())
            n = declared; // trailing space
        if (n > declared || n < layout.minFields || declared == 0) {
            if (assumed)
                out_.reject(lineNo, "no-fields",
                            "data line before any #Fields directive does not fit the default HTTPERR field set (" +
                                std::to_string(n) + " fields, " + std::to_string(declared) + " expected)");
            else
                out_.reject(lineNo, "field-count",
                            std::to_string(n) + " fields, " + std::to_string(declared) + " declared in #Fields");
            return;
        }
        // Built in place (see the W3C reader): the vector is reserved for every line.
        HttpErrRecord &rec = out_.rows.emplace_back();
        if (!fillRecord(rec, layout, assumed, n, lineNo))
            out_.rows.pop_back(); // rejected; DeferredIds::endLine drops what it queued for the row
    }

    // The fields of `rec` (the last row) from the line's parts; false when the line is rejected.
    bool fillRecord(HttpErrRecord &rec, const CompiledLayout &layout, bool assumed, std::size_t n, std::uint64_t lineNo)
    {
        const std::size_t row = out_.rows.size() - 1;
        HttpErrContext context;
        rec.line = static_cast<std::uint32_t>(lineNo);
        rec.layout = static_cast<std::uint8_t>(std::min<std::size_t>(layout.layoutIndex, 0xff));
        LineFields f{rec, context, row, lineNo, {}, {}};
        if (layout.httpApiDefault && n == kHttpApiDefault.size()) {
            if (!readHttpApiDefault(f, std::make_index_sequence<kHttpApiDefault.size()>{}))
                return false;
        } else {
            for (std::size_t i = 0; i < n; ++i)
                if (!readField(layout.kinds[i], i, f))
                    return false;
        }
        const std::optional<std::int64_t> &days = f.days;
        const std::optional<text::TimeOfDay> &tod = f.tod;
        if (!days || !tod) {
            out_.reject(lineNo, "bad-time", "the field set has no date or no time field");
            return false;
        }
        if (context.reason == kEmptyStr &&
            std::find(layout.kinds.begin(), layout.kinds.end(), ErrField::Reason) != layout.kinds.end())
            out_.note(lineNo, "bad-value", "s-reason is empty (HTTP.sys always writes a reason)");
        if (assumed)
            tally.add("assumed-fields",
                      "without a #Fields directive were read with the default HTTPERR field set (KB820729)", lineNo);
        rec.time = *days * kUsPerDay + tod->micros;
        rec.context = contexts_.idOf(context);
        out_.widen(rec.time);
        return true;
    }

    // The parts of the line being read and what its fields give besides the record's columns.
    struct LineFields {
        HttpErrRecord &rec;
        HttpErrContext &context;
        std::size_t row; // rec's index in out_.rows
        std::uint64_t lineNo;
        std::optional<std::int64_t> days;
        std::optional<text::TimeOfDay> tod;
    };

    // Reads field i, of `kind`, into the line's record and context; false when it rejects the line.
    // Always inlined: readHttpApiDefault calls it with constant kinds, so each call shrinks to its
    // case, with no indirect jump per field.
    HS_FORCE_INLINE bool readField(ErrField kind, std::size_t i, LineFields &f)
    {
        const std::string_view &v = parts_[i];
        switch (kind) {
        case ErrField::Date:
            if (!readDateField(timestamps_, v, f.lineNo, out_, f.days))
                return false;
            break;
        case ErrField::Time:
            if (!readTimeField(timestamps_, v, f.lineNo, out_, f.tod))
                return false;
            break;
        case ErrField::ClientIp:
            if (!isDash(v))
                deferred_.internAddress(i, v, f.row, f.rec, &HttpErrRecord::clientIp);
            break;
        case ErrField::ServerIp: f.context.serverIp = isDash(v) ? kEmptyStr : cols_.intern(i, v); break;
        case ErrField::Method: f.context.method = isDash(v) ? kEmptyStr : cols_.intern(i, v); break;
        case ErrField::Uri:
            if (!isDash(v))
                deferred_.intern(i, v, f.row, f.rec, &HttpErrRecord::uri);
            break;
        case ErrField::Reason: f.context.reason = isDash(v) ? kEmptyStr : cols_.intern(i, v); break;
        case ErrField::Queue: f.context.queue = isDash(v) ? kEmptyStr : cols_.intern(i, v); break;
        case ErrField::Version: f.rec.version = isDash(v) ? HttpVersion::Unknown : parseHttpVersion(v); break;
        case ErrField::ClientPort: number(v, f.rec.clientPort, f.lineNo, "c-port"); break;
        case ErrField::ServerPort: number(v, f.rec.serverPort, f.lineNo, "s-port"); break;
        case ErrField::Status: number(v, f.rec.status, f.lineNo, "sc-status"); break;
        case ErrField::SiteId: number(v, f.context.siteId, f.lineNo, "s-siteid"); break;
        case ErrField::Other: break;
        }
        return true;
    }

    // HTTP API 2.0's default field set, read field by field in its order.
    template <std::size_t... K>
    bool readHttpApiDefault(LineFields &f, std::index_sequence<K...>)
    {
        return (readField(kHttpApiDefault[K], K, f) && ...);
    }

    // Inlined in the field loop; the note for a bad value is built out of line (it needs a frame
    // with strings, and stack protection on it made every call pay for that).
    template <typename T>
    void number(std::string_view v, T &out, std::uint64_t lineNo, const char *name)
    {
        T value{};
        if (text::parseUnsignedIn(v, input_, value)) [[likely]]
            out = value;
        else if (!isDash(v) && !v.empty())
            noteBadNumber(v, lineNo, name);
    }

    void noteBadNumber(std::string_view v, std::uint64_t lineNo, const char *name)
    {
        const bool digits = std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
        out_.note(lineNo, "bad-value",
                  std::string(name) + " '" + std::string(v.substr(0, 40)) +
                      (digits ? "' is out of range; left empty" : "' is not a number; left empty"));
    }

    const std::vector<CompiledLayout> &layouts_;
    std::size_t defaultLayout_;
    const DirectiveScan &scan_;
    std::string_view input_; // the mapped file: number() may read a word past a value
    ColumnInterner cols_;
    DeferredIds<HttpErrRecord> deferred_{cols_}; // c-ip and cs-uri: the columns with a million values
    HttpErrContextCache contexts_;
    ChunkOutput<HttpErrRecord> &out_;
    int layout_ = -1;
    TimestampCache timestamps_;
    std::vector<std::string_view> parts_; // a slot for every field a line's layout may have
};

} // namespace

const std::vector<std::string> &defaultHttpErrFields()
{
    static const std::vector<std::string> kFields = {"date",     "time",       "c-ip",       "c-port", "s-ip",
                                                     "s-port",   "cs-version", "cs-method",  "cs-uri", "sc-status",
                                                     "s-siteid", "s-reason",   "s-queuename"};
    return kFields;
}

std::string_view HttpErrReader::recognisedBy() const
{
    return "#Software: Microsoft HTTP API directive or #Fields with s-reason; without directives, lines shaped "
           "'date time c-ip c-port s-ip s-port …'";
}

SniffResult HttpErrReader::sniff(const SniffInput &input) const
{
    std::string_view head = input.head;
    if (text::startsWith(head, "\xEF\xBB\xBF"))
        head.remove_prefix(3);
    if (text::looksBinary(head))
        return SniffResult::notMine("binary data");
    std::array<std::string_view, kMaxFields> parts{};
    std::size_t pos = 0, dataLines = 0, shapeHits = 0, seen = 0;
    while (pos < head.size() && seen < 64) {
        std::size_t nl = head.find('\n', pos);
        const bool complete = nl != std::string_view::npos;
        if (!complete)
            nl = head.size();
        std::string_view line = head.substr(pos, nl - pos);
        pos = nl + 1;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (text::trim(line).empty())
            continue;
        ++seen;
        if (line[0] == '#') {
            if (text::startsWithNoCase(line, "#Software: Microsoft HTTP API"))
                return SniffResult::mine(100, "#Software: Microsoft HTTP API");
            if (text::startsWithNoCase(line, "#Fields:"))
                return line.find("s-reason") != std::string_view::npos
                           ? SniffResult::mine(100, "#Fields with s-reason")
                           : SniffResult::notMine("#Fields without s-reason (a W3C access log)");
            continue;
        }
        if (!complete && seen > 1)
            break;
        ++dataLines;
        const std::size_t n = splitFields(line, parts.data(), parts.size());
        if (looksLikeHttpErrLine(parts.data(), std::min(n, parts.size())))
            ++shapeHits;
    }
    if (dataLines > 0 && shapeHits * 2 > dataLines)
        return SniffResult::mine(70, "lines shaped 'date time c-ip c-port s-ip s-port …' (no directives)");
    return SniffResult::notMine("no '#Software: Microsoft HTTP API' header and no HTTPERR-shaped lines");
}

void HttpErrReader::read(ReadContext &ctx) const
{
    Source &src = ctx.source;
    src.log = std::make_unique<LogData>();
    LogData &log = *src.log;
    src.bytes.adviseSequential();
    const std::string_view bytes = src.bytes.view();
    const DirectiveScan scan = scanDirectives(bytes, &ctx.pool, ctx.options.chunkBytes);
    log.layouts = scan.layouts;
    for (const auto &e : scan.entries)
        if (e.kind == DirectiveEntry::Kind::Software)
            log.software = std::string(e.value);
    std::vector<CompiledLayout> layouts;
    bool extended = false;
    for (std::size_t i = 0; i < log.layouts.size(); ++i) {
        layouts.push_back(compile(log.layouts[i], i));
        if (layouts.back().kinds.empty())
            src.problems.add(Problem{0, Problem::kNoOffset, 0, ProblemLevel::Warning, "empty-fields",
                                     "a #Fields directive declares no fields"});
        for (const auto &f : log.layouts[i].fields)
            extended |= f == "streamid" || f == "transport";
    }
    FieldLayout def;
    def.fields = defaultHttpErrFields();
    def.assumed = true;
    const std::size_t defaultLayout = log.layouts.size();
    log.layouts.push_back(def);
    layouts.push_back(compile(def, defaultLayout));
    if (extended)
        src.formatVariant = "HTTPERR with streamid/transport fields (Windows Server 2022+)";

    HttpErrContextTable contexts;
    runChunks(ctx, scan, ctx.options.chunkBytes, log.httpErr,
              [&](ChunkOutput<HttpErrRecord> &out, const ChunkState &state) {
                  return ChunkParser(layouts, defaultLayout, scan, bytes, ctx.strings, contexts, out, state);
              });
    log.httpErrContexts = contexts.take();
}

} // namespace hs
