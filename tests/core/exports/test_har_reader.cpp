// SPDX-License-Identifier: MIT
// HAR 1.2 reader on the fixtures written by tests/data/exports/make_exports.py (each entry's expected
// values are documented there).
#include "export_test_util.h"
#include "formats/exports/har_entry.h"
#include "formats/har_reader.h"
#include "support/catch.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace hs;
using hs::test::exportsFixture;
using hs::test::problemCount;
using hs::test::utc;

namespace {

struct Read {
    StringPool pool;
    std::unique_ptr<Source> src;
    explicit Read(std::string_view fixture) : src(readSingleFile(exportsFixture(fixture), pool)) {}
    Read(std::string bytes, std::string name)
        : src(readSingleBuffer({bytes.begin(), bytes.end()}, std::move(name), pool))
    {
    }
    const CaptureData &cap() const { return *src->capture; }
    const Transaction &tx(std::size_t i) const { return src->capture->transactions.at(i); }
    const Connection &conn(std::size_t i) const { return src->capture->connections.at(i); }
    std::string_view str(StrId id) const { return pool.view(id); }
    std::string_view requestHead(const Transaction &t) const
    {
        return std::string_view(cap().headArena).substr(t.requestHeadOffset, t.requestHeadSize);
    }
    std::string_view responseHead(const Transaction &t) const
    {
        return std::string_view(cap().headArena).substr(t.responseHeadOffset, t.responseHeadSize);
    }
};

// The CaptureData contract: connections by first time; each connection's transactions contiguous,
// pointing back at it, numbered in order.
void checkContract(const CaptureData &cap)
{
    std::uint32_t expectedFirst = 0;
    for (std::size_t c = 0; c < cap.connections.size(); ++c) {
        const Connection &conn = cap.connections[c];
        CHECK(conn.firstTransaction == expectedFirst);
        CHECK(conn.transactionCount > 0);
        for (std::uint32_t k = 0; k < conn.transactionCount; ++k) {
            const Transaction &t = cap.transactions.at(conn.firstTransaction + k);
            CHECK(t.connection.value == c);
            CHECK(t.indexInConnection == k);
        }
        expectedFirst += conn.transactionCount;
        if (c > 0 && conn.firstTime != kNoTime && cap.connections[c - 1].firstTime != kNoTime)
            CHECK(cap.connections[c - 1].firstTime <= conn.firstTime);
    }
    CHECK(expectedFirst == cap.transactions.size());
}

} // namespace

TEST_CASE("HAR sniffing looks for a log object with entries", "[exports][har]")
{
    const HarReader reader;
    auto sniff = [&](std::string_view head) { return reader.sniff(SniffInput{head, "x.json", head.size()}); };
    CHECK(sniff(R"({"log": {"version": "1.2", "entries": []}})").score == 100);
    CHECK(sniff("\xEF\xBB\xBF\r\n{\n  \"log\" : {\"creator\": {}, \"pages\": [").verdict == SniffVerdict::Mine);
    CHECK(sniff(R"({"log": {"creator": {"name": "x"}, "pages": [)").score == 60);
    CHECK(sniff(R"({"logs": {"entries": []}})").verdict == SniffVerdict::NotMine);
    CHECK(sniff(R"({"log": "text", "entries": []})").score == 40); // damaged: the reader explains
    CHECK(sniff(R"({"catalog": {"entries": []}})").verdict == SniffVerdict::NotMine);
    CHECK(sniff(R"([{"log": {"entries": []}}])").verdict == SniffVerdict::NotMine);
    CHECK(sniff("#Software: Microsoft Internet Information Services 10.0\r\n").verdict == SniffVerdict::NotMine);
}

TEST_CASE("HAR URL and version helpers", "[exports][har]")
{
    const UrlParts a = splitUrl("https://user:pw@[2001:db8::2]:8443/api/v1?x=1#frag");
    CHECK(a.valid);
    CHECK(a.scheme == "https");
    CHECK(a.host == "[2001:db8::2]");
    CHECK(a.port == 8443);
    CHECK(a.target == "/api/v1?x=1");
    const UrlParts b = splitUrl("http://iis.example.test");
    CHECK(b.valid);
    CHECK(b.port == 80);
    CHECK(b.target.empty());
    CHECK(splitUrl("wss://h/x").port == 443);
    CHECK_FALSE(splitUrl("http://h:99999/").valid);
    CHECK_FALSE(splitUrl("about:blank").valid);
    CHECK(harHttpVersion("HTTP/1.1") == HttpVersion::Http11);
    CHECK(harHttpVersion("http/2.0") == HttpVersion::Http2);
    CHECK(harHttpVersion("h2") == HttpVersion::Http2);
    CHECK(harHttpVersion("h3") == HttpVersion::Http3);
    CHECK(harHttpVersion("HTTP/3") == HttpVersion::Http3);
    CHECK(harHttpVersion("") == HttpVersion::Unknown);
    CHECK(harHttpVersion("spdy/3.1") == HttpVersion::Other);
}

