// SPDX-License-Identifier: MIT
#include "formats/iis_native_reader.h"

#include "formats/directive_log.h"
#include "formats/text_scan.h"
#include "model/string_pool.h"

#include <algorithm>
#include <array>

namespace hs {
namespace {

constexpr std::size_t kFields = 15;
constexpr std::size_t kMaxLineBytes = 64 * 1024;

enum Field : std::size_t {
    kClientIp,
    kUser,
    kDate,
    kTime,
    kSite,
    kServerName,
    kServerIp,
    kTimeTaken,
    kClientBytes,
    kServerBytes,
    kStatus,
    kWin32,
    kMethod,
    kTarget,
    kParameters
};

// "03/20/01" or "6/10/2009" (US order, as IIS writes it) -> days since epoch.
std::optional<std::int64_t> parseUsDate(std::string_view s)
{
    const std::size_t a = s.find('/');
    const std::size_t b = a == std::string_view::npos ? a : s.find('/', a + 1);
    if (b == std::string_view::npos)
        return std::nullopt;
    unsigned m = 0, d = 0, y = 0;
    if (!text::parseUnsigned(s.substr(0, a), m) || !text::parseUnsigned(s.substr(a + 1, b - a - 1), d) ||
        !text::parseUnsigned(s.substr(b + 1), y))
        return std::nullopt;
    const std::size_t yearDigits = s.size() - b - 1;
    if (yearDigits == 2)
        y += y < 70 ? 2000 : 1900; // IIS 5 wrote two-digit years
    else if (yearDigits != 4)
        return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(static_cast<int>(y), m))
        return std::nullopt;
    return daysFromCivil(static_cast<int>(y), m, d);
}

// "7:55:20" or "07:55:20" -> micros since midnight
std::optional<TimeUs> parseShortTime(std::string_view s)
{
    const std::size_t a = s.find(':');
    const std::size_t b = a == std::string_view::npos ? a : s.find(':', a + 1);
    if (b == std::string_view::npos)
        return std::nullopt;
    unsigned h = 0, m = 0, sec = 0;
    if (!text::parseUnsigned(s.substr(0, a), h) || !text::parseUnsigned(s.substr(a + 1, b - a - 1), m) ||
        !text::parseUnsigned(s.substr(b + 1), sec) || h > 23 || m > 59 || sec > 60 || a > 2 || b - a != 3)
        return std::nullopt;
    return (static_cast<TimeUs>(h) * 3600 + m * 60 + sec) * kUsPerSecond;
}

bool isDash(std::string_view v) noexcept
{
    return v.empty() || (v.size() == 1 && v[0] == '-');
}

class ChunkParser {
public:
    ChunkParser(StringPool &pool, ChunkOutput<AccessRecord> &out, std::optional<int> offset)
        : cache_(pool), out_(out), offsetMinutes_(offset)
    {
    }

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
        std::array<std::string_view, kFields> f{};
        const std::size_t n = splitIisNativeFields(line, f.data(), f.size());
        if (n != kFields) {
            out_.reject(lineNo, "field-count",
                        std::to_string(n) + " comma-separated fields, 15 expected in the IIS log format");
            return;
        }
        const auto days = parseUsDate(f[kDate]);
        const auto tod = parseShortTime(f[kTime]);
        if (!days || !tod) {
            out_.reject(lineNo, "bad-time",
                        "malformed date/time '" + std::string(f[kDate].substr(0, 20)) + " " +
                            std::string(f[kTime].substr(0, 20)) + "' (expected m/d/yy h:mm:ss)");
            return;
        }
        AccessRecord rec;
        rec.line = static_cast<std::uint32_t>(lineNo);
        rec.time = *days * kUsPerDay + *tod;
        if (offsetMinutes_)
            rec.time -= static_cast<TimeUs>(*offsetMinutes_) * kUsPerMinute;
        else
            rec.flags |= kRecordLocalTime;
        if (!text::isAscii(line) && !text::isValidUtf8(line))
            rec.flags |= kRecordNonUtf8;
        if (!isDash(f[kClientIp]))
            rec.clientIp = toLogAddress(f[kClientIp], [&](std::string_view t) { return cache_.intern(t); });
        rec.serverIp = isDash(f[kServerIp]) ? kEmptyStr : cache_.intern(f[kServerIp]);
        rec.method = isDash(f[kMethod]) ? kEmptyStr : cache_.intern(f[kMethod]);
        rec.uriStem = isDash(f[kTarget]) ? kEmptyStr : cache_.intern(f[kTarget]);
        number(f[kTimeTaken], rec.timeTakenMs, lineNo, "time taken");
        number(f[kClientBytes], rec.csBytes, lineNo, "client bytes sent");
        number(f[kServerBytes], rec.scBytes, lineNo, "server bytes sent");
        number(f[kStatus], rec.status, lineNo, "service status code");
        number(f[kWin32], rec.win32, lineNo, "Windows status code");
        out_.widen(rec.time);
        out_.rows.push_back(rec);
    }

