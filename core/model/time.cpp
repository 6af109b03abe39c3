// SPDX-License-Identifier: MIT
#include "model/time.h"

#include <array>
#include <charconv>
#include <cstdio>

namespace hs {
namespace {

bool parseDigits(std::string_view text, std::size_t pos, std::size_t count, unsigned &out) noexcept
{
    if (pos + count > text.size())
        return false;
    unsigned value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    out = value;
    return true;
}

} // namespace

std::optional<TimeUs> toTime(const CivilTime &c) noexcept
{
    if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > daysInMonth(c.year, c.month) || c.hour > 23 ||
        c.minute > 59 || c.second > 60 || c.micros >= 1'000'000)
        return std::nullopt;
    const std::int64_t days = daysFromCivil(c.year, c.month, c.day);
    const std::int64_t seconds = days * 86'400 + c.hour * 3600 + c.minute * 60 + c.second;
    return seconds * kUsPerSecond + c.micros;
}

CivilTime toCivil(TimeUs time) noexcept
{
    std::int64_t days = time / kUsPerDay;
    std::int64_t rem = time % kUsPerDay;
    if (rem < 0) {
        rem += kUsPerDay;
        --days;
    }
    // civil_from_days (Hinnant)
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    CivilTime c;
    c.day = doy - (153 * mp + 2) / 5 + 1;
    c.month = mp < 10 ? mp + 3 : mp - 9;
    c.year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (c.month <= 2 ? 1 : 0));
    const std::int64_t secs = rem / kUsPerSecond;
    c.micros = static_cast<std::uint32_t>(rem % kUsPerSecond);
    c.hour = static_cast<unsigned>(secs / 3600);
    c.minute = static_cast<unsigned>(secs / 60 % 60);
    c.second = static_cast<unsigned>(secs % 60);
    return c;
}

std::string formatIso(TimeUs time)
{
    if (time == kNoTime)
        return {};
    const CivilTime c = toCivil(time);
    std::array<char, 40> buf{};
    int n = 0;
    if (c.micros == 0)
        n = std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02uT%02u:%02u:%02uZ", c.year, c.month, c.day, c.hour,
                          c.minute, c.second);
    else
        n = std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02uT%02u:%02u:%02u.%06uZ", c.year, c.month, c.day, c.hour,
                          c.minute, c.second, static_cast<unsigned>(c.micros));
    return std::string(buf.data(), static_cast<std::size_t>(n > 0 ? n : 0));
}

std::string formatHuman(TimeUs time)
{
    if (time == kNoTime)
        return {};
    const CivilTime c = toCivil(time);
    std::array<char, 40> buf{};
    int n = 0;
    if (c.micros == 0)
        n = std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u %02u:%02u:%02u", c.year, c.month, c.day, c.hour,
                          c.minute, c.second);
    else
        n = std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u %02u:%02u:%02u.%03u", c.year, c.month, c.day, c.hour,
                          c.minute, c.second, static_cast<unsigned>(c.micros / 1000));
    return std::string(buf.data(), static_cast<std::size_t>(n > 0 ? n : 0));
}

std::optional<int> parseUtcOffsetMinutes(std::string_view text) noexcept
{
    if (text == "Z" || text == "z")
        return 0;
    if (text.empty() || (text[0] != '+' && text[0] != '-'))
        return std::nullopt;
    const int sign = text[0] == '-' ? -1 : 1;
    text.remove_prefix(1);
    unsigned hours = 0, minutes = 0;
    if (text.size() == 5 && text[2] == ':') {
        if (!parseDigits(text, 0, 2, hours) || !parseDigits(text, 3, 2, minutes))
            return std::nullopt;
    } else if (text.size() == 4) {
        if (!parseDigits(text, 0, 2, hours) || !parseDigits(text, 2, 2, minutes))
            return std::nullopt;
    } else if (text.size() == 1 || text.size() == 2) {
        if (!parseDigits(text, 0, text.size(), hours))
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (hours > 14 || minutes > 59)
        return std::nullopt;
    return sign * static_cast<int>(hours * 60 + minutes);
}

std::optional<TimeUs> parseIso(std::string_view text) noexcept
{
    // YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|±HH:MM|±HHMM]
    CivilTime c;
    unsigned year = 0;
    if (!parseDigits(text, 0, 4, year) || text.size() < 19 || text[4] != '-' || text[7] != '-' ||
        (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || text[13] != ':' || text[16] != ':')
        return std::nullopt;
    c.year = static_cast<int>(year);
    if (!parseDigits(text, 5, 2, c.month) || !parseDigits(text, 8, 2, c.day) || !parseDigits(text, 11, 2, c.hour) ||
        !parseDigits(text, 14, 2, c.minute) || !parseDigits(text, 17, 2, c.second))
        return std::nullopt;
    std::size_t pos = 19;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        std::uint32_t micros = 0;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 6) {
                micros = micros * 10 + static_cast<std::uint32_t>(text[pos] - '0');
                ++digits;
            }
            ++pos;
        }
        if (digits == 0)
            return std::nullopt;
        for (; digits < 6; ++digits)
            micros *= 10;
        c.micros = micros;
    }
    int offsetMinutes = 0;
    if (pos < text.size()) {
        const auto offset = parseUtcOffsetMinutes(text.substr(pos));
        if (!offset)
            return std::nullopt;
        offsetMinutes = *offset;
    }
    const auto t = toTime(c);
    if (!t)
        return std::nullopt;
    return *t - static_cast<TimeUs>(offsetMinutes) * kUsPerMinute;
}

std::string formatDuration(TimeUs d)
{
    std::array<char, 48> buf{};
    int n = 0;
    const char *sign = d < 0 ? "-" : "";
    const TimeUs a = d < 0 ? -d : d;
    if (a < kUsPerMs)
        n = std::snprintf(buf.data(), buf.size(), "%s%lld µs", sign, static_cast<long long>(a));
    else if (a < kUsPerSecond)
        n = std::snprintf(buf.data(), buf.size(), "%s%lld ms", sign, static_cast<long long>(a / kUsPerMs));
    else if (a < kUsPerMinute)
        n = std::snprintf(buf.data(), buf.size(), "%s%.2f s", sign, static_cast<double>(a) / kUsPerSecond);
    else if (a < 60 * kUsPerMinute)
        n = std::snprintf(buf.data(), buf.size(), "%s%lld min %lld s", sign, static_cast<long long>(a / kUsPerMinute),
                          static_cast<long long>(a % kUsPerMinute / kUsPerSecond));
    else
        n = std::snprintf(buf.data(), buf.size(), "%s%lld h %lld min", sign,
                          static_cast<long long>(a / (60 * kUsPerMinute)),
                          static_cast<long long>(a % (60 * kUsPerMinute) / kUsPerMinute));
    return std::string(buf.data(), static_cast<std::size_t>(n > 0 ? n : 0));
}

} // namespace hs