TEST_CASE("Chrome HAR: timings, headers, failed entries and connections", "[exports][har]")
{
    const Read r("chrome.har");
    REQUIRE(r.src);
    const Source &src = *r.src;
    CHECK(src.format == FormatId::Har);
    CHECK(src.readCompleted);
    CHECK(src.formatVariant == "HAR 1.2, 2 pages");
    CHECK(r.cap().application == "WebInspector 537.36");
    CHECK(r.cap().packets == 7);
    CHECK(src.records == 7);
    CHECK(r.cap().httpRequests == 7);
    CHECK(r.cap().httpResponses == 6);
    CHECK(r.cap().httpInterim == 0);
    CHECK(src.first == utc("2026-11-21T10:00:00.500Z"));
    CHECK(src.last == utc("2026-11-21T10:00:06.002700Z"));
    CHECK(src.problems.total() == 2);
    CHECK(problemCount(src, "failed-entry") == 1);
    CHECK(problemCount(src, "unknown-page") == 1);
    const Problem *failed = hs::test::firstProblem(src, "failed-entry");
    REQUIRE(failed);
    CHECK(failed->frame == 3);
    CHECK(failed->message.find("net::ERR_BLOCKED_BY_CLIENT") != std::string::npos);
    CHECK(failed->level == ProblemLevel::Note);
    CHECK(failed->line > 1);
    CHECK(src.bytes.view().substr(failed->offset, 1) == "{");

    checkContract(r.cap());
    REQUIRE(r.cap().connections.size() == 5);
    // [C4] [C1 C2 C6] [C3] [C5] [C7]
    const Connection &v6 = r.conn(0);
    CHECK(v6.server.toString() == "[2001:db8::2]:8443");
    CHECK_FALSE(v6.client.valid());
    CHECK(v6.harConnection == 1002);
    CHECK(v6.transactionCount == 1);
    CHECK(v6.protocol == AppProtocol::Http);
    const Connection &keepAlive = r.conn(1);
    CHECK(keepAlive.server.toString() == "10.0.0.50:80");
    CHECK(keepAlive.harConnection == 1001);
    CHECK(keepAlive.transactionCount == 3);
    CHECK(keepAlive.firstTime == utc("2026-11-21T10:00:01Z"));
    CHECK(keepAlive.lastTime == utc("2026-11-21T10:00:05.010200Z"));
    CHECK(keepAlive.firstFrame == 1);
    CHECK(keepAlive.lastFrame == 6);
    CHECK(keepAlive.payloadBytes[kToServer] == 120 + 5000);
    CHECK(r.conn(2).transactionCount == 1);
    CHECK_FALSE(r.conn(2).server.valid());
    CHECK(r.conn(2).server.port == 80);
    CHECK(r.conn(2).harConnection == 0);
    CHECK(r.conn(3).upgraded);
    CHECK(r.conn(3).harConnection == 1003);
    CHECK(r.conn(4).harConnection == 1004);

    const Transaction &c1 = r.tx(1);
    CHECK(c1.requestFrame == 1);
    CHECK(c1.responseFrame == 1);
    CHECK(r.str(c1.method) == "GET");
    CHECK(r.str(c1.target) == "/index.htm");
    CHECK(r.str(c1.request.host) == "iis.example.test");
    CHECK(r.str(c1.request.connection) == "keep-alive");
    CHECK(r.str(c1.request.userAgent).find("Chrome/131") != std::string_view::npos);
    CHECK(c1.requestVersion == HttpVersion::Http11);
    CHECK(c1.requestFraming == BodyFraming::None);
    CHECK(c1.requestHeaderBytes == 120);
    CHECK(c1.requestTime == utc("2026-11-21T10:00:01.006500Z"));
    CHECK(c1.requestHeadEndTime == utc("2026-11-21T10:00:01.007Z"));
    CHECK(c1.requestBodyLastTime == utc("2026-11-21T10:00:01.007Z"));
    CHECK(c1.responseTime == utc("2026-11-21T10:00:01.017250Z"));
    CHECK(c1.responseEndTime == utc("2026-11-21T10:00:01.019250Z"));
    CHECK(c1.requestComplete);
    CHECK(c1.hasResponse);
    CHECK(c1.responseComplete);
    CHECK(c1.status == 200);
    CHECK(r.str(c1.reason) == "OK");
    CHECK(c1.responseVersion == HttpVersion::Http11);
    CHECK(r.str(c1.response.server) == "Microsoft-IIS/10.0");
    CHECK(c1.response.contentLength == 1234);
    CHECK(c1.responseFraming == BodyFraming::ContentLength);
    CHECK(c1.responseHeaderBytes == 200);
    CHECK(c1.responseBodyBytes == 1234);
    CHECK(c1.violations == kViolationNone);
    CHECK(r.requestHead(c1) == "GET /index.htm HTTP/1.1\r\nHost: iis.example.test\r\nConnection: keep-alive\r\n"
                               "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0\r\n\r\n");
    CHECK(r.responseHead(c1) ==
          "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nServer: Microsoft-IIS/10.0\r\nContent-Length: 1234\r\n\r\n");

    const Transaction &c2 = r.tx(2);
    CHECK(r.str(c2.method) == "POST");
    CHECK(r.str(c2.target) == "/upload.aspx?id=7");
    CHECK(c2.expectsContinue());
    CHECK(r.str(c2.request.expect) == "100-continue");
    CHECK(c2.request.contentLength == 5000);
    CHECK(c2.requestFraming == BodyFraming::ContentLength);
    CHECK(c2.requestBodyBytes == 5000);
    CHECK(c2.requestTime == utc("2026-11-21T10:00:02Z"));
    CHECK(c2.requestHeadEndTime == kNoTime); // a HAR does not say when the head of a POST ended
    CHECK(c2.requestBodyLastTime == utc("2026-11-21T10:00:02.350Z"));
    CHECK(c2.responseTime == utc("2026-11-21T10:00:02.355Z"));
    CHECK(c2.responseEndTime == utc("2026-11-21T10:00:02.356Z"));
    CHECK(c2.indexInConnection == 1);

    const Transaction &c6 = r.tx(3);
    CHECK(r.str(c6.target) == "/chunked.txt");
    CHECK(c6.responseFraming == BodyFraming::Chunked);
    CHECK(r.str(c6.response.transferEncoding) == "chunked");

    const Transaction &c3 = r.tx(4);
    CHECK(c3.requestFrame == 3);
    CHECK(c3.hasRequest);
    CHECK_FALSE(c3.hasResponse);
    CHECK_FALSE(c3.requestComplete);
    CHECK(c3.status == 0);
    CHECK(c3.requestTime == utc("2026-11-21T10:00:03.000500Z"));
    CHECK(c3.requestBodyLastTime == kNoTime);
    CHECK(c3.responseTime == kNoTime);
    CHECK(r.str(c3.request.host) == "blocked.example.test");
    CHECK(c3.responseHeadSize == 0);

    const Transaction &c4 = r.tx(0);
    CHECK(c4.requestVersion == HttpVersion::Http2);
    CHECK(r.str(c4.request.host) == "[2001:db8::2]:8443");
    CHECK(r.str(c4.target) == "/api/v1?x=1");
    CHECK(c4.requestTime == utc("2026-11-21T10:00:00.520100Z"));
    CHECK(c4.status == 204);
    CHECK(c4.responseFraming == BodyFraming::None);
    CHECK(r.str(c4.response.server) == "Kestrel");

    CHECK(r.tx(5).status == 101);
    CHECK(r.tx(6).status == 404);
}

