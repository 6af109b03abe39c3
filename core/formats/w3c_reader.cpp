// SPDX-License-Identifier: MIT
#include "formats/w3c_reader.h"

#include "formats/column_interner.h"
#include "formats/deferred_ids.h"
#include "formats/directive_log.h"
#include "formats/text_scan.h"
#include "formats/timestamp_cache.h"
#include "formats/w3c_fields.h"
#include "model/force_inline.h"
#include "model/ip_address.h"
#include "model/string_pool.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"
#include "tasks/task_pool.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <map>
#include <optional>
#include <span>
#include <utility>

namespace hs {
namespace {

constexpr std::size_t kMaxFields = 128;
constexpr std::size_t kMaxLineBytes = 256 * 1024; // IIS caps custom data at 64 KiB per entry

struct CompiledLayout {
    std::vector<W3cField> kinds;
    // The fields a record takes, in field order: each line visits these, not the fields it only
    // keeps in the raw line (query, user name, referer, custom fields).
    std::vector<std::pair<std::uint32_t, W3cField>> read;
    std::size_t layoutIndex = 0; // index into LogData::layouts
    bool hasDate = false;
    bool hasTime = false;
    bool localTime = false; // date-local/time-local (IIS Advanced Logging)
    bool assumed = false;
    bool iisDefault = false; // read is kIisDefaultRead: fields read in a fixed order, no dispatch
    std::string_view label;  // for assumed layouts
};

// What a record takes from IIS's default W3C field set (IIS 7.5 to 10: date time s-ip cs-method
// cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status
// sc-substatus sc-win32-status time-taken), the set most IIS logs are written with.
constexpr std::array<std::pair<std::uint32_t, W3cField>, 12> kIisDefaultRead{{
    {0, W3cField::Date},
    {1, W3cField::Time},
    {2, W3cField::ServerIp},
    {3, W3cField::Method},
    {4, W3cField::UriStem},
    {6, W3cField::ServerPort},
    {8, W3cField::ClientIp},
    {9, W3cField::UserAgent},
    {11, W3cField::Status},
    {12, W3cField::Substatus},
    {13, W3cField::Win32Status},
    {14, W3cField::TimeTaken},
}};

// Whether parseData stores anything from a field of this kind (its switch handles exactly these).
bool takesField(W3cField f) noexcept
{
    switch (f) {
    case W3cField::Date:
    case W3cField::Time:
    case W3cField::ClientIp:
    case W3cField::ServerIp:
    case W3cField::Method:
    case W3cField::UriStem:
    case W3cField::UserAgent:
    case W3cField::Host:
    case W3cField::Version:
    case W3cField::ServerPort:
    case W3cField::Status:
    case W3cField::Substatus:
    case W3cField::Win32Status:
    case W3cField::TimeTaken:
    case W3cField::ScBytes:
    case W3cField::CsBytes: return true;
    default: return false;
    }
}

CompiledLayout compile(const FieldLayout &layout, std::size_t index)
{
    CompiledLayout c;
    c.layoutIndex = index;
    c.assumed = layout.assumed;
    for (const auto &name : layout.fields) {
        W3cField f = classifyW3cField(name);
        if (f == W3cField::DateLocal || f == W3cField::TimeLocal) {
            c.localTime = true;
            f = f == W3cField::DateLocal ? W3cField::Date : W3cField::Time;
        }
        if (takesField(f))
            c.read.emplace_back(static_cast<std::uint32_t>(c.kinds.size()), f);
        c.kinds.push_back(f);
        c.hasDate |= f == W3cField::Date;
        c.hasTime |= f == W3cField::Time;
    }
    c.iisDefault =
        !c.localTime && std::equal(c.read.begin(), c.read.end(), kIisDefaultRead.begin(), kIisDefaultRead.end());
    return c;
}

bool isDash(std::string_view v) noexcept
{
    return v.size() == 1 && v[0] == '-';
}

// A field IIS wrote as "-" (or left empty): the record keeps its default.
bool isAbsent(std::string_view v) noexcept
{
    return v.empty() || isDash(v);
}

// Shape check for a line under an assumed layout: it must look like what IIS writes there.
bool fitsShape(const CompiledLayout &layout, const std::string_view *parts, std::size_t n)
{
    if (n != layout.kinds.size())
        return false;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string_view v = parts[i];
        switch (layout.kinds[i]) {
        case W3cField::Date:
            if (!text::parseIsoDate(v))
                return false;
            break;
        case W3cField::Time:
            if (!text::parseTimeOfDay(v))
                return false;
            break;
        case W3cField::ClientIp:
        case W3cField::ServerIp:
            if (!isDash(v) && !parseIp(v))
                return false;
            break;
        case W3cField::ServerPort: {
            std::uint16_t port = 0;
            if (!text::parseUnsigned(v, port))
                return false;
            break;
        }
        case W3cField::Status: {
            unsigned status = 0;
            if (!text::parseUnsigned(v, status) || status < 100 || status > 999)
                return false;
            break;
        }
        case W3cField::Substatus:
        case W3cField::Win32Status:
        case W3cField::TimeTaken:
        case W3cField::ScBytes:
        case W3cField::CsBytes: {
            std::uint64_t x = 0;
            if (!isDash(v) && !text::parseUnsigned(v, x))
                return false;
            break;
        }
        case W3cField::SiteName:
            if (parseIp(v))
                return false;
            break;
        case W3cField::Method:
            if (v.empty() || isDash(v))
                return false;
            break;
        default: break;
        }
    }
    return true;
}

struct ParserSettings {
    const std::vector<CompiledLayout> &layouts;
    std::size_t firstAssumed;
    const DirectiveScan &scan;
    std::optional<int> localOffsetMinutes; // user-given offset for date-local/time-local fields
    std::string_view input;                // the mapped file: number() may read a word past a value
};

class ChunkParser {
public:
    ChunkParser(const ParserSettings &settings, StringPool &pool, ChunkOutput<AccessRecord> &out,
                const ChunkState &state)
        : s_(settings), uaColumn_(fieldSlotsFor(settings.layouts, kMaxFields)), cols_(pool, uaColumn_ + 1),
          uaCache_(pool), out_(out), layout_(state.layout)
    {
        parts_.resize(fieldSlotsFor(settings.layouts, kMaxFields));
        setDateDirective(state.date);
        setGmtOffset(state.gmtOffset);
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
            onDirective(split.offset);
            return;
        }
        ++out_.dataLines;
        parseData(line, lineNo, split.scan);
        deferred_.endLine(out_.rows);
    }

