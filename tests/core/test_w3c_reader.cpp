// SPDX-License-Identifier: MIT
// W3C extended log reader, field by field, on the fixtures written by tests/data/logs/gen_logs.py.
#include "formats/w3c_fields.h"
#include "model/string_pool.h"
#include "read_twice.h"
#include "support/catch.h"
#include "support/test_paths.h"
#include "tasks/open_input.h"

using namespace hs;

namespace {

std::unique_ptr<Source> readLog(const std::string &relative, StringPool &pool, const ReadOptions &options = {})
{
    auto src = readSingleFile(test::dataDir() / "logs" / relative, pool, options);
    REQUIRE(src);
    REQUIRE(src->log);
    return src;
}

bool hasProblem(const Source &s, std::uint64_t line, const std::string &category, const std::string &text = {})
{
    for (const auto &p : s.problems.stored())
        if (p.line == line && p.category == category && p.message.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST_CASE("W3C: IIS 10 default field set, BOM, CRLF", "[w3c]")
{
    StringPool pool;
    auto src = readLog("w3c/iis10_basic.log", pool);
    CHECK(src->format == FormatId::W3c);
    CHECK(src->records == 5);
    CHECK(src->rejected == 0);
    CHECK(src->log->dataLines == 5);
    CHECK(src->log->directiveLines == 4);
    CHECK(src->log->software == "Microsoft Internet Information Services 10.0");
    const auto &a = src->log->access;
    REQUIRE(a.size() == 5);

    const AccessRecord &r0 = a[0];
    CHECK(r0.line == 5);
    CHECK(formatIso(r0.time) == "2026-11-21T10:00:01Z");
    CHECK(pool.view(r0.serverIp) == "10.0.0.50");
    CHECK(pool.view(r0.method) == "GET");
    CHECK(pool.view(r0.uriStem) == "/index.html");
    CHECK(r0.serverPort == 80);
    CHECK(addressText(pool, r0.clientIp) == "10.0.0.5");
    CHECK(pool.view(r0.userAgent) == "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"); // '+' means space
    CHECK(r0.status == 200);
    CHECK(r0.substatus == 0);
    CHECK(r0.win32 == 0);
    CHECK(r0.timeTakenMs == 15);
    CHECK(r0.scBytes == kNoValue64); // not in this field set
    CHECK(r0.flags == 0);

    const AccessRecord &r1 = a[1];
    CHECK(addressText(pool, r1.clientIp) == "fe80::1%3"); // kept as written, zone id included
    CHECK(pool.view(r1.method) == "POST");
    CHECK(r1.win32 == 64);
    CHECK(r1.timeTakenMs == 1250);
    CHECK(pool.view(r1.userAgent) == "curl/8.4.0");
    CHECK(w3cFieldValue(*src, r1, "cs-username") == "CONTOSO\\alice");
    CHECK(w3cFieldValue(*src, r1, "cs(Referer)") == "https://app.example/form");

    const AccessRecord &r2 = a[2];
    CHECK(r2.status == 404);
    CHECK(r2.userAgent == kEmptyStr); // '-' is empty
    CHECK(w3cFieldValue(*src, r2, "cs-uri-query") == "id=7&x=%20");
    CHECK(w3cFieldValue(*src, r2, "no-such-field") == std::nullopt);

    const AccessRecord &r3 = a[3];
    CHECK(pool.view(r3.uriStem) == "/caf\xc3\xa9/men\xc3\xbc.aspx");
    CHECK(r3.status == 500);
    CHECK(r3.substatus == 19);
    CHECK(r3.serverPort == 443);
    CHECK((r3.flags & kRecordNonUtf8) == 0);

    const AccessRecord &r4 = a[4];
    CHECK(r4.win32 == 1236);
    CHECK(r4.timeTakenMs == 90000);
    CHECK(src->rawLine(r4.line).substr(0, 19) == "2026-11-21 10:00:05");
    CHECK(formatIso(src->first) == "2026-11-21T10:00:01Z");
    CHECK(formatIso(src->last) == "2026-11-21T10:00:05Z");
}

TEST_CASE("W3C: #Fields changing mid-file, custom fields, no final newline", "[w3c]")
{
    StringPool pool;
    auto src = readLog("w3c/fields_change.log", pool);
    CHECK(src->records == 3);
    CHECK(src->rejected == 0);
    const auto &a = src->log->access;
    REQUIRE(a.size() == 3);
    CHECK(a[0].line == 5);
    CHECK(a[0].status == 200);
    CHECK(a[0].timeTakenMs == 5);
    CHECK(addressText(pool, a[0].clientIp) == "192.0.2.10");
    CHECK(a[0].layout == 0);

    CHECK(a[1].line == 10);
    CHECK(a[1].layout == 1);
    CHECK(a[1].version == HttpVersion::Http11);
    CHECK(pool.view(a[1].method) == "POST");
    CHECK(pool.view(a[1].host) == "app.example");
    CHECK(a[1].status == 201);
    CHECK(a[1].scBytes == 512);
    CHECK(a[1].csBytes == 4096);
    CHECK(a[1].timeTakenMs == kNoValue32); // not in the second field set
    CHECK(w3cFieldValue(*src, a[1], "X-Forwarded-For") == "203.0.113.9");
    CHECK(w3cFieldValue(*src, a[1], "sc(Content-Type)") == "application/json");

    CHECK(a[2].line == 11);
    CHECK(a[2].version == HttpVersion::Http10);
    CHECK(a[2].status == 304);
    CHECK(a[2].scBytes == 0);
    CHECK(hasProblem(*src, 11, "no-final-newline"));
}

TEST_CASE("W3C: byte counts up to 1 TiB are kept, larger ones are noted and left empty", "[w3c][bad-input]")
{
    StringPool pool;
    auto src = readLog("w3c/byte_counts.log", pool);
    CHECK(src->records == 3);
    const auto &a = src->log->access;
    REQUIRE(a.size() == 3);
    CHECK(a[0].scBytes == 1099511627774ULL);
    CHECK(a[0].csBytes == 1099511627774ULL);
    CHECK(a[1].scBytes == kNoValue64);
    CHECK(a[1].csBytes == kNoValue64);
    CHECK(hasProblem(*src, 4, "bad-value", "sc-bytes '1099511627775' is out of range"));
    CHECK(a[2].scBytes == 0);
    CHECK(a[2].csBytes == kNoValue64);
    // The packed column reads and writes like an integer.
    ByteCount40 b;
    CHECK(b == kNoValue64);
    b = 12345;
    CHECK(b == 12345);
    b = kNoValue64;
    CHECK(b == kNoValue64);
    b = ByteCount40::kMax + 7; // clamped, never wrapped
    CHECK(b == ByteCount40::kMax);
}

TEST_CASE("W3C: ANSI bytes are kept and flagged", "[w3c]")
{
    StringPool pool;
    auto src = readLog("w3c/ansi.log", pool);
    REQUIRE(src->records == 1);
    const AccessRecord &r = src->log->access[0];
    CHECK(pool.view(r.uriStem) == "/r\xe9sum\xe9.html");
    CHECK((r.flags & kRecordNonUtf8) != 0);
}

TEST_CASE("W3C: a field set without a date takes it from #Date", "[w3c]")
{
    StringPool pool;
    auto src = readLog("w3c/dateless.log", pool);
    REQUIRE(src->records == 2);
    CHECK(formatIso(src->log->access[0].time) == "2026-11-20T23:59:58Z");
    CHECK(formatIso(src->log->access[1].time) == "2026-11-21T00:00:01Z");
    CHECK(src->log->access[1].status == 302);
}

TEST_CASE("W3C: bad lines are rejected with their line number and reason", "[w3c][bad-input]")
{
    StringPool pool;
    auto src = readLog("w3c/bad_lines.log", pool);
    // Data lines: 1, 6, 7, 8, 9, 10, 12, 14, 16 -> 9; records: 9, 10, 14.
    CHECK(src->log->dataLines == 9);
    CHECK(src->records == 3);
    CHECK(src->rejected == 6);
    CHECK(src->records + src->rejected == src->log->dataLines);
    CHECK(src->log->blankLines == 1);
    CHECK(hasProblem(*src, 1, "no-fields", "before any #Fields"));
    CHECK(hasProblem(*src, 6, "field-count", "3 fields, 6 declared in #Fields"));
    CHECK(hasProblem(*src, 7, "binary", "NUL"));
    CHECK(hasProblem(*src, 8, "bad-time", "25:61:00"));
    CHECK(hasProblem(*src, 9, "bad-value", "sc-status 'abc'"));
    CHECK(hasProblem(*src, 12, "field-count", "6 fields, 0 declared"));
    CHECK(hasProblem(*src, 16, "field-count", "4 fields, 7 declared"));
    CHECK(hasProblem(*src, 0, "duplicate-field"));
    CHECK(hasProblem(*src, 0, "empty-fields"));
    const std::vector<std::uint32_t> expected{1, 6, 7, 8, 12, 16};
    CHECK(src->log->rejectedLines == expected);

    const auto &a = src->log->access;
    REQUIRE(a.size() == 3);
    CHECK(a[0].line == 9);
    CHECK(a[0].status == 0); // 'abc' left empty
    CHECK(a[1].line == 10);
    CHECK(a[2].line == 14);
    CHECK(addressText(pool, a[2].clientIp) == "10.0.0.2"); // the last c-ip column wins
}

TEST_CASE("W3C: lines without directives are read with a default IIS field set", "[w3c]")
{
    StringPool pool;
    auto src = readLog("w3c/headerless.log", pool);
    CHECK(src->format == FormatId::W3c);
    CHECK(src->records == 3);
    CHECK(src->rejected == 0);
    CHECK((src->log->access[0].flags & kRecordGuessedLayout) != 0);
    CHECK(pool.view(src->log->access[1].method) == "POST");
    CHECK(hasProblem(*src, 1, "assumed-fields", "IIS 8.0+ default field set"));
}

TEST_CASE("W3C: UTF-16 files are converted and read", "[w3c]")
{
    StringPool pool;
    auto src = readLog("w3c/utf16.log", pool);
    CHECK(src->format == FormatId::W3c);
    REQUIRE(src->records == 1);
    CHECK(pool.view(src->log->access[0].uriStem) == "/index.html");
    CHECK(hasProblem(*src, 0, "encoding", "UTF-16"));
}

TEST_CASE("W3C: 1 MB lines and huge files of garbage are rejected, not fatal", "[w3c][bad-input]")
{
    test::TempDir dir("w3c-huge");
    std::string data = "#Fields: date time c-ip sc-status\n2026-11-21 10:00:00 10.0.0.1 200\n";
    data += "2026-11-21 10:00:01 10.0.0.1 " + std::string(1 << 20, 'x') + " 200\n";
    data += "2026-11-21 10:00:02 10.0.0.1 200\n";
    for (int i = 0; i < 2000; ++i)
        data += std::string(100, static_cast<char>('A' + i % 26)) + "\n";
    StringPool pool;
    auto src = readSingleFile(dir.write("huge.log", data), pool);
    REQUIRE(src);
    CHECK(src->records == 2);
    CHECK(src->rejected == 2001);
    CHECK(hasProblem(*src, 3, "line-too-long"));
    CHECK(src->problems.total() == 2001);
    CHECK(src->problems.stored().size() <= ProblemList::kMaxStoredProblems);
}

TEST_CASE("W3C: chunked parallel reading matches a single-chunk read", "[w3c]")
{
    test::TempDir dir("w3c-chunks");
    std::string data = "#Software: Microsoft Internet Information Services 10.0\n#Fields: date time c-ip cs-method "
                       "cs-uri-stem sc-status time-taken\n";
    for (int i = 0; i < 20000; ++i) {
        if (i == 7000)
            data += "#Fields: date time c-ip cs-uri-stem sc-status\n";
        if (i < 7000)
            // Every 5th client is IPv6 and every 7th stem unique: values interned in batches
            // (DeferredIds), here across hundreds of chunk ends.
            data += "2026-11-21 10:" + std::to_string(10 + i / 1000) + ":00 " +
                    (i % 5 == 0 ? "2001:db8::" + std::to_string(i) : "10.0.0." + std::to_string(i % 200)) + " GET /p" +
                    std::to_string(i % 7 == 0 ? i : i % 50) + " 200 " + std::to_string(i) + "\n";
        else
            data += "2026-11-21 11:00:00 10.0.1." + std::to_string(i % 200) + " /q 404\n";
        if (i % 3000 == 1)
            data += "broken line\n";
    }
    test::ReadTwice read(dir.write("chunks.log", data));
    const auto &a = read.chunked;
    const auto &b = read.single;
    const StringPool &poolA = read.chunkedPool, &poolB = read.singlePool;
    CHECK(a->records == 20000);
    CHECK(a->records == b->records);
    CHECK(a->rejected == b->rejected);
    CHECK(a->log->rejectedLines == b->log->rejectedLines);
    CHECK(a->log->totalLines == b->log->totalLines);
    for (std::size_t i = 0; i < a->records; ++i) {
        const AccessRecord &x = a->log->access[i];
        const AccessRecord &y = b->log->access[i];
        REQUIRE(x.line == y.line);
        REQUIRE(x.time == y.time);
        REQUIRE(x.layout == y.layout);
        REQUIRE(addressText(poolA, x.clientIp) == addressText(poolB, y.clientIp));
        REQUIRE(poolA.view(x.uriStem) == poolB.view(y.uriStem));
        if (i % 997 == 0)
            CHECK(a->rawLine(x.line) == b->rawLine(y.line));
    }
    CHECK(addressText(poolA, a->log->access[35].clientIp) == "2001:db8::35");
    CHECK(poolA.view(a->log->access[35].uriStem) == "/p35");
    const AccessRecord &last = a->log->access[a->records - 1];
    CHECK(last.layout == 1);
    CHECK(last.status == 404);
    // The statuses counted chunk by chunk while reading: 7,000 rows of 200, 13,000 of 404.
    for (const auto *src : {&a, &b}) {
        REQUIRE((*src)->log->statusCounts);
        const StatusCounts &counts = *(*src)->log->statusCounts;
        CHECK(counts.counts[200] == 7000);
        CHECK(counts.counts[404] == 13000);
        std::uint64_t total = 0;
        for (const std::uint64_t n : counts.counts)
            total += n;
        CHECK(total == 20000);
        CHECK(counts.other.empty());
    }
}

TEST_CASE("W3C: a line rejected after its stem and client were read leaves no trace", "[w3c][bad-input]")
{
    // The date comes after cs-uri-stem and c-ip here, so a bad date rejects the line after both
    // were read (and queued for interning). The next row must keep its own values.
    test::TempDir dir("w3c-rejected");
    std::string data = "#Software: Microsoft Internet Information Services 10.0\n#Fields: cs-uri-stem c-ip date time\n";
    for (int i = 0; i < 40; ++i) {
        data += "/gone" + std::to_string(i) + " 2001:db8::" + std::to_string(i) + " 2026-13-45 10:00:00\n";
        data += "- 10.0.0." + std::to_string(i) + " 2026-11-21 10:00:00\n";
    }
    StringPool pool;
    const auto src = test::readCounting(dir.write("u_ex261121.log", data), pool, 40, 40);
    for (std::size_t i = 0; i < 40; ++i) {
        const AccessRecord &r = src->log->access[i];
        CHECK(r.uriStem == kEmptyStr);
        CHECK(addressText(pool, r.clientIp) == "10.0.0." + std::to_string(i));
    }
}

TEST_CASE("W3C: a field set wider than the usual 128 slots is read to its last field", "[w3c]")
{
    // 140 custom fields (IIS 8.5+ allows many) before cs-uri-stem, sc-status and c-ip.
    test::TempDir dir("w3c-wide");
    std::string fields = "date time";
    std::string values = "2026-11-21 10:00:01";
    for (int i = 0; i < 140; ++i) {
        fields += " x-custom" + std::to_string(i);
        values += " v" + std::to_string(i);
    }
    const std::string data = "#Software: Microsoft Internet Information Services 10.0\n#Fields: " + fields +
                             " cs-uri-stem sc-status c-ip\n" + values + " /wide 404 2001:db8::7\n";
    StringPool pool;
    const auto src = test::readCounting(dir.write("u_ex261121.log", data), pool, 1, 0);
    const AccessRecord &r = src->log->access[0];
    CHECK(pool.view(r.uriStem) == "/wide");
    CHECK(r.status == 404);
    CHECK(addressText(pool, r.clientIp) == "2001:db8::7");
}

TEST_CASE("W3C: the IIS default field set reads as any other field set does", "[w3c]")
{
    // The default set is read field by field in a fixed order (no dispatch per field); the same
    // lines with cs-host added take the general loop. Every column but the host must agree, also
    // for dashes, IPv6 clients, '+' in user agents, fractions of a second and bad values.
    test::TempDir dir("w3c-default-set");
    const std::string fields = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
                               "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";
    const std::vector<std::string> lines = {
        "2026-11-21 10:00:01 10.0.0.50 GET /a/b.aspx id=1 443 - 10.1.2.3 Mozilla/5.0+(X11) - 200 0 0 15",
        "2026-11-21 10:00:01 10.0.0.50 POST /upload - 80 bob 2001:db8::7 curl/8.0 https://x/ 500 19 64 99999",
        "2026-11-21 10:00:02.250 - - - - - - - - - - - - -",
        "2026-11-21 10:00:03 10.0.0.51 HEAD / - 65535 - 010.0.0.1 - - 304 0 1236 0",
        "2026-11-21 10:00:03 10.0.0.50 GET /x - 44x - 10.0.0.9 okhttp/4 - 2x0 0 0 7",
        "2026-11-22 23:59:59 10.0.0.50 GET /late - 443 - fe80::1%3 a+b+c - 404 2 5 4294967295",
    };
    std::string plain = "#Software: Microsoft Internet Information Services 10.0\n#Fields: " + fields + "\n";
    std::string withHost = "#Software: Microsoft Internet Information Services 10.0\n#Fields: " + fields + " cs-host\n";
    for (const std::string &l : lines) {
        plain += l + "\n";
        withHost += l + " www.example.com\n";
    }
    StringPool pool;
    const auto a = test::readCounting(dir.write("u_ex261121.log", plain), pool, lines.size(), 0);
    const auto b = test::readCounting(dir.write("u_ex261122.log", withHost), pool, lines.size(), 0);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        INFO(lines[i]);
        const AccessRecord &x = a->log->access[i];
        const AccessRecord &y = b->log->access[i];
        CHECK(x.time == y.time);
        CHECK(x.line == y.line);
        CHECK(x.clientIp == y.clientIp);
        CHECK(x.serverIp == y.serverIp);
        CHECK(x.method == y.method);
        CHECK(x.uriStem == y.uriStem);
        CHECK(x.userAgent == y.userAgent);
        CHECK(x.win32 == y.win32);
        CHECK(x.timeTakenMs == y.timeTakenMs);
        CHECK(x.serverPort == y.serverPort);
        CHECK(x.status == y.status);
        CHECK(x.substatus == y.substatus);
        CHECK(x.version == y.version);
        CHECK(x.flags == y.flags);
        CHECK(std::uint64_t{x.scBytes} == std::uint64_t{y.scBytes});
        CHECK(y.host == pool.intern("www.example.com"));
    }
    // Spot checks that the values are the ones written.
    CHECK(pool.view(a->log->access[0].userAgent) == "Mozilla/5.0 (X11)");
    CHECK(addressText(pool, a->log->access[1].clientIp) == "2001:db8::7");
    CHECK(a->log->access[1].win32 == 64);
    CHECK(a->log->access[2].uriStem == kEmptyStr);
    CHECK((a->log->access[2].flags & kRecordMillisecondTime) != 0);
    CHECK(a->log->access[3].serverPort == 65535);
    CHECK(a->log->access[4].status == 0); // "2x0" is not a number: left empty, with a note
    CHECK(a->log->access[5].timeTakenMs == 4294967295u);
    CHECK(a->problems.total() == b->problems.total());
}
