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

TEST_CASE("Directive scan: its ranges cover the content at line ends and count their lines", "[formats][directives]")
{
    // Lines of varied length, one longer than a range, CRLF and LF, no final line feed.
    std::string text = "\xEF\xBB\xBF#Fields: date time c-ip\r\n";
    for (int i = 0; i < 2000; ++i)
        text += "2026-11-21 00:00:01 10.0.0." + std::to_string(i % 250) + std::string(i % 13, 'x') +
                (i % 3 ? "\r\n" : "\n");
    text += std::string(9000, 'y') + "\n#Date: 2026-11-22 00:00:00\nlast line without a line feed";

    TaskPool pool(2);
    for (const std::size_t part : {1, 64, 1000, 4096, 100000}) {
        INFO("part bytes " << part);
        const DirectiveScan scan = scanDirectives(text, &pool, part);
        REQUIRE_FALSE(scan.ranges.empty());
        CHECK(scan.ranges.front().begin == 3);
        CHECK(scan.ranges.back().end == text.size());
        std::uint64_t lines = 0;
        for (std::size_t i = 0; i < scan.ranges.size(); ++i) {
            const LineRange &r = scan.ranges[i];
            if (i > 0)
                CHECK(r.begin == scan.ranges[i - 1].end);
            if (r.end != text.size())
                CHECK(text[r.end - 1] == '\n');
            CHECK(r.lines == countLines(text, r.begin, r.end));
            lines += r.lines;
        }
        CHECK(lines == 2004);

        // Chunks are runs of whole ranges and carry their line counts.
        const std::vector<ChunkRange> chunks = planChunks(scan, 4096);
        REQUIRE_FALSE(chunks.empty());
        std::uint64_t chunkLines = 0;
        for (std::size_t i = 0; i < chunks.size(); ++i) {
            CHECK(chunks[i].lines == countLines(text, chunks[i].begin, chunks[i].end));
            if (i + 1 < chunks.size())
                CHECK(chunks[i].end - chunks[i].begin >= 4096);
            chunkLines += chunks[i].lines;
        }
        CHECK(chunkLines == 2004);
        if (chunks.size() > 1)
            CHECK(chunks.back().state.layout == 0); // the #Fields of the first chunk
    }
}