    void finish() { deferred_.flush(out_.rows); }

    NoteTally tally;

private:
    void setDateDirective(std::string_view value)
    {
        dateDirectiveDays_.reset();
        if (value.size() >= 10)
            dateDirectiveDays_ = text::parseIsoDate(value.substr(0, 10));
    }

    void setGmtOffset(std::string_view value)
    {
        gmtOffsetMinutes_.reset();
        if (!value.empty())
            gmtOffsetMinutes_ = parseUtcOffsetMinutes(text::trim(value));
    }

    void onDirective(std::uint64_t offset)
    {
        const auto &entries = s_.scan.entries;
        const auto it = std::lower_bound(entries.begin(), entries.end(), offset,
                                         [](const DirectiveEntry &e, std::uint64_t o) { return e.offset < o; });
        if (it == entries.end() || it->offset != offset)
            return;
        if (it->kind == DirectiveEntry::Kind::Fields)
            layout_ = it->layoutIndex;
        else if (it->kind == DirectiveEntry::Kind::Date)
            setDateDirective(it->value);
        else if (it->kind == DirectiveEntry::Kind::GmtOffset)
            setGmtOffset(it->value);
    }

    // Picks the layout for a line and fills parts_: the declared one with IIS's single-space
    // split, then the declared one with the W3C draft's quote-aware split, then an IIS default set.
    const CompiledLayout *chooseLayout(std::string_view line, std::size_t &n, std::uint64_t lineNo,
                                       const LineScan &scan)
    {
        quotedLine_ = false;
        n = scan.fields;
        const CompiledLayout *declared = layout_ >= 0 ? &s_.layouts[static_cast<std::size_t>(layout_)] : nullptr;
        if (declared && !declared->kinds.empty()) {
            const std::size_t want = declared->kinds.size();
            if (n == want + 1 && parts_[want].empty())
                n = want; // a trailing space
            if (n == want)
                return declared;
            std::size_t q = splitFieldsQuoted(line, parts_.data(), parts_.size(), scratch_);
            if (q == want) {
                n = q;
                quotedLine_ = true;
                tally.add("split-quoted", "had quoted values or several spaces between fields (W3C draft syntax)",
                          lineNo);
                return declared;
            }
            n = splitFields(line, parts_.data(), parts_.size());
        }
        if (n <= kMaxFields) {
            for (std::size_t i = s_.firstAssumed; i < s_.layouts.size(); ++i) {
                if (fitsShape(s_.layouts[i], parts_.data(), n)) {
                    tally.add("assumed-fields",
                              "without a matching #Fields directive were read with the " +
                                  std::string(s_.layouts[i].label),
                              lineNo);
                    return &s_.layouts[i];
                }
            }
        }
        return nullptr;
    }

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
        std::size_t n = 0;
        const CompiledLayout *layout = chooseLayout(line, n, lineNo, scan);
        if (!layout) {
            if (layout_ < 0)
                out_.reject(lineNo, "no-fields",
                            "data line before any #Fields directive (" + std::to_string(n) +
                                " fields; no default IIS field set fits)");
            else
                out_.reject(lineNo, "field-count",
                            std::to_string(n) + " fields, " +
                                std::to_string(s_.layouts[static_cast<std::size_t>(layout_)].kinds.size()) +
                                " declared in #Fields");
            return;
        }
        // Built in place: a record assembled on the stack was copied field by field into the vector
        // (the vector is reserved for every line, so the reference stays valid).
        // chooseLayout returns a layout only for a line with exactly its fields, so every index in
        // layout->read has a part.
        assert(n == layout->kinds.size());
        AccessRecord &rec = out_.rows.emplace_back();
        if (!fillRecord(rec, *layout, line, lineNo, scan))
            out_.rows.pop_back(); // rejected; DeferredIds::endLine drops what it queued for the row
    }

    // The fields of `rec` (the last row) from the line's parts; false when the line is rejected.
    bool fillRecord(AccessRecord &rec, const CompiledLayout &layout, std::string_view line, std::uint64_t lineNo,
                    const LineScan &scan)
    {
        const std::size_t row = out_.rows.size() - 1;
        rec.line = static_cast<std::uint32_t>(lineNo);
        rec.layout = static_cast<std::uint16_t>(std::min<std::size_t>(layout.layoutIndex, 0xffff));
        if (layout.assumed)
            rec.flags |= kRecordGuessedLayout;
        if (scan.hasHighBytes && !text::isValidUtf8(line))
            rec.flags |= kRecordNonUtf8;
        LineFields f{rec, row, lineNo, {}, {}};
        if (layout.iisDefault) {
            if (!readIisDefault(f, std::make_index_sequence<kIisDefaultRead.size()>{}))
                return false;
        } else {
            for (const auto &[i, kind] : layout.read)
                if (!readField(kind, i, f))
                    return false;
        }
        std::optional<std::int64_t> &days = f.days;
        const std::optional<text::TimeOfDay> &tod = f.tod;
        if (!days) {
            if (!dateDirectiveDays_) {
                out_.reject(lineNo, "bad-time",
                            "no date: the field set has no date and no #Date directive precedes the line");
                return false;
            }
            days = dateDirectiveDays_;
        }
        if (!tod) {
            out_.reject(lineNo, "bad-time", "no time field in the field set");
            return false;
        }
        rec.time = *days * kUsPerDay + tod->micros;
        if (layout.localTime) {
            if (s_.localOffsetMinutes)
                rec.time -= static_cast<TimeUs>(*s_.localOffsetMinutes) * kUsPerMinute;
            else
                rec.flags |= kRecordLocalTime;
        } else if (gmtOffsetMinutes_) {
            rec.time -= static_cast<TimeUs>(*gmtOffsetMinutes_) * kUsPerMinute;
        }
        out_.widen(rec.time);
        return true;
    }

    // The parts of the line being read and what its fields give besides the record's columns.
    struct LineFields {
        AccessRecord &rec;
        std::size_t row; // rec's index in out_.rows
        std::uint64_t lineNo;
        std::optional<std::int64_t> days;
        std::optional<text::TimeOfDay> tod;
    };

    // Reads field i, of `kind`, into the line's record; false when it rejects the line. Only the
    // kinds takesField() lists come here: a kind read below must be listed there. Always inlined:
    // readIisDefault calls it with constant kinds, so each call shrinks to its case, with no
    // indirect jump per field (the switch's jump was 13 % of parseData's samples).
    HS_FORCE_INLINE bool readField(W3cField kind, std::uint32_t i, LineFields &f)
    {
        const std::string_view &v = parts_[i];
        switch (kind) {
        case W3cField::Date:
            if (!readDateField(timestamps_, v, f.lineNo, out_, f.days))
                return false;
            break;
        case W3cField::Time:
            if (!readTimeField(timestamps_, v, f.lineNo, out_, f.tod))
                return false;
            if (f.tod->hadFraction)
                f.rec.flags |= kRecordMillisecondTime;
            break;
        case W3cField::ClientIp:
            if (isAbsent(v))
                break;
            if (quotedLine_)
                f.rec.clientIp = toLogAddress(v, [&](std::string_view t) { return cols_.cache().intern(t); });
            else
                deferred_.internAddress(i, v, f.row, f.rec, &AccessRecord::clientIp);
            break;
        case W3cField::ServerIp: f.rec.serverIp = isAbsent(v) ? kEmptyStr : internColumn(i, v); break;
        case W3cField::Method: f.rec.method = isAbsent(v) ? kEmptyStr : internColumn(i, v); break;
        case W3cField::UriStem:
            if (isAbsent(v))
                f.rec.uriStem = kEmptyStr;
            else if (quotedLine_)
                f.rec.uriStem = cols_.cache().intern(v);
            else
                deferred_.intern(i, v, f.row, f.rec, &AccessRecord::uriStem);
            break;
        case W3cField::UserAgent: f.rec.userAgent = isAbsent(v) ? kEmptyStr : internUserAgent(v); break;
        case W3cField::Host: f.rec.host = isAbsent(v) ? kEmptyStr : internColumn(i, v); break;
        case W3cField::Version: f.rec.version = isAbsent(v) ? HttpVersion::Unknown : parseHttpVersion(v); break;
        case W3cField::ServerPort: number(v, f.rec.serverPort, f.lineNo, "s-port"); break;
        case W3cField::Status: number(v, f.rec.status, f.lineNo, "sc-status"); break;
        case W3cField::Substatus: number(v, f.rec.substatus, f.lineNo, "sc-substatus"); break;
        case W3cField::Win32Status: number(v, f.rec.win32, f.lineNo, "sc-win32-status"); break;
        case W3cField::TimeTaken: number(v, f.rec.timeTakenMs, f.lineNo, "time-taken"); break;
        case W3cField::ScBytes: number(v, f.rec.scBytes, f.lineNo, "sc-bytes"); break;
        case W3cField::CsBytes: number(v, f.rec.csBytes, f.lineNo, "cs-bytes"); break;
        default: break;
        }
        return true;
    }

    // The IIS default field set, read field by field in its order (CompiledLayout::iisDefault).
    template <std::size_t... K>
    bool readIisDefault(LineFields &f, std::index_sequence<K...>)
    {
        return (readField(kIisDefaultRead[K].second, kIisDefaultRead[K].first, f) && ...);
    }

    // Inlined in the field loop; the note for a bad value is built out of line (it needs a frame
    // with strings, and stack protection on it made every call pay for that).
    template <typename T>
    void number(std::string_view v, T &out, std::uint64_t lineNo, const char *name)
    {
        T value{};
        if (text::parseUnsignedIn(v, s_.input, value)) [[likely]]
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

    // Quoted values were unescaped into scratch_, which the next line overwrites: they must not
    // be remembered as a column's last value.
    StrId internColumn(std::size_t column, std::string_view v)
    {
        return quotedLine_ ? cols_.cache().intern(v) : cols_.intern(column, v);
    }

    // The user agent's column maps the raw value (with '+' for spaces) to the id of the decoded one.
    StrId internUserAgent(std::string_view raw)
    {
        if (quotedLine_)
            return internDecodedUserAgent(raw); // raw lives in scratch_: not remembered
        if (const StrId id = cols_.recent(uaColumn_, raw); id != StringPool::kNotFound)
            return id;
        const StrId id = internDecodedUserAgent(raw);
        cols_.remember(uaColumn_, raw, id);
        return id;
    }

    StrId internDecodedUserAgent(std::string_view raw)
    {
        if (raw.find('+') == std::string_view::npos)
            return cols_.cache().intern(raw);
        return uaCache_.internTransformed(raw, [this](std::string_view r) {
            uaBuffer_.assign(r);
            std::replace(uaBuffer_.begin(), uaBuffer_.end(), '+', ' ');
            return std::string_view(uaBuffer_);
        });
    }

    const ParserSettings &s_;
    std::size_t uaColumn_; // the column after the fields: its values map to decoded user agents
    ColumnInterner cols_;
    DeferredIds<AccessRecord> deferred_{cols_}; // c-ip and cs-uri-stem: the columns with a million values
    InternCache uaCache_;
    bool quotedLine_ = false;
    ChunkOutput<AccessRecord> &out_;
    int layout_ = -1;
    std::optional<std::int64_t> dateDirectiveDays_;
    std::optional<int> gmtOffsetMinutes_;
    TimestampCache timestamps_;
    std::vector<std::string_view> parts_; // a slot for every field a line's layout may have
    std::string scratch_;
    std::string uaBuffer_;
};

} // namespace

