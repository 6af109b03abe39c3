// SPDX-License-Identifier: MIT
// HTTPERR reader, field by field, on the fixtures written by tests/data/logs/gen_logs.py.
#include "formats/w3c_fields.h"
#include "model/string_pool.h"
#include "read_twice.h"
#include "support/catch.h"
#include "support/test_paths.h"
#include "tasks/open_input.h"

#include <set>
#include <string>
#include <vector>

using namespace hs;

namespace {

bool hasProblem(const Source &s, std::uint64_t line, const std::string &category, const std::string &text = {})
{
    for (const auto &p : s.problems.stored())
        if (p.line == line && p.category == category && p.message.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST_CASE("HTTPERR: default field set, KB967853 line without a queue name", "[httperr]")
{
    StringPool pool;
    auto src = readSingleFile(test::dataDir() / "logs/httperr/httperr1.log", pool);
    REQUIRE(src);
    CHECK(src->format == FormatId::HttpErr);
    CHECK(src->log->software == "Microsoft HTTP API 2.0");
    CHECK(src->records == 5);
    CHECK(src->rejected == 2);
    CHECK(src->log->dataLines == 7);
    const auto &e = src->log->httpErr;
    const auto ctx = [&](std::size_t i) -> const HttpErrContext & { return src->log->context(e[i]); };
    REQUIRE(e.size() == 5);

    CHECK(e[0].line == 5);
    CHECK(formatIso(e[0].time) == "2026-11-21T10:00:01Z");
    CHECK(addressText(pool, e[0].clientIp) == "10.0.0.5");
    CHECK(e[0].clientPort == 51000);
    CHECK(pool.view(ctx(0).serverIp) == "10.0.0.50");
    CHECK(e[0].serverPort == 80);
    CHECK(e[0].version == HttpVersion::Http11);
    CHECK(pool.view(ctx(0).method) == "GET");
    CHECK(pool.view(e[0].uri) == "/api/orders");
    CHECK(e[0].status == 503);
    CHECK(ctx(0).siteId == 1);
    CHECK(pool.view(ctx(0).reason) == "QueueFull");
    CHECK(pool.view(ctx(0).queue) == "DefaultAppPool");

    // 2026-11-21 10:00:02 10.0.0.5 51001 10.0.0.50 80 - - - - - Timer_HeaderWait
    CHECK(e[1].clientPort == 51001);
    CHECK(e[1].version == HttpVersion::Unknown);
    CHECK(ctx(1).method == kEmptyStr);
    CHECK(e[1].uri == kEmptyStr);
    CHECK(e[1].status == 0);
    CHECK(ctx(1).siteId == kNoValue32);
    CHECK(pool.view(ctx(1).reason) == "Timer_HeaderWait");
    CHECK(ctx(1).queue == kEmptyStr);

    CHECK(addressText(pool, e[2].clientIp) == "fe80::1%3");
    CHECK(e[2].serverPort == 443);
    CHECK(pool.view(ctx(2).reason) == "Timer_ConnectionIdle");

    CHECK(pool.view(e[3].uri) == "/search?q=big");
    CHECK(pool.view(ctx(3).reason) == "FieldLength");
    CHECK(e[3].status == 400);

    CHECK(pool.view(ctx(4).reason) == "Connection_Abandoned_By_ReqQueue");
    CHECK(e[4].status == 0);
    CHECK(pool.view(ctx(4).queue) == "OrdersPool");

    CHECK(hasProblem(*src, 10, "field-count", "3 fields, 13 declared in #Fields"));
    CHECK(hasProblem(*src, 11, "field-count", "15 fields, 13 declared in #Fields"));
    CHECK(src->rawLine(6) == "2026-11-21 10:00:02 10.0.0.5 51001 10.0.0.50 80 - - - - - Timer_HeaderWait");
}

TEST_CASE("HTTPERR: Windows Server 2022 field set with streamid and transport", "[httperr]")
{
    StringPool pool;
    auto src = readSingleFile(test::dataDir() / "logs/httperr/httperr_2022.log", pool);
    REQUIRE(src);
    CHECK(src->format == FormatId::HttpErr);
    CHECK(src->records == 2);
    CHECK(src->rejected == 0);
    const auto &e = src->log->httpErr;
    const auto ctx = [&](std::size_t i) -> const HttpErrContext & { return src->log->context(e[i]); };
    CHECK(addressText(pool, e[0].clientIp) == "2001:db8::10");
    CHECK(e[0].version == HttpVersion::Http2);
    CHECK(e[0].status == 400);
    CHECK(ctx(0).siteId == 3);
    CHECK(pool.view(ctx(0).reason) == "Header");
    CHECK(httpErrFieldValue(*src, e[0], "streamid") == "5");
    CHECK(httpErrFieldValue(*src, e[0], "transport") == "TCP");
    CHECK(e[1].version == HttpVersion::Http3);
    CHECK(pool.view(ctx(1).queue) == "H3Pool");
    CHECK(httpErrFieldValue(*src, e[1], "transport") == "QUIC");
    CHECK(httpErrFieldValue(*src, e[1], "fault-code") == "0x1");
    CHECK(src->formatVariant.find("streamid") != std::string::npos);
    CHECK(hasProblem(*src, 6, "no-final-newline"));
}

TEST_CASE("HTTPERR: lines without directives use the default field set", "[httperr]")
{
    StringPool pool;
    auto src = readSingleFile(test::dataDir() / "logs/httperr/headerless.log", pool);
    REQUIRE(src);
    CHECK(src->format == FormatId::HttpErr);
    CHECK(src->records == 2);
    CHECK(pool.view(src->log->context(src->log->httpErr[1]).reason) == "Timer_HeaderWait");
    CHECK(hasProblem(*src, 1, "assumed-fields"));
}

TEST_CASE("HTTPERR: hundreds of chunks give the same rows and one context per combination", "[httperr]")
{
    test::TempDir dir("httperr-chunks");
    const char *reasons[] = {"Timer_ConnectionIdle", "Connection_Dropped", "Timer_HeaderWait", "QueueFull"};
    std::string data = "#Software: Microsoft HTTP API 2.0\n#Version: 1.0\n#Fields: date time c-ip c-port s-ip s-port "
                       "cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\n";
    for (int i = 0; i < 20000; ++i) {
        const bool connectionLevel = i % 4 == 0;
        // Every 5th client is IPv6 and every 7th URI unique: values that are interned in batches
        // (DeferredIds), here across hundreds of chunk ends.
        const std::string client = i % 5 == 0 ? "2001:db8::" + std::to_string(i)
                                              : "10.0." + std::to_string(i % 7) + "." + std::to_string(i % 250);
        const std::string uri = "/p" + std::to_string(i % 7 == 0 ? i : i % 300);
        data += "2026-11-21 10:" + std::to_string(10 + i / 1000) + ":00 " + client + " " + std::to_string(1024 + i) +
                " 10.0.0." + std::to_string(50 + i % 2) + " 80 " +
                (connectionLevel ? "- - - - - " : "HTTP/1.1 GET " + uri + " 503 1 ") + reasons[i % 4] +
                (connectionLevel ? " -" : " Pool" + std::to_string(i % 3)) + "\n";
    }
    test::ReadTwice read(dir.write("httperr1.log", data));
    const auto &a = read.chunked;
    const auto &b = read.single;
    const StringPool &poolA = read.chunkedPool, &poolB = read.singlePool;
    REQUIRE(a->records == 20000);
    REQUIRE(b->records == 20000);
    // Contexts are exactly the (server, reason, pool) combinations that occur: method and site
    // follow from the reason here.
    std::set<std::string> combos;
    for (std::size_t i = 0; i < a->records; ++i) {
        const HttpErrRecord &x = a->log->httpErr[i];
        const HttpErrRecord &y = b->log->httpErr[i];
        const HttpErrContext &cx = a->log->context(x);
        const HttpErrContext &cy = b->log->context(y);
        REQUIRE(x.line == y.line);
        REQUIRE(addressText(poolA, x.clientIp) == addressText(poolB, y.clientIp));
        REQUIRE(poolA.view(x.uri) == poolB.view(y.uri));
        REQUIRE(poolA.view(cx.reason) == poolB.view(cy.reason));
        REQUIRE(poolA.view(cx.serverIp) == poolB.view(cy.serverIp));
        REQUIRE(poolA.view(cx.queue) == poolB.view(cy.queue));
        REQUIRE(poolA.view(cx.method) == poolB.view(cy.method));
        REQUIRE(cx.siteId == cy.siteId);
        combos.insert(std::string(poolA.view(cx.serverIp)) + "|" + std::string(poolA.view(cx.reason)) + "|" +
                      std::string(poolA.view(cx.queue)));
    }
    CHECK(a->log->httpErrContexts.size() == combos.size());
    CHECK(b->log->httpErrContexts.size() == combos.size());
    CHECK(poolA.view(a->log->context(a->log->httpErr[0]).reason) == "Timer_ConnectionIdle");
    CHECK(addressText(poolA, a->log->httpErr[5].clientIp) == "2001:db8::5");
    CHECK(poolA.view(a->log->httpErr[7].uri) == "/p7");
    CHECK(poolA.view(a->log->httpErr[14007].uri) == "/p14007");
    CHECK(addressText(poolA, a->log->httpErr[19995].clientIp) == "2001:db8::19995");
}

TEST_CASE("HTTPERR: lines rejected after their client and URI were read leave no trace", "[httperr][bad-input]")
{
    // A field set without a time: every line is rejected after c-ip and cs-uri were read. Then a
    // usable field set. The rejected lines' values must not land in the rows that follow.
    test::TempDir dir("httperr-rejected");
    std::string data = "#Software: Microsoft HTTP API 2.0\n#Fields: date c-ip c-port s-ip s-port cs-uri s-reason\n";
    for (int i = 0; i < 40; ++i)
        data += "2026-11-21 2001:db8::" + std::to_string(i) + " 1000 10.0.0.50 80 /gone" + std::to_string(i) +
                " Timer_ConnectionIdle\n";
    data += "#Fields: date time c-ip c-port s-ip s-port cs-uri s-reason\n";
    for (int i = 0; i < 3; ++i)
        data += "2026-11-21 10:00:0" + std::to_string(i) + " 10.0.0." + std::to_string(i + 1) +
                " 1000 10.0.0.50 80 - Timer_ConnectionIdle\n";
    StringPool pool;
    const auto src = test::readCounting(dir.write("httperr1.log", data), pool, 3, 40);
    for (std::size_t i = 0; i < 3; ++i) {
        const HttpErrRecord &r = src->log->httpErr[i];
        CHECK(addressText(pool, r.clientIp) == "10.0.0." + std::to_string(i + 1));
        CHECK(r.uri == kEmptyStr);
    }
}

TEST_CASE("HTTPERR: a field set wider than the usual 64 slots is read to its last field", "[httperr]")
{
    // 80 custom fields before s-reason and s-queuename: those two sit at fields 92 and 93.
    test::TempDir dir("httperr-wide");
    std::string fields = "date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid";
    std::string values = "2026-11-21 10:00:01 10.0.0.7 51000 10.0.0.50 80 HTTP/1.1 GET /wide 400 1";
    for (int i = 0; i < 80; ++i) {
        fields += " x-custom" + std::to_string(i);
        values += " v" + std::to_string(i);
    }
    const std::string data = "#Software: Microsoft HTTP API 2.0\n#Fields: " + fields + " s-reason s-queuename\n" +
                             values + " BadRequest WidePool\n" + values + " Hostname WidePool \n";
    StringPool pool;
    const auto src = test::readCounting(dir.write("httperr1.log", data), pool, 2, 0);
    const auto &e = src->log->httpErr;
    CHECK(pool.view(src->log->context(e[0]).reason) == "BadRequest");
    CHECK(pool.view(src->log->context(e[0]).queue) == "WidePool");
    CHECK(pool.view(src->log->context(e[1]).reason) == "Hostname"); // with a trailing space
    CHECK(pool.view(e[0].uri) == "/wide");
    CHECK(e[0].status == 400);
}

TEST_CASE("HTTPERR: the HTTP API 2.0 default field set reads as any other field set does", "[httperr]")
{
    // Full lines of the default set are read field by field in a fixed order (no dispatch per
    // field); the same lines with streamid added take the general loop, as do lines that end early.
    test::TempDir dir("httperr-default-set");
    const std::string fields = "date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid "
                               "s-reason s-queuename";
    const std::vector<std::string> lines = {
        "2026-11-21 10:00:01 10.1.2.3 50123 10.0.0.50 80 HTTP/1.1 POST /upload.aspx?x=1 400 1 BadRequest Pool1",
        "2026-11-21 10:00:01 2001:db8::7 443 2001:db8::50 443 - - - - - Timer_ConnectionIdle -",
        "2026-11-21 10:00:02.500 fe80::1%3 5000 10.0.0.50 80 HTTP/2.0 GET / 503 2 QueueFull DefaultAppPool",
        "2026-11-21 10:00:03 010.0.0.9 6x 10.0.0.50 80 HTTP/1.1 GET /a+b 40x 1 URL Pool1",
        "2026-11-22 23:59:59 10.0.0.9 65535 10.0.0.51 8080 HTTP/1.0 HEAD /late 404 4294967295 Hostname Pool2",
    };
    std::string plain = "#Software: Microsoft HTTP API 2.0\n#Fields: " + fields + "\n";
    std::string withStream = "#Software: Microsoft HTTP API 2.0\n#Fields: " + fields + " streamid\n";
    for (const std::string &l : lines) {
        plain += l + "\n";
        withStream += l + " 7\n";
    }
    StringPool pool;
    const auto a = test::readCounting(dir.write("httperr1.log", plain), pool, lines.size(), 0);
    const auto b = test::readCounting(dir.write("httperr2.log", withStream), pool, lines.size(), 0);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        INFO(lines[i]);
        const HttpErrRecord &x = a->log->httpErr[i];
        const HttpErrRecord &y = b->log->httpErr[i];
        CHECK(x.time == y.time);
        CHECK(x.line == y.line);
        CHECK(x.clientIp == y.clientIp);
        CHECK(x.uri == y.uri);
        CHECK(x.clientPort == y.clientPort);
        CHECK(x.serverPort == y.serverPort);
        CHECK(x.status == y.status);
        CHECK(x.version == y.version);
        CHECK(a->log->context(x) == b->log->context(y));
    }
    CHECK(pool.view(a->log->context(a->log->httpErr[2]).queue) == "DefaultAppPool");
    CHECK(a->log->context(a->log->httpErr[4]).siteId == 4294967295u);
    CHECK(a->log->httpErr[3].clientPort == kNoPort); // "6x": left empty, with a note
    CHECK(a->problems.total() == b->problems.total());
}
