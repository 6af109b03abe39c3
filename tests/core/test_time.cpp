// SPDX-License-Identifier: MIT
#include "model/time.h"
#include "support/catch.h"

using namespace hs;

TEST_CASE("civil time round-trips and validates", "[time]")
{
    const auto t = toTime(CivilTime{2026, 11, 21, 10, 0, 1, 0});
    REQUIRE(t);
    CHECK(*t == 1795255201LL * kUsPerSecond);
    CHECK(formatIso(*t) == "2026-11-21T10:00:01Z");
    CHECK(formatIso(*t + 250'000) == "2026-11-21T10:00:01.250000Z");
    CHECK(formatHuman(*t + 250'000) == "2026-11-21 10:00:01.250");
    const CivilTime back = toCivil(*t);
    CHECK(back.year == 2026);
    CHECK(back.month == 11);
    CHECK(back.day == 21);
    CHECK(back.hour == 10);
    CHECK(back.second == 1);
    CHECK_FALSE(toTime(CivilTime{2026, 2, 29, 0, 0, 0, 0}));
    CHECK(toTime(CivilTime{2024, 2, 29, 0, 0, 0, 0}));
    CHECK_FALSE(toTime(CivilTime{2026, 13, 1, 0, 0, 0, 0}));
    CHECK(formatIso(*toTime(CivilTime{1969, 12, 31, 23, 59, 59, 0})) == "1969-12-31T23:59:59Z");
}

TEST_CASE("ISO 8601 with offsets and fractions (HAR startedDateTime)", "[time]")
{
    CHECK(parseIso("2026-11-21T10:00:01Z") == toTime(CivilTime{2026, 11, 21, 10, 0, 1, 0}));
    CHECK(parseIso("2026-11-21T12:00:01.5+02:00") == toTime(CivilTime{2026, 11, 21, 10, 0, 1, 500000}));
    CHECK(parseIso("2026-11-21T05:00:01-0500") == toTime(CivilTime{2026, 11, 21, 10, 0, 1, 0}));
    CHECK(parseIso("2026-11-21 10:00:01") == toTime(CivilTime{2026, 11, 21, 10, 0, 1, 0}));
    CHECK(parseIso("2026-11-21T10:00:01.123456789Z") == toTime(CivilTime{2026, 11, 21, 10, 0, 1, 123456}));
    CHECK_FALSE(parseIso("2026-11-21T10:00"));
    CHECK_FALSE(parseIso("yesterday"));
    CHECK_FALSE(parseIso("2026-11-21T10:00:01+25:00"));
}

TEST_CASE("UTC offsets and durations", "[time]")
{
    CHECK(parseUtcOffsetMinutes("+02:00") == 120);
    CHECK(parseUtcOffsetMinutes("-0530") == -330);
    CHECK(parseUtcOffsetMinutes("Z") == 0);
    CHECK(parseUtcOffsetMinutes("+2") == 120);
    CHECK_FALSE(parseUtcOffsetMinutes("0200"));
    CHECK(formatDuration(350 * kUsPerMs) == "350 ms");
    CHECK(formatDuration(1020 * kUsPerMs) == "1.02 s");
    CHECK(formatDuration(123 * kUsPerSecond) == "2 min 3 s");
    CHECK(formatDuration(-2 * kUsPerMs) == "-2 ms");
}