std::string_view W3cReader::recognisedBy() const
{
    return "#Software/#Version/#Fields directives (without HTTPERR's s-reason), or lines that fit a default IIS "
           "field set";
}

SniffResult W3cReader::sniff(const SniffInput &input) const
{
    std::string_view head = input.head;
    if (text::startsWith(head, "\xEF\xBB\xBF"))
        head.remove_prefix(3);
    if (text::looksBinary(head))
        return SniffResult::notMine("binary data");
    bool directives = false;
    std::size_t linesSeen = 0, shapeHits = 0, dataLines = 0;
    std::vector<CompiledLayout> known;
    for (std::size_t i = 0; i < knownW3cLayouts().size(); ++i) {
        FieldLayout l;
        l.fields = knownW3cLayouts()[i].fields;
        known.push_back(compile(l, i));
    }
    std::array<std::string_view, kMaxFields> parts{};
    std::size_t pos = 0;
    while (pos < head.size() && linesSeen < 64) {
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
        ++linesSeen;
        if (line[0] == '#') {
            if (text::startsWithNoCase(line, "#Software: Microsoft HTTP API"))
                return SniffResult::notMine("#Software names the HTTP.sys error log (HTTPERR)");
            if (text::startsWithNoCase(line, "#Fields:")) {
                if (line.find("s-reason") != std::string_view::npos)
                    return SniffResult::notMine("#Fields has s-reason (HTTPERR)");
                return SniffResult::mine(100, "#Fields directive");
            }
            if (text::startsWithNoCase(line, "#Software:") || text::startsWithNoCase(line, "#Version:") ||
                text::startsWithNoCase(line, "#Date:"))
                directives = true;
            continue;
        }
        if (!complete && pos > head.size() && linesSeen > 1)
            break; // a line cut by the head limit proves nothing
        ++dataLines;
        const std::size_t n = splitFields(line, parts.data(), parts.size());
        for (const auto &k : known)
            if (fitsShape(k, parts.data(), n)) {
                ++shapeHits;
                break;
            }
    }
    if (directives)
        return SniffResult::mine(90, "#Software/#Version/#Date directives");
    if (dataLines > 0 && shapeHits * 2 > dataLines)
        return SniffResult::mine(60, "lines fit a default IIS W3C field set (no directives)");
    return SniffResult::notMine("no W3C directives and no line fits a default IIS field set");
}

