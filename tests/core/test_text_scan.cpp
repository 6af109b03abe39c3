// SPDX-License-Identifier: MIT
// UTF-8 validation decides whether a log line is flagged non-UTF-8 (and shown as Windows-1252). It
// skips ASCII 8 bytes at a time, so every case is tried at every offset within those 8 bytes.
#include "formats/text_scan.h"
#include "support/catch.h"

#include <string>

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