    NoteTally tally;

private:
    template <typename T>
    void number(std::string_view v, T &out, std::uint64_t lineNo, const char *name)
    {
        if (isDash(v))
            return;
        T value{};
        if (text::parseUnsigned(v, value))
            out = value;
        else
            out_.note(lineNo, "bad-value",
                      std::string(name) + " '" + std::string(v.substr(0, 40)) +
                          "' is not a number or out of range; left empty");
    }

    InternCache cache_;
    ChunkOutput<AccessRecord> &out_;
    std::optional<int> offsetMinutes_;
};

bool looksLikeIisNative(std::string_view line)
{
    std::array<std::string_view, kFields> f{};
    if (splitIisNativeFields(line, f.data(), f.size()) != kFields)
        return false;
    unsigned status = 0;
    return parseUsDate(f[kDate]) && parseShortTime(f[kTime]) && text::parseUnsigned(f[kStatus], status);
}

} // namespace

const std::vector<std::string> &iisNativeFieldNames()
{
    static const std::vector<std::string> kNames = {"c-ip",       "cs-username",    "date",        "time",
                                                    "s-sitename", "s-computername", "s-ip",        "time-taken",
                                                    "cs-bytes",   "sc-bytes",       "sc-status",   "sc-win32-status",
                                                    "cs-method",  "cs-uri-stem",    "cs-uri-query"};
    return kNames;
}

std::size_t splitIisNativeFields(std::string_view line, std::string_view *out, std::size_t capacity) noexcept
{
    // Lines end in "," (sometimes ", "): drop it so the last field is the parameters.
    line = text::trim(line);
    if (!line.empty() && line.back() == ',')
        line.remove_suffix(1);
    std::size_t n = 0;
    std::size_t pos = 0;
    while (true) {
        const std::size_t comma = n + 1 < kFields ? line.find(", ", pos) : std::string_view::npos;
        const std::string_view field =
            line.substr(pos, comma == std::string_view::npos ? line.size() - pos : comma - pos);
        if (n < capacity)
            out[n] = field;
        ++n;
        if (comma == std::string_view::npos)
            break;
        pos = comma + 2;
    }
    return n;
}

std::string_view IisNativeReader::recognisedBy() const
{
    return "lines of 15 comma-separated fields with an m/d/yy date and h:mm:ss time (no directives)";
}

SniffResult IisNativeReader::sniff(const SniffInput &input) const
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
        const std::string_view line = text::trim(head.substr(pos, nl - pos));
        pos = nl + 1;
        if (line.empty())
            continue;
        ++lines;
        hits += looksLikeIisNative(line) ? 1 : 0;
    }
    if (lines > 0 && hits * 2 > lines)
        return SniffResult::mine(80, "15 comma-separated fields with m/d/yy dates");
    return SniffResult::notMine("lines are not 15 comma-separated fields with m/d/yy dates");
}

void IisNativeReader::read(ReadContext &ctx) const
{
    Source &src = ctx.source;
    src.log = std::make_unique<LogData>();
    LogData &log = *src.log;
    FieldLayout layout;
    layout.fields = iisNativeFieldNames();
    log.layouts.push_back(layout);
    log.timeBasis = ctx.options.localOffsetMinutes ? TimeBasis::LocalGiven : TimeBasis::LocalUnknown;
    log.localOffsetMinutes = ctx.options.localOffsetMinutes.value_or(0);
    src.bytes.adviseSequential();
    const DirectiveScan noDirectives = scanLines(src.bytes.view(), &ctx.pool, ctx.options.chunkBytes);
    const std::optional<int> offset = ctx.options.localOffsetMinutes;
    runChunks(
        ctx, noDirectives, ctx.options.chunkBytes, log.access,
        [&](ChunkOutput<AccessRecord> &out, const ChunkState &) { return ChunkParser(ctx.strings, out, offset); });
    src.problems.add(Problem{0, Problem::kNoOffset, 0, ProblemLevel::Note, "local-time",
                             offset ? "server-local times converted to UTC with the given offset"
                                    : "the IIS log format records server-local time and no UTC offset: times are "
                                      "shown as if they were UTC (give the offset with --local-offset)"});
    if (!log.access.empty()) {
        std::array<std::string_view, kFields> f{};
        if (splitIisNativeFields(src.rawLine(log.access[0].line), f.data(), f.size()) == kFields)
            log.siteName = std::string(f[kSite]);
    }
}

} // namespace hs