TEST_CASE("Firefox HAR: local offsets, port-as-connection id, cache entries without timings", "[exports][har]")
{
    const Read r("firefox.har");
    REQUIRE(r.src);
    const Source &src = *r.src;
    CHECK(src.readCompleted);
    CHECK(r.cap().application == "Firefox 128.0");
    CHECK(src.formatVariant == "HAR 1.2, 1 page");
    CHECK(r.cap().packets == 3);
    CHECK(r.cap().httpResponses == 3);
    checkContract(r.cap());
    REQUIRE(r.cap().connections.size() == 2);
    CHECK(r.conn(0).harConnection == 80);
    CHECK(r.conn(0).transactionCount == 2);
    CHECK(r.conn(0).server.toString() == "10.0.0.50:80");
    const Transaction &f1 = r.tx(0);
    CHECK(f1.requestFrame == 1);
    CHECK(f1.requestTime == utc("2026-11-21T10:00:01.002Z"));
    CHECK(f1.responseTime == utc("2026-11-21T10:00:01.017Z"));
    CHECK(f1.responseEndTime == utc("2026-11-21T10:00:01.018Z"));
    CHECK(f1.responseFraming == BodyFraming::Chunked);
    CHECK(r.str(f1.response.server) == "Microsoft-IIS/8.5");
    CHECK(f1.requestHeaderBytes == 300);
    const Transaction &f3 = r.tx(1);
    CHECK(f3.requestFrame == 3);
    CHECK(f3.status == 304);
    CHECK(f3.responseFraming == BodyFraming::None);
    CHECK(f3.requestTime == utc("2026-11-21T10:00:01.200Z"));
    const Transaction &f2 = r.tx(2);
    CHECK(f2.requestFrame == 2);
    CHECK(f2.requestVersion == HttpVersion::Unknown);
    CHECK(f2.requestTime == utc("2026-11-21T10:00:01.100Z"));
    CHECK(f2.responseTime == kNoTime);
    CHECK(f2.responseEndTime == utc("2026-11-21T10:00:01.100Z")); // "time": 0
    CHECK(f2.requestHeaderBytes == 0);                            // headersSize null
    CHECK_FALSE(r.conn(1).server.valid());
    CHECK(problemCount(src, "missing-timings") == 1);
    CHECK(hs::test::firstProblem(src, "missing-timings")->frame == 2);
    CHECK(src.problems.total() == 1);
}

