// SPDX-License-Identifier: MIT
// The directive prescan of W3C and HTTPERR logs: scanned in parallel parts, it must find exactly
// what one thread finds, wherever the parts cut the file.
#include "formats/directive_log.h"
#include "support/catch.h"

#include <string>

using namespace hs;

namespace {

void requireSameScan(const DirectiveScan &a, const DirectiveScan &b)
{
    REQUIRE(a.contentStart == b.contentStart);
    REQUIRE(a.entries.size() == b.entries.size());
    for (std::size_t i = 0; i < a.entries.size(); ++i) {
        INFO("entry " << i);
        CHECK(a.entries[i].offset == b.entries[i].offset);
        CHECK(a.entries[i].kind == b.entries[i].kind);
        CHECK(a.entries[i].value == b.entries[i].value);
        CHECK(a.entries[i].layoutIndex == b.entries[i].layoutIndex);
    }
    REQUIRE(a.layouts.size() == b.layouts.size());
    for (std::size_t i = 0; i < a.layouts.size(); ++i)
        CHECK(a.layouts[i].fields == b.layouts[i].fields);
}

} // namespace

TEST_CASE("Directive scan: parallel parts find what one thread finds", "[formats][directives]")
{
    // Directives at the start, mid-file after restarts, with '#' inside data and directive lines,
    // a directive longer than a part, CRLF and LF, and a last directive without a line feed.
    std::string text = "\xEF\xBB\xBF#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
                       "#Date: 2026-11-21 00:00:00\r\n#Fields: date time c-ip cs-uri-stem sc-status\r\n";
    for (int i = 0; i < 300; ++i) {
        text += "2026-11-21 00:00:01 10.0.0." + std::to_string(i % 250) + " /a#b" + std::to_string(i) + " 200\r\n";
        if (i % 37 == 0)
            text += "#Date: 2026-11-21 00:0" + std::to_string(i % 10) + ":00\n#Fields: date time c-ip #x sc-status\n";
        if (i == 150)
            text += "#Remark: " + std::string(200, '#') + " ends here\n";
    }
    text += "#Fields: date time";

    TaskPool pool(2);
    const DirectiveScan serial = scanDirectives(text);
    REQUIRE(serial.contentStart == 3);
    REQUIRE(serial.layouts.size() == 11); // the first, nine restarts, the last
    CHECK(serial.layouts.back().fields == std::vector<std::string>{"date", "time"});
    CHECK(serial.layouts[1].fields == std::vector<std::string>{"date", "time", "c-ip", "#x", "sc-status"});
    for (const std::size_t part : {1, 2, 3, 7, 64, 100, 4096}) {
        INFO("part bytes " << part);
        requireSameScan(scanDirectives(text, &pool, part), serial);
    }
}

TEST_CASE("Directive scan: a '#' that starts the content after a byte order mark", "[formats][directives]")
{
    TaskPool pool(2);
    const std::string text = "\xEF\xBB\xBF#Fields: date time\n2026-11-21 00:00:01\n";
    for (const std::size_t part : {1, 5, 1000}) {
        const DirectiveScan scan = scanDirectives(text, &pool, part);
        REQUIRE(scan.entries.size() == 1);
        CHECK(scan.entries[0].offset == 3);
        CHECK(scan.entries[0].kind == DirectiveEntry::Kind::Fields);
    }
}
