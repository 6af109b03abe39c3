// SPDX-License-Identifier: MIT
// LineSplitter finds line ends and fields in one pass over 64-byte blocks. It must give exactly
// what the two-pass reference gives (split at LF, drop a CR before it, split on single spaces),
// for every line length around the block size and for ranges that start and end anywhere, with
// each kernel (line_kernels.h) this CPU runs.
#include "formats/line_splitter.h"
#include "formats/w3c_fields.h"
#include "support/catch.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace hs;

namespace {

struct Line {
    std::string text;
    std::uint64_t offset = 0;
    bool terminated = true;
    std::size_t fields = 0;
    std::vector<std::string> values; // the first `capacity` fields
    bool hasNul = false, hasHighBytes = false;
};

std::vector<Line> reference(std::string_view bytes, std::uint64_t begin, std::uint64_t end, std::size_t capacity)
{
    std::vector<Line> lines;
    std::uint64_t pos = begin;
    while (pos < end) {
        const void *nl = std::memchr(bytes.data() + pos, '\n', end - pos);
        std::uint64_t stop = nl ? static_cast<std::uint64_t>(static_cast<const char *>(nl) - bytes.data()) : end;
        Line l;
        l.offset = pos;
        l.terminated = nl != nullptr;
        const std::uint64_t next = nl ? stop + 1 : end;
        if (stop > pos && bytes[stop - 1] == '\r')
            --stop;
        l.text = std::string(bytes.substr(pos, stop - pos));
        std::vector<std::string_view> parts(capacity);
        const LineScan scan = scanFields(l.text, parts.data(), capacity);
        l.fields = scan.fields;
        l.hasNul = scan.hasNul;
        l.hasHighBytes = scan.hasHighBytes;
        for (std::size_t i = 0; i < std::min(capacity, scan.fields); ++i)
            l.values.emplace_back(parts[i]);
        lines.push_back(std::move(l));
        pos = next;
    }
    return lines;
}

std::vector<Line> split(std::string_view bytes, std::uint64_t begin, std::uint64_t end, std::size_t capacity,
                        const LineKernel &kernel)
{
    std::vector<Line> lines;
    std::vector<std::string_view> parts(capacity);
    LineSplitter splitter(bytes, begin, end, kernel);
    SplitLine s;
    while (splitter.next(s, parts.data(), capacity)) {
        Line l;
        l.text = std::string(s.text);
        l.offset = s.offset;
        l.terminated = s.terminated;
        l.fields = s.scan.fields;
        l.hasNul = s.scan.hasNul;
        l.hasHighBytes = s.scan.hasHighBytes;
        for (std::size_t i = 0; i < std::min(capacity, s.scan.fields); ++i) {
            // Field views must point into the input, not into a copy.
            REQUIRE(parts[i].data() >= bytes.data() + begin);
            REQUIRE(parts[i].data() + parts[i].size() <= bytes.data() + end);
            l.values.emplace_back(parts[i]);
        }
        lines.push_back(std::move(l));
    }
    return lines;
}

void requireSame(std::string_view bytes, std::uint64_t begin, std::uint64_t end, std::size_t capacity)
{
    const auto want = reference(bytes, begin, end, capacity);
    for (const LineKernel *kernel : availableLineKernels()) {
        const auto got = split(bytes, begin, end, capacity, *kernel);
        INFO("kernel " << kernel->name << ", range [" << begin << ", " << end << "), capacity " << capacity);
        REQUIRE(got.size() == want.size());
        for (std::size_t i = 0; i < want.size(); ++i) {
            INFO("line " << i);
            REQUIRE(got[i].offset == want[i].offset);
            REQUIRE(got[i].text == want[i].text);
            REQUIRE(got[i].terminated == want[i].terminated);
            REQUIRE(got[i].fields == want[i].fields);
            REQUIRE(got[i].values == want[i].values);
            REQUIRE(got[i].hasNul == want[i].hasNul);
            REQUIRE(got[i].hasHighBytes == want[i].hasHighBytes);
        }
        const std::uint64_t lineFeeds =
            static_cast<std::uint64_t>(std::count(bytes.begin() + static_cast<std::ptrdiff_t>(begin),
                                                  bytes.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
        REQUIRE(kernel->countLineFeeds(bytes.data() + begin, static_cast<std::size_t>(end - begin)) == lineFeeds);
    }
    REQUIRE(countLines(bytes, begin, end) == want.size());
}

} // namespace

TEST_CASE("Line splitter: an HTTPERR line split into its fields", "[formats][splitter]")
{
    const std::string text = "2026-11-21 00:00:01 fe80::1%3 5000 10.0.0.50 80 - - - - - Timer_HeaderWait\r\n"
                             "#Fields: date time\n"
                             "\n"
                             "a  b \xC3\xA9\n"
                             "last";
    std::array<std::string_view, 16> parts{};
    LineSplitter splitter(text, 0, text.size());
    SplitLine line;

    REQUIRE(splitter.next(line, parts.data(), parts.size()));
    CHECK(line.offset == 0);
    CHECK(line.terminated);
    CHECK(line.text.size() == text.find('\r'));
    REQUIRE(line.scan.fields == 12);
    CHECK(parts[0] == "2026-11-21");
    CHECK(parts[2] == "fe80::1%3");
    CHECK(parts[10] == "-");
    CHECK(parts[11] == "Timer_HeaderWait"); // no CR
    CHECK_FALSE(line.scan.hasNul);
    CHECK_FALSE(line.scan.hasHighBytes);

    REQUIRE(splitter.next(line, parts.data(), parts.size()));
    CHECK(line.text == "#Fields: date time");
    CHECK(line.scan.fields == 3);

    REQUIRE(splitter.next(line, parts.data(), parts.size()));
    CHECK(line.text.empty());
    CHECK(line.scan.fields == 1);

    REQUIRE(splitter.next(line, parts.data(), parts.size()));
    REQUIRE(line.scan.fields == 4);
    CHECK(parts[1].empty()); // two spaces: an empty field between them
    CHECK(parts[2] == "b");
    CHECK(parts[3] == "\xC3\xA9");
    CHECK(line.scan.hasHighBytes);

    REQUIRE(splitter.next(line, parts.data(), parts.size()));
    CHECK(line.text == "last");
    CHECK_FALSE(line.terminated);
    CHECK(countLines(text, 0, text.size()) == 5);

    CHECK_FALSE(splitter.next(line, parts.data(), parts.size()));
}

TEST_CASE("Line splitter: lines of every length around the block size", "[formats][splitter]")
{
    // Line lengths 0..200 cross the 64-byte blocks at every position; a space, CR and NUL at each
    // offset of a long line move the special bytes through every bit of a block.
    std::string text;
    for (int len = 0; len <= 200; ++len) {
        std::string line(static_cast<std::size_t>(len), 'a');
        for (int i = 3; i < len; i += 7)
            line[static_cast<std::size_t>(i)] = ' ';
        text += line + (len % 3 == 0 ? "\r\n" : "\n");
    }
    for (int at = 0; at < 140; ++at) {
        std::string line(140, 'b');
        line[static_cast<std::size_t>(at)] = at % 4 == 0 ? '\0' : at % 4 == 1 ? '\r' : at % 4 == 2 ? ' ' : '\x80';
        text += line + "\n";
    }
    requireSame(text, 0, text.size(), 64);
    requireSame(text, 0, text.size() - 1, 64); // last line unterminated
    requireSame(text, 0, text.size(), 2);      // more fields than slots
}

TEST_CASE("Line splitter: ranges that start and end anywhere", "[formats][splitter]")
{
    std::mt19937 rng(20261207);
    const char alphabet[] = {'a', 'b', ' ', ' ', ' ', '\n', '\r', '\0', '\xC3', '\xA9', '-', '#'};
    std::uniform_int_distribution<std::size_t> pick(0, sizeof alphabet - 1);
    for (int round = 0; round < 40; ++round) {
        std::string text(300 + static_cast<std::size_t>(round) * 7, 'x');
        for (char &c : text)
            c = alphabet[pick(rng)];
        std::uniform_int_distribution<std::uint64_t> cut(0, text.size());
        for (int r = 0; r < 25; ++r) {
            std::uint64_t a = cut(rng), b = cut(rng);
            if (a > b)
                std::swap(a, b);
            requireSame(text, a, b, r % 2 ? 64 : 5);
        }
    }
}

TEST_CASE("Line splitter: ranges longer than one batch of block masks", "[formats][splitter]")
{
    // The kernels make masks for 64 blocks (4 KiB) per call: lines cross those batches, and the
    // last batch of a range is short and ends in a partial block.
    std::mt19937 rng(7);
    const char alphabet[] = {'a', ' ', ' ', '\n', '\r', '\0', '\xC3', '\xA9', '-', 'z', 'q', 'k'};
    std::uniform_int_distribution<std::size_t> pick(0, sizeof alphabet - 1);
    std::string text(64 * 64 * 5 + 37, 'x');
    for (char &c : text)
        c = alphabet[pick(rng)];
    for (const std::uint64_t begin : {0u, 1u, 63u, 4095u, 4096u, 4097u})
        for (const std::uint64_t cut : {0u, 1u, 64u, 4096u, 4159u})
            requireSame(text, begin, text.size() - cut, 64);
    const std::string sparse(3 * 4096 + 5, 'a'); // no line feed or space at all: one line
    requireSame(sparse, 0, sparse.size(), 64);
    requireSame(sparse, 7, sparse.size() - 64, 64);
}