TEST_CASE("Charles HAR: chunked upload, proxy headers, Expect on a GET", "[exports][har]")
{
    const Read r("charles.har");
    REQUIRE(r.src);
    CHECK(r.cap().application == "Charles Proxy 4.6.6");
    CHECK(r.src->formatVariant == "HAR 1.2");
    REQUIRE(r.cap().connections.size() == 2); // no connection ids: one connection per entry
    CHECK(r.conn(0).server.toString() == "192.0.2.10:443");
    const Transaction &h1 = r.tx(0);
    CHECK(h1.requestTime == utc("2026-11-21T10:00:01.292Z"));
    CHECK(h1.requestBodyLastTime == utc("2026-11-21T10:00:01.294Z"));
    CHECK(h1.responseTime == utc("2026-11-21T10:00:01.334Z"));
    CHECK(h1.responseEndTime == utc("2026-11-21T10:00:01.337Z"));
    CHECK(h1.requestFraming == BodyFraming::Chunked);
    CHECK(r.str(h1.request.transferEncoding) == "chunked");
    CHECK(h1.requestBodyBytes == 64);
    CHECK(r.str(h1.response.via) == "1.1 proxy.example.test");
    CHECK(r.str(h1.response.connection) == "close");
    CHECK(h1.status == 201);
    const Transaction &h2 = r.tx(1);
    CHECK(r.str(h2.request.expect) == "100-Continue");
    CHECK((h2.violations & kViolationExpectWithoutBody) != 0);
    CHECK(h2.status == 417);
    CHECK(r.str(h2.response.server) == "squid/2.7.STABLE9");
    CHECK(r.src->problems.total() == 0);
}

TEST_CASE("Fiddler HAR: seven fractional digits and an interim-only entry", "[exports][har]")
{
    const Read r("fiddler.har");
    REQUIRE(r.src);
    CHECK(r.cap().httpRequests == 2);
    CHECK(r.cap().httpResponses == 1);
    CHECK(r.cap().httpInterim == 1);
    const Transaction &d1 = r.tx(0);
    CHECK_FALSE(d1.hasResponse);
    REQUIRE(d1.interims.size() == 1);
    CHECK(d1.interims[0].status == 100);
    CHECK(d1.interims[0].time == utc("2026-11-21T10:00:01.144456Z"));
    CHECK(d1.interims[0].frame == 1);
    CHECK_FALSE(d1.interims[0].afterFinal);
    CHECK(d1.requestTime == utc("2026-11-21T10:00:01.123456Z"));
    CHECK(d1.responseTime == kNoTime);
    CHECK(problemCount(*r.src, "interim-only") == 1);
    const Transaction &d2 = r.tx(1);
    CHECK(d2.requestTime == utc("2026-11-21T10:00:02.500Z"));
    CHECK(r.str(d2.response.server) == "Microsoft-IIS/6.0");
}

