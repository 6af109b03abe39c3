// SPDX-License-Identifier: MIT
// Time in HttpSleuth: int64 microseconds since the Unix epoch, UTC, everywhere (ARCHITECTURE §3).
// Civil-date arithmetic is done here, not with the C library, so results never depend on TZ.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace hs {

using TimeUs = std::int64_t;
inline constexpr TimeUs kNoTime = std::numeric_limits<TimeUs>::min();
inline constexpr TimeUs kUsPerMs = 1'000;
inline constexpr TimeUs kUsPerSecond = 1'000'000;
inline constexpr TimeUs kUsPerMinute = 60 * kUsPerSecond;
inline constexpr TimeUs kUsPerDay = 86'400 * kUsPerSecond;

// Widens [first, last] to cover t; kNoTime in either bound means "no time yet", a kNoTime t is ignored.
constexpr void widenTimeRange(TimeUs &first, TimeUs &last, TimeUs t) noexcept
{
    if (t == kNoTime)
        return;
    if (first == kNoTime || t < first)
        first = t;
    if (last == kNoTime || t > last)
        last = t;
}

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil algorithm).
constexpr std::int64_t daysFromCivil(int year, unsigned month, unsigned day) noexcept
{
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

constexpr bool isLeapYear(int year) noexcept
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr unsigned daysInMonth(int year, unsigned month) noexcept
{
    constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : kDays[(month - 1) % 12];
}

struct CivilTime {
    int year = 1970;
    unsigned month = 1, day = 1, hour = 0, minute = 0, second = 0;
    std::uint32_t micros = 0;
};

// Validates ranges (month 1-12, day within month, hour < 24, minute < 60, second <= 60 for leap
// seconds, which are folded into the next second) and returns the UTC instant.
std::optional<TimeUs> toTime(const CivilTime &civil) noexcept;
CivilTime toCivil(TimeUs time) noexcept;

// ISO 8601 UTC: "2026-11-21T10:00:01Z", or with ".ffffff" when the time has a sub-second part.
std::string formatIso(TimeUs time);
// "2026-11-21 10:00:01.250" for tables and reports (UTC, milliseconds only when present).
std::string formatHuman(TimeUs time);

// Parses ISO 8601 / RFC 3339 with optional fraction and offset ("Z", "+02:00", "+0200");
// used for HAR startedDateTime and user input. No offset means UTC.
std::optional<TimeUs> parseIso(std::string_view text) noexcept;

// Parses a UTC offset such as "+02:00", "-0530", "+2", "Z" into minutes east of UTC.
std::optional<int> parseUtcOffsetMinutes(std::string_view text) noexcept;

// Human duration: "350 ms", "1.02 s", "2 min 3 s".
std::string formatDuration(TimeUs duration);

} // namespace hs
