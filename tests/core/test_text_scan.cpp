// SPDX-License-Identifier: MIT
// UTF-8 validation decides whether a log line is flagged non-UTF-8 (and shown as Windows-1252). It
// skips ASCII 8 bytes at a time, so every case is tried at every offset within those 8 bytes.
#include "formats/text_scan.h"
#include "formats/timestamp_cache.h"
#include "support/catch.h"

#include <cstring>
#include <string>
#include <vector>

using namespace hs;

TEST_CASE("UTF-8 validation at every offset within a word", "[text]")
{
    struct Case {
        std::string bytes;
        bool valid;
    };
    const Case cases[] = {
        {"abc", true},
        {"caf\xC3\xA9", true},                  // 2 bytes
        {"\xE2\x82\xAC", true},                 // 3 bytes (euro sign)
        {"\xF0\x9F\x98\x80", true},             // 4 bytes
        {"\xC3", false},                        // cut at the end
        {"\xE2\x82", false},                    // cut at the end
        {"\xC3\x28", false},                    // bad continuation
        {"\xC0\xAF", false},                    // overlong
        {"\xE0\x80\xAF", false},                // overlong
        {"\xED\xA0\x80", false},                // surrogate
        {"\xF4\x90\x80\x80", false},            // beyond U+10FFFF
        {"\x80", false},                        // lone continuation
        {"\xE9", false},                        // Windows-1252 e-acute
        {"\xC3\xA9\xC3\xA9\xE2\x82\xAC", true}, // several in a row
    };
    for (const Case &c : cases)
        for (std::size_t before = 0; before < 17; ++before)
            for (std::size_t after : {0u, 1u, 7u, 8u, 9u}) {
                const std::string line = std::string(before, 'a') + c.bytes + std::string(after, 'z');
                INFO("case " << c.bytes.size() << " bytes, " << before << " before, " << after << " after");
                CHECK(text::isValidUtf8(line) == c.valid);
                CHECK(text::isAscii(line) == (c.bytes == "abc"));
            }
    CHECK(text::isValidUtf8(""));
    CHECK(text::isAscii(""));
}

TEST_CASE("Numbers parsed a word at a time give what the digit loop gives", "[text]")
{
    // Every length 1..9 (9 takes the loop), leading zeros, a non-digit at each position (bytes just
    // outside '0'..'9' and ones whose high nibble is 3), and values past the type's range.
    std::vector<std::string> values = {"0",        "7",        "80",         "443",        "65535",     "65536",
                                       "99999999", "00000001", "4294967295", "4294967296", "123456789", "000"};
    for (int len = 1; len <= 9; ++len)
        for (const char bad : {'/', ':', '?', ' ', '-', '\0', '\xB5'})
            for (int at = 0; at < len; ++at) {
                std::string v(static_cast<std::size_t>(len), '9');
                v[static_cast<std::size_t>(at)] = bad;
                values.push_back(v);
            }
    for (int len = 1; len <= 8; ++len) // every byte value at every position
        for (int at = 0; at < len; ++at)
            for (int byte = 0; byte < 256; ++byte) {
                std::string v(static_cast<std::size_t>(len), '5');
                v[static_cast<std::size_t>(at)] = static_cast<char>(byte);
                values.push_back(v);
            }
    for (std::uint32_t x = 1; x < 100'000'000; x = x * 7 + 3)
        values.push_back(std::to_string(x));
    for (const std::string &v : values) {
        INFO("'" << v << "'");
        // The value inside a line with bytes after it, and at the very end of its readable range.
        const std::string line = "a " + v + " 200 1 xxxxxxxx";
        const std::string_view inLine = std::string_view(line).substr(2, v.size());
        const std::string_view atEnd = std::string_view(line).substr(2, v.size());
        const std::string_view tight = std::string_view(line).substr(0, 2 + v.size());
        std::uint16_t a16 = 1, b16 = 1;
        std::uint32_t a32 = 1, b32 = 1;
        CHECK(text::parseUnsignedIn(inLine, std::string_view(line), a16) == text::parseUnsigned(inLine, b16));
        CHECK(a16 == b16);
        CHECK(text::parseUnsignedIn(inLine, std::string_view(line), a32) == text::parseUnsigned(inLine, b32));
        CHECK(a32 == b32);
        CHECK(text::parseUnsignedIn(atEnd, tight, a32) == text::parseUnsigned(atEnd, b32));
        CHECK(a32 == b32);
    }
}

TEST_CASE("Timestamp cache gives what the parsers give, repeat or not", "[text]")
{
    TimestampCache cache;
    const char *dates[] = {"2026-11-21", "2026-11-21", "2026-11-22",  "2026-13-01", "2026-11-22",
                           "2026-11-2",  "2026-11-21", "2026-11-21x", "2026-11-21"};
    for (const char *d : dates) {
        INFO(d);
        CHECK(cache.date(d) == text::parseIsoDate(d));
    }
    const char *times[] = {"10:00:01", "10:00:01", "10:00:02", "24:00:00", "10:00:02",    "10:00:02.5",
                           "10:00:02", "10:0:02",  "10:00:01", "10:00:01", "23:59:59.999"};
    for (const char *t : times) {
        INFO(t);
        const auto want = text::parseTimeOfDay(t);
        const auto got = cache.time(t);
        REQUIRE(got.has_value() == want.has_value());
        if (want) {
            CHECK(got->micros == want->micros);
            CHECK(got->hadFraction == want->hadFraction);
        }
    }
    // The cache keeps copies: the same buffer rewritten with another time is read anew.
    char buffer[] = "08:15:00";
    CHECK(cache.time(buffer)->micros == text::parseTimeOfDay("08:15:00")->micros);
    std::memcpy(buffer, "08:16:00", 8);
    CHECK(cache.time(buffer)->micros == text::parseTimeOfDay("08:16:00")->micros);
}