TEST_CASE("Safari HAR: IPv6 server address without brackets", "[exports][har]")
{
    const Read r("safari.har");
    REQUIRE(r.src);
    REQUIRE(r.cap().connections.size() == 2);
    CHECK(r.conn(0).server.toString() == "[2001:db8::50]:80");
    CHECK(r.conn(0).harConnection == 5);
    CHECK(r.conn(0).transactionCount == 2);
    CHECK(r.tx(0).requestTime == utc("2026-11-21T10:00:01.126750Z"));
    CHECK(r.str(r.tx(0).request.host) == "[2001:db8::50]");
    CHECK(r.conn(1).transactionCount == 1);
    CHECK(r.src->formatVariant == "HAR 1.2, 1 page");
}

TEST_CASE("HAR with a UTF-8 BOM", "[exports][har]")
{
    const Read r("bom.har");
    REQUIRE(r.src);
    CHECK(r.src->format == FormatId::Har);
    CHECK(r.src->problems.total() == 0);
    CHECK(r.src->records == 1);
    CHECK(r.str(r.tx(0).target) == "/\xC3\xBC");
    CHECK(r.conn(0).harConnection == 7);
}

TEST_CASE("truncated HAR keeps the entries before the cut", "[exports][har][bad]")
{
    const Read r("truncated.har");
    REQUIRE(r.src);
    CHECK_FALSE(r.src->readCompleted);
    CHECK(r.cap().packets == 2);
    CHECK(r.src->records == 2);
    const Problem *p = hs::test::firstProblem(*r.src, "json");
    REQUIRE(p);
    CHECK(p->level == ProblemLevel::Error);
    // The cut is inside entry 3's URL: the problem points at the string that never ends.
    CHECK(p->offset == r.src->bytes.view().rfind('"'));
    CHECK(p->message.find("string not terminated") != std::string::npos);
    CHECK(p->message.find("the 2 entries before it are kept") != std::string::npos);
}

TEST_CASE("HAR entries with wrong types are reported and the rest kept", "[exports][har][bad]")
{
    const Read r("wrong_types.har");
    REQUIRE(r.src);
    const Source &src = *r.src;
    CHECK(src.readCompleted);
    CHECK(r.cap().packets == 7);
    CHECK(src.records == 5); // W2 (request is a string) and W6 (not an object) skipped
    CHECK(r.cap().httpResponses == 4);
    auto framesOf = [&](std::string_view category) {
        std::vector<std::uint64_t> frames;
        for (const Problem &p : src.problems.stored())
            if (p.category == category)
                frames.push_back(p.frame);
        return frames;
    };
    CHECK(framesOf("entry-field") == std::vector<std::uint64_t>{2, 3, 4, 5, 6});
    CHECK(framesOf("bad-time") == std::vector<std::uint64_t>{4});
    CHECK(framesOf("failed-entry") == std::vector<std::uint64_t>{5});
    CHECK(framesOf("missing-timings") == std::vector<std::uint64_t>{7});
    std::vector<std::uint64_t> frames;
    for (const Transaction &t : r.cap().transactions)
        frames.push_back(t.requestFrame);
    std::sort(frames.begin(), frames.end());
    CHECK(frames == std::vector<std::uint64_t>{1, 3, 4, 5, 7});
    for (const Transaction &t : r.cap().transactions) {
        if (t.requestFrame == 3)
            CHECK(t.status == 200);
        if (t.requestFrame == 4) {
            CHECK(t.requestTime == kNoTime);
            CHECK(t.request.host != kEmptyStr); // from the URL: the headers object was unusable
        }
    }
}

