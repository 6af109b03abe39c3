// SPDX-License-Identifier: MIT
#include "formats/ncsa_reader.h"

#include "formats/directive_log.h"
#include "formats/text_scan.h"
#include "model/string_pool.h"

#include <array>

namespace hs {
namespace {

constexpr std::size_t kMaxLineBytes = 64 * 1024;

bool isDash(std::string_view v) noexcept
{
    return v.empty() || (v.size() == 1 && v[0] == '-');
}

// "10/Oct/2000:13:55:36 -0700" -> UTC
std::optional<TimeUs> parseNcsaTime(std::string_view s)
{
    static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (s.size() < 20 || s[2] != '/' || s[6] != '/' || s[11] != ':' || s[14] != ':' || s[17] != ':')
        return std::nullopt;
    CivilTime c;
    unsigned year = 0;
    if (!text::parseUnsigned(s.substr(0, 2), c.day) || !text::parseUnsigned(s.substr(7, 4), year) ||
        !text::parseUnsigned(s.substr(12, 2), c.hour) || !text::parseUnsigned(s.substr(15, 2), c.minute) ||
        !text::parseUnsigned(s.substr(18, 2), c.second))
        return std::nullopt;
    c.year = static_cast<int>(year);
    c.month = 0;
    for (unsigned m = 0; m < 12; ++m)
        if (text::equalsNoCase(s.substr(3, 3), kMonths[m]))
            c.month = m + 1;
    const auto t = toTime(c);
    if (!t)
        return std::nullopt;
    int offset = 0;
    if (s.size() > 20) {
        const auto o = parseUtcOffsetMinutes(text::trim(s.substr(20)));
        if (!o)
            return std::nullopt;
        offset = *o;
    }
    return *t - static_cast<TimeUs>(offset) * kUsPerMinute;
}

// Quoted field with backslash escapes (Apache writes \" inside); returns the inner view and moves pos.
bool takeQuoted(std::string_view line, std::size_t &pos, std::string_view &out)
{
    if (pos >= line.size() || line[pos] != '"')
        return false;
    const std::size_t start = ++pos;
    while (pos < line.size() && line[pos] != '"') {
        if (line[pos] == '\\' && pos + 1 < line.size())
            ++pos;
        ++pos;
    }
    if (pos >= line.size())
        return false;
    out = line.substr(start, pos - start);
    ++pos;
    return true;
}

bool takeToken(std::string_view line, std::size_t &pos, std::string_view &out)
{
    if (pos >= line.size())
        return false;
    const std::size_t sp = line.find(' ', pos);
    out = line.substr(pos, sp == std::string_view::npos ? line.size() - pos : sp - pos);
    pos = sp == std::string_view::npos ? line.size() : sp;
    return !out.empty();
}

bool skipSpace(std::string_view line, std::size_t &pos)
{
    if (pos >= line.size() || line[pos] != ' ')
        return false;
    while (pos < line.size() && line[pos] == ' ')
        ++pos;
    return true;
}

class ChunkParser {
public:
    ChunkParser(StringPool &pool, ChunkOutput<AccessRecord> &out) : cache_(pool), uaCache_(pool), out_(out) {}

    void onLine(std::string_view line, std::uint64_t, std::uint64_t lineNo)
    {
        ++out_.lines;
        if (text::trim(line).empty()) {
            ++out_.blankLines;
            return;
        }
        ++out_.dataLines;
        if (line.size() > kMaxLineBytes) {
            out_.reject(lineNo, "line-too-long", "line is " + text::groupThousands(line.size()) + " bytes long");
            return;
        }
        if (std::memchr(line.data(), '\0', line.size())) {
            out_.reject(lineNo, "binary", "line contains NUL bytes (binary data, not a log line)");
            return;
        }
        std::array<std::string_view, 9> f{};
        const std::size_t n = splitNcsaFields(line, f.data(), f.size());
        if (n == 0) {
            out_.reject(lineNo, "shape",
                        "not an NCSA line (expected: host ident user [time] \"request\" status bytes)");
            return;
        }
        const auto t = parseNcsaTime(f[3]);
        if (!t) {
            out_.reject(lineNo, "bad-time",
                        "malformed time '" + std::string(f[3].substr(0, 40)) +
                            "' (expected dd/Mon/yyyy:hh:mm:ss +zzzz)");
            return;
        }
        AccessRecord rec;
        rec.line = static_cast<std::uint32_t>(lineNo);
        rec.time = *t;
        if (!text::isAscii(line) && !text::isValidUtf8(line))
            rec.flags |= kRecordNonUtf8;
        if (!isDash(f[0]))
            rec.clientIp = toLogAddress(f[0], [&](std::string_view text) { return cache_.intern(text); });
        // request: METHOD SP target SP version
        const std::string_view request = f[4];
        const std::size_t sp1 = request.find(' ');
        if (!isDash(request) && sp1 != std::string_view::npos) {
            rec.method = cache_.intern(request.substr(0, sp1));
            const std::size_t sp2 = request.rfind(' ');
            std::string_view target = request.substr(sp1 + 1, sp2 > sp1 ? sp2 - sp1 - 1 : std::string_view::npos);
            if (sp2 > sp1)
                rec.version = parseHttpVersion(request.substr(sp2 + 1));
            else
                target = request.substr(sp1 + 1);
            const std::size_t q = target.find('?');
            rec.uriStem = cache_.intern(target.substr(0, q));
        } else if (!isDash(request)) {
            out_.note(lineNo, "bad-value", "request '" + std::string(request.substr(0, 60)) + "' has no target");
        }
        if (!isDash(f[5]) && !text::parseUnsigned(f[5], rec.status))
            out_.note(lineNo, "bad-value", "status '" + std::string(f[5].substr(0, 20)) + "' is not a number");
        if (!isDash(f[6]) && !text::parseUnsigned(f[6], rec.scBytes))
            out_.note(lineNo, "bad-value",
                      "bytes '" + std::string(f[6].substr(0, 20)) + "' is not a number or out of range; left empty");
        if (n == 9 && !isDash(f[8]))
            rec.userAgent = uaCache_.intern(f[8]);
        out_.widen(rec.time);
        out_.rows.push_back(rec);
    }