void W3cReader::read(ReadContext &ctx) const
{
    Source &src = ctx.source;
    src.log = std::make_unique<LogData>();
    LogData &log = *src.log;
    const std::string_view bytes = src.bytes.view();
    src.bytes.adviseSequential();

    DirectiveScan scan = scanDirectives(bytes, &ctx.pool, ctx.options.chunkBytes);
    log.layouts = scan.layouts;
    for (const auto &e : scan.entries)
        if (e.kind == DirectiveEntry::Kind::Software)
            log.software = std::string(e.value);

    std::vector<CompiledLayout> layouts;
    bool dateless = false;
    for (std::size_t i = 0; i < log.layouts.size(); ++i) {
        layouts.push_back(compile(log.layouts[i], i));
        if (layouts.back().kinds.empty())
            src.problems.add(Problem{0, scan.entries.empty() ? Problem::kNoOffset : 0, 0, ProblemLevel::Warning,
                                     "empty-fields", "a #Fields directive declares no fields"});
        dateless |= !layouts.back().hasDate;
    }
    const std::size_t firstAssumed = layouts.size();
    for (std::size_t i = 0; i < knownW3cLayouts().size(); ++i) {
        FieldLayout l;
        l.fields = knownW3cLayouts()[i].fields;
        l.assumed = true;
        log.layouts.push_back(l);
        layouts.push_back(compile(l, firstAssumed + i));
        layouts.back().label = knownW3cLayouts()[i].label;
    }
    for (std::size_t i = 0; i + 1 < log.layouts.size(); ++i) {
        // Duplicate names make a field ambiguous; say so once per layout.
        auto names = log.layouts[i].fields;
        std::sort(names.begin(), names.end());
        if (std::adjacent_find(names.begin(), names.end()) != names.end() && !log.layouts[i].assumed)
            src.problems.add(Problem{0, Problem::kNoOffset, 0, ProblemLevel::Note, "duplicate-field",
                                     "#Fields declares a field twice; the last occurrence wins"});
    }

    // A field set without a date takes it from #Date and cannot be split safely: read it in one piece.
    const std::size_t chunkBytes = dateless ? bytes.size() + 1 : ctx.options.chunkBytes;
    const ParserSettings settings{layouts, firstAssumed, scan, ctx.options.localOffsetMinutes, bytes};
    runChunks(ctx, scan, chunkBytes, log.access, [&](ChunkOutput<AccessRecord> &out, const ChunkState &state) {
        return ChunkParser(settings, ctx.strings, out, state);
    });

    bool local = false;
    for (std::size_t i = 0; i < firstAssumed; ++i)
        local |= layouts[i].localTime;
    if (local) {
        log.timeBasis = ctx.options.localOffsetMinutes ? TimeBasis::LocalGiven : TimeBasis::LocalUnknown;
        log.localOffsetMinutes = ctx.options.localOffsetMinutes.value_or(0);
        src.problems.add(Problem{0, Problem::kNoOffset, 0, ProblemLevel::Note, "local-time",
                                 ctx.options.localOffsetMinutes
                                     ? "date-local/time-local fields converted to UTC with the given offset"
                                     : "date-local/time-local fields hold server-local time with an unknown offset; "
                                       "times are shown as if they were UTC (set --local-offset)"});
    }
    for (const auto &e : scan.entries)
        if (e.kind == DirectiveEntry::Kind::GmtOffset) {
            src.problems.add(Problem{0, e.offset, 0, ProblemLevel::Note, "local-time",
                                     "times converted to UTC with #GMT-Offset " + std::string(e.value)});
            break;
        }

    // The site: s-sitename when logged, else the W3SVC<n> folder IIS writes the file into.
    if (!log.access.empty())
        if (const auto name = w3cFieldValue(src, log.access[0], "s-sitename"); name && *name != "-")
            log.siteName = std::string(*name);
    if (log.siteName.empty()) {
        const std::u8string folder = src.filePath.parent_path().filename().u8string();
        const std::string parent(reinterpret_cast<const char *>(folder.data()), folder.size());
        if (text::startsWithNoCase(parent, "W3SVC"))
            log.siteName = parent;
    }
}

} // namespace hs