TEST_CASE("HAR entry with a syntax error is skipped, its neighbours kept", "[exports][har][bad]")
{
    const Read r("syntax_error.har");
    REQUIRE(r.src);
    CHECK(r.src->readCompleted);
    CHECK(r.cap().packets == 3);
    CHECK(r.src->records == 2);
    const Problem *p = hs::test::firstProblem(*r.src, "json");
    REQUIRE(p);
    CHECK(p->frame == 2);
    CHECK(p->level == ProblemLevel::Warning);
    const std::string_view bytes = r.src->bytes.view();
    const std::size_t missingComma = bytes.find("\"status\": 200\n") + std::string_view("\"status\": 200").size();
    CHECK(p->offset >= missingComma);
    CHECK(p->offset <= bytes.find("\"statusText\"", missingComma) + 1); // Qt points at or just past the quote
}

TEST_CASE("HAR with garbage between entries stops there and keeps what came before", "[exports][har][bad]")
{
    const Read r("garbage_between.har");
    REQUIRE(r.src);
    CHECK_FALSE(r.src->readCompleted);
    CHECK(r.src->records == 1);
    const Problem *p = hs::test::firstProblem(*r.src, "json");
    REQUIRE(p);
    CHECK(p->offset == r.src->bytes.view().find("garbage"));
    CHECK(p->line == 47);
}

TEST_CASE("HAR whose log is not an object", "[exports][har][bad]")
{
    const Read r("log_not_object.har");
    REQUIRE(r.src);
    CHECK(r.src->records == 0);
    CHECK(problemCount(*r.src, "har-structure") == 1);
    CHECK(hs::test::firstProblem(*r.src, "har-structure")->offset == 8);
    CHECK(r.cap().connections.empty());
}

TEST_CASE("HAR with a 1 MB header value keeps 64 KiB of it", "[exports][har][bad]")
{
    const std::string big(1 << 20, 'A');
    const std::string doc = R"({"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": [)"
                            R"({"startedDateTime": "2026-11-21T10:00:00Z", "request": {"method": "GET", )"
                            R"("url": "http://h/", "httpVersion": "HTTP/1.1", "headers": [{"name": "User-Agent", )"
                            R"("value": ")" +
                            big +
                            R"("}]}, "response": {"status": 200, "headers": [{"name": "Server", "value": "IIS"}]},)"
                            R"( "timings": {"send": 0, "wait": 1, "receive": 0}}]}})";
    const Read r(doc, "big.har");
    REQUIRE(r.src);
    REQUIRE(r.src->records == 1);
    CHECK(r.str(r.tx(0).request.userAgent).size() == 64 * 1024);
    CHECK(r.str(r.tx(0).response.server) == "IIS");
    CHECK(problemCount(*r.src, "long-header") == 1);
    CHECK(r.tx(0).requestHeadSize == 0); // a 1 MB head is not kept for display
    CHECK(r.tx(0).responseHeadSize > 0);
}

TEST_CASE("HAR entries in many shapes of wrong", "[exports][har][bad]")
{
    auto read = [](const std::string &entries) {
        StringPool pool;
        const std::string doc = R"({"log": {"entries": [)" + entries + "]}}";
        auto src = readSingleBuffer({doc.begin(), doc.end()}, "x.har", pool);
        REQUIRE(src);
        return src;
    };
    CHECK(read("{}")->records == 0);
    CHECK(read(R"({"request": {}})")->records == 1);
    CHECK(read(R"({"request": {"url": 5, "method": []}, "response": [], "timings": [], "connection": {}})")->records ==
          1);
    CHECK(read(R"({"request": {"url": "http://h/"}, "response": {"status": 1e300}})")->records == 1);
    CHECK(read(R"({"request": {"url": "http://h/"}, "response": {"status": -5}})")->capture->httpResponses == 0);
    CHECK(read(R"({"startedDateTime": "2026-11-21T10:00:00Z", "request": {"url": "http://h/"}, )"
               R"("response": {"status": 200}, "timings": {"blocked": 1e308, "send": "x", "wait": null}})")
              ->records == 1);
    CHECK(read(R"({"request": {"headers": [1, {"name": 2}, {"name": "Host"}, {"name": "Host", "value": "h"}]}})")
              ->records == 1);
    auto noLog = [] {
        StringPool pool;
        const std::string doc = R"({"log": {"version": "1.2"}})";
        return readSingleBuffer({doc.begin(), doc.end()}, "x.har", pool);
    }();
    REQUIRE(noLog);
    CHECK(problemCount(*noLog, "har-structure") == 1);
}