    NoteTally tally;

private:
    InternCache cache_;
    InternCache uaCache_;
    ChunkOutput<AccessRecord> &out_;
};

} // namespace

const std::vector<std::string> &ncsaFieldNames()
{
    static const std::vector<std::string> kNames = {"c-ip",      "ident",    "cs-username", "time",          "request",
                                                    "sc-status", "sc-bytes", "cs(Referer)", "cs(User-Agent)"};
    return kNames;
}

std::size_t splitNcsaFields(std::string_view line, std::string_view *out, std::size_t capacity) noexcept
{
    std::array<std::string_view, 9> f{};
    std::size_t pos = 0;
    if (!takeToken(line, pos, f[0]) || !skipSpace(line, pos) || !takeToken(line, pos, f[1]) || !skipSpace(line, pos) ||
        !takeToken(line, pos, f[2]) || !skipSpace(line, pos))
        return 0;
    if (pos >= line.size() || line[pos] != '[')
        return 0;
    const std::size_t close = line.find(']', pos);
    if (close == std::string_view::npos)
        return 0;
    f[3] = line.substr(pos + 1, close - pos - 1);
    pos = close + 1;
    if (!skipSpace(line, pos) || !takeQuoted(line, pos, f[4]) || !skipSpace(line, pos) || !takeToken(line, pos, f[5]) ||
        !skipSpace(line, pos) || !takeToken(line, pos, f[6]))
        return 0;
    std::size_t n = 7;
    std::size_t save = pos;
    if (skipSpace(line, save) && takeQuoted(line, save, f[7]) && skipSpace(line, save) &&
        takeQuoted(line, save, f[8])) {
        n = 9;
        pos = save;
    }
    if (!text::trim(line.substr(pos)).empty() && n == 7) {
        // Anything after the common fields must be the combined pair (or trailing spaces).
        return 0;
    }
    for (std::size_t i = 0; i < n && i < capacity; ++i)
        out[i] = f[i];
    return n;
}

std::string_view NcsaReader::recognisedBy() const
{
    return "lines shaped 'host ident user [dd/Mon/yyyy:hh:mm:ss +zzzz] \"request\" status bytes'";
}

SniffResult NcsaReader::sniff(const SniffInput &input) const
{
    std::string_view head = input.head;
    if (text::startsWith(head, "\xEF\xBB\xBF"))
        head.remove_prefix(3);
    if (text::looksBinary(head))
        return SniffResult::notMine("binary data");
    std::size_t pos = 0, lines = 0, hits = 0;
    while (pos < head.size() && lines < 32) {
        std::size_t nl = head.find('\n', pos);
        if (nl == std::string_view::npos) {
            if (lines > 0)
                break;
            nl = head.size();
        }
        std::string_view line = head.substr(pos, nl - pos);
        pos = nl + 1;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (text::trim(line).empty())
            continue;
        ++lines;
        std::array<std::string_view, 9> f{};
        if (splitNcsaFields(line, f.data(), f.size()) && parseNcsaTime(f[3]))
            ++hits;
    }
    if (lines > 0 && hits * 2 > lines)
        return SniffResult::mine(80, "NCSA common/combined lines");
    return SniffResult::notMine("lines are not NCSA common/combined");
}

void NcsaReader::read(ReadContext &ctx) const
{
    Source &src = ctx.source;
    src.log = std::make_unique<LogData>();
    LogData &log = *src.log;
    FieldLayout layout;
    layout.fields = ncsaFieldNames();
    log.layouts.push_back(layout);
    log.timeBasis = TimeBasis::InLine;
    src.bytes.adviseSequential();
    const DirectiveScan noDirectives = scanLines(src.bytes.view(), &ctx.pool, ctx.options.chunkBytes);
    runChunks(ctx, noDirectives, ctx.options.chunkBytes, log.access,
              [&](ChunkOutput<AccessRecord> &out, const ChunkState &) { return ChunkParser(ctx.strings, out); });
}

} // namespace hs
