// SPDX-License-Identifier: MIT
// Fiddler SAZ reader on the archives written by tests/data/exports/make_exports.py (sessions and
// timers documented there).
#include "export_test_util.h"
#include "formats/exports/saz_session.h"
#include "formats/exports/saz_timeline.h"
#include "formats/saz_reader.h"
#include "io/mapped_file.h"
#include "support/catch.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"
#include "tasks/task_pool.h"

#include <string>

using namespace hs;
using hs::test::exportsFixture;
using hs::test::problemCount;
using hs::test::utc;

namespace {

struct Read {
    StringPool pool;
    std::unique_ptr<Source> src;
    explicit Read(std::string_view fixture) : src(readSingleFile(exportsFixture(fixture), pool)) {}
    // Straight through one reader (with its own limits), bypassing the registry.
    Read(std::string_view fixture, const SazReader &reader) : src(std::make_unique<Source>())
    {
        std::string error;
        src->bytes = ByteBuffer::mapFile(exportsFixture(fixture), error);
        src->format = FormatId::Saz;
        CancelToken cancel;
        Progress progress;
        TaskPool pool1(1);
        const ReadOptions options;
        ReadContext ctx{*src, pool, cancel, progress, pool1, options};
        reader.read(ctx);
    }
    const CaptureData &cap() const { return *src->capture; }
    const Transaction &tx(std::size_t i) const { return src->capture->transactions.at(i); }
    const Connection &conn(std::size_t i) const { return src->capture->connections.at(i); }
    std::string_view str(StrId id) const { return pool.view(id); }
    const Transaction *bySession(std::uint64_t session) const
    {
        for (const Transaction &t : cap().transactions)
            if (t.requestFrame == session)
                return &t;
        return nullptr;
    }
};

std::vector<std::uint64_t> framesOf(const Source &src, std::string_view category)
{
    std::vector<std::uint64_t> frames;
    for (const Problem &p : src.problems.stored())
        if (p.category == category)
            frames.push_back(p.frame);
    return frames;
}

} // namespace

TEST_CASE("SAZ member names", "[exports][saz]")
{
    std::uint64_t n = 0;
    SazPart part = SazPart::Metadata;
    CHECK(parseSazMemberName("raw/01_c.txt", n, part));
    CHECK(n == 1);
    CHECK(part == SazPart::Request);
    CHECK(parseSazMemberName("raw\\123_s.txt", n, part));
    CHECK(n == 123);
    CHECK(part == SazPart::Response);
    CHECK(parseSazMemberName("RAW/7_M.XML", n, part));
    CHECK(part == SazPart::Metadata);
    CHECK_FALSE(parseSazMemberName("raw/01_w.txt", n, part)); // WebSocket messages: not used
    CHECK_FALSE(parseSazMemberName("raw/x_c.txt", n, part));
    CHECK_FALSE(parseSazMemberName("raw/_c.txt", n, part));
    CHECK_FALSE(parseSazMemberName("logs/01_c.txt", n, part));
    CHECK_FALSE(parseSazMemberName("_index.htm", n, part));
}

TEST_CASE("SAZ sniffing reads local zip headers from the first bytes only", "[exports][saz]")
{
    const SazReader reader;
    auto sniffFile = [&](std::string_view fixture, std::size_t headBytes) {
        const std::string bytes = hs::test::readFile(exportsFixture(fixture));
        const std::string_view head = std::string_view(bytes).substr(0, headBytes);
        return reader.sniff(SniffInput{head, fixture, bytes.size()});
    };
    CHECK(sniffFile("multi.saz", 65536).verdict == SniffVerdict::Mine);
    CHECK(sniffFile("multi.saz", 400).verdict == SniffVerdict::Mine); // [Content_Types].xml, then raw/01_c.txt
    CHECK(sniffFile("truncated.saz", 65536).verdict == SniffVerdict::Mine);
    CHECK(sniffFile("plain.zip", 65536).verdict == SniffVerdict::NotMine);
    CHECK(sniffFile("chrome.har", 65536).verdict == SniffVerdict::NotMine);
    CHECK(reader.sniff(SniffInput{"PK\x03\x04garbage", "x.saz", 11}).verdict == SniffVerdict::NotMine);
    CHECK(reader.sniffKind() == SniffKind::Magic);
}

TEST_CASE("SAZ session metadata", "[exports][saz]")
{
    const std::string xml = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
                            "<Session SID=\"72\" BitFlags=\"9\">\r\n"
                            "  <SessionTimers ClientConnected=\"2025-08-30T11:33:29.356942-07:00\" "
                            "ClientBeginRequest=\"2025-08-30T11:34:28.6859373-07:00\" "
                            "FiddlerBeginRequest=\"0001-01-01T00:00:00\" ServerGotRequest=\"soon\" />\r\n"
                            "  <SessionFlags>\r\n"
                            "    <SessionFlag N=\"x-clientip\" V=\"::ffff:127.0.0.1\" />\r\n"
                            "    <SessionFlag N=\"X-ClientPort\" V=\"64971\" />\r\n"
                            "    <SessionFlag N=\"x-hostip\" V=\"2001:db8::2\" />\r\n"
                            "    <SessionFlag N=\"x-egressport\" V=\"64982\" />\r\n"
                            "    <SessionFlag N=\"x-processinfo\" V=\"msedge:12140\" />\r\n"
                            "  </SessionFlags>\r\n</Session>";
    const SazMetadata m = parseSazMetadata(xml);
    CHECK(m.xmlError.empty());
    CHECK(m.sid == 72);
    CHECK(m.bitFlags == 9);
    CHECK(m.clientConnected == utc("2025-08-30T18:33:29.356942Z"));
    CHECK(m.clientBeginRequest == utc("2025-08-30T18:34:28.685937Z")); // 7th digit dropped
    CHECK(m.fiddlerBeginRequest == kNoTime);                           // DateTime.MinValue: never set
    CHECK(m.serverGotRequest == kNoTime);
    REQUIRE(m.bad.size() == 1);
    CHECK(m.bad[0] == "ServerGotRequest=\"soon\"");
    CHECK(m.client.toString() == "127.0.0.1:64971");
    CHECK(m.serverIp.toString() == "2001:db8::2");
    CHECK(m.egressPort == 64982);
    CHECK(m.process == "msedge");

    const SazMetadata broken = parseSazMetadata("<Session SID=\"3\"><SessionTimers ClientBeginRequest=\"2026");
    CHECK_FALSE(broken.xmlError.empty());
    CHECK(broken.sid == 3);
    CHECK(parseSazMetadata("").xmlError.find("line") == 0);
}

TEST_CASE("SAZ timeline prefers the server side of the proxy", "[exports][saz]")
{
    SazMetadata m;
    m.clientBeginRequest = 100;
    m.gotRequestHeaders = 110;
    m.clientDoneRequest = 150;
    SazTimeline t = sazTimeline(m);
    CHECK(t.requestStart == 100);
    CHECK(t.requestHeadEnd == 110);
    CHECK(t.requestDone == 150);
    CHECK(t.responseStart == 100); // nothing known: not before the request
    m.fiddlerBeginRequest = 200;
    m.serverGotRequest = 190; // rounded to an earlier tick: kept in order
    m.serverBeginResponse = 300;
    m.serverDoneResponse = 400;
    m.clientDoneResponse = 410;
    t = sazTimeline(m);
    CHECK(t.requestStart == 200);
    CHECK(t.requestHeadEnd == 200);
    CHECK(t.requestDone == 200);
    CHECK(t.responseStart == 300);
    CHECK(t.responseHeadEnd == 300);
    CHECK(t.responseDone == 400);
    CHECK(t.first() == 200);
    CHECK(t.last() == 400);
    CHECK(headBlockEnd("GET / HTTP/1.1\r\nHost: h\r\n\r\nbody") == 27);
    CHECK(headBlockEnd("HTTP/1.1 100 Continue\n\nHTTP/1.1 200 OK\n\n", 0) == 23);
    CHECK(headBlockEnd("GET / HTTP/1.1\r\nHost: h\r\n") == std::string_view::npos);
}

TEST_CASE("SAZ with several sessions, 100-continue, chunked bodies and a tunnel", "[exports][saz]")
{
    const Read r("multi.saz");
    REQUIRE(r.src);
    const Source &src = *r.src;
    CHECK(src.format == FormatId::Saz);
    CHECK(src.readCompleted);
    CHECK(src.problems.total() == 0);
    CHECK(src.formatVariant == "Fiddler SAZ, 6 sessions");
    CHECK(r.cap().application == "Fiddler");
    CHECK(r.cap().packets == 6);
    CHECK(src.records == 6);
    CHECK(r.cap().httpRequests == 6);
    CHECK(r.cap().httpResponses == 6);
    CHECK(r.cap().httpInterim == 1);
    CHECK(src.first == utc("2026-11-21T10:00:01.005Z")); // ServerConnected of session 01
    CHECK(src.last == utc("2026-11-21T10:00:06.010Z"));
    REQUIRE(r.cap().connections.size() == 5);

    // Sessions 01 and 02: the same client port (51000) and egress port (52000).
    const Connection &a = r.conn(0);
    CHECK(a.key() == "10.0.0.5:51000->10.0.0.50:80");
    CHECK(a.harConnection == 52000);
    CHECK(a.transactionCount == 2);
    CHECK(a.firstTransaction == 0);
    CHECK(a.firstFrame == 1);
    CHECK(a.lastFrame == 2);
    CHECK(a.firstTime == utc("2026-11-21T10:00:01.005Z"));
    CHECK(a.lastTime == utc("2026-11-21T10:00:02.062Z"));
    CHECK(a.protocol == AppProtocol::Http);
    CHECK(r.conn(1).key() == "10.0.0.5:51001->10.0.0.50:80");
    CHECK(r.conn(2).key() == "10.0.0.6:51002->[2001:db8::2]:8080"); // ::ffff:10.0.0.6 unmapped
    CHECK(r.conn(3).key() == "10.0.0.5:51003->10.0.0.50:443");
    CHECK(r.conn(3).upgraded);
    // Session 06 came out of that tunnel on the same client socket: a connection of its own.
    CHECK(r.conn(4).key() == "10.0.0.5:51003->10.0.0.50:443");
    CHECK(r.conn(4).transactionCount == 1);
    CHECK_FALSE(r.conn(4).upgraded);

    const Transaction &get = r.tx(0);
    CHECK(get.requestFrame == 1);
    CHECK(get.connection.value == 0);
    CHECK(get.indexInConnection == 0);
    CHECK(r.str(get.method) == "GET");
    CHECK(r.str(get.target) == "http://iis.example.test/");
    CHECK(r.str(get.request.host) == "iis.example.test");
    CHECK(r.str(get.request.userAgent) == "curl/8.4.0");
    CHECK(get.requestTime == utc("2026-11-21T10:00:01.006Z")); // FiddlerBeginRequest
    CHECK(get.requestHeadEndTime == utc("2026-11-21T10:00:01.006Z"));
    CHECK(get.status == 200);
    CHECK(get.responseTime == utc("2026-11-21T10:00:01.020Z"));    // ServerBeginResponse
    CHECK(get.responseEndTime == utc("2026-11-21T10:00:01.025Z")); // ServerDoneResponse
    CHECK(r.str(get.response.server) == "Microsoft-IIS/10.0");
    CHECK(get.response.contentLength == 5);
    CHECK(get.responseFraming == BodyFraming::ContentLength);
    CHECK(get.responseComplete);
    CHECK(get.requestHeadSize > 0);

    const Transaction &post = r.tx(1);
    CHECK(post.requestFrame == 2);
    CHECK(post.indexInConnection == 1);
    CHECK(r.str(post.request.expect) == "100-continue");
    CHECK(post.requestFraming == BodyFraming::ContentLength);
    CHECK(post.requestBodyBytes == 11);
    CHECK(post.requestTime == utc("2026-11-21T10:00:02.051Z"));
    CHECK(post.requestBodyLastTime == utc("2026-11-21T10:00:02.052Z")); // ServerGotRequest
    CHECK(post.requestComplete);
    REQUIRE(post.interims.size() == 1);
    CHECK(post.interims[0].status == 100);
    CHECK(post.interims[0].time == utc("2026-11-21T10:00:02.060Z"));
    CHECK(post.interims[0].frame == 2);
    CHECK_FALSE(post.interims[0].afterFinal);
    CHECK(post.status == 200);
    CHECK(post.responseEndTime == utc("2026-11-21T10:00:02.062Z"));

    const Transaction &chunked = r.tx(2);
    CHECK(chunked.requestFrame == 3);
    CHECK(chunked.requestFraming == BodyFraming::Chunked);
    CHECK(chunked.requestChunks == 2);
    CHECK(chunked.requestComplete);
    CHECK(chunked.responseFraming == BodyFraming::Chunked);
    CHECK(chunked.responseComplete);

    CHECK(r.str(r.tx(3).target) == "http://[2001:db8::2]:8080/v6");
    CHECK(r.str(r.tx(4).method) == "CONNECT");
    CHECK(r.tx(4).status == 200);
    CHECK(r.str(r.tx(5).target) == "https://iis.example.test/secure");
    CHECK(r.tx(5).status == 401);
    CHECK(r.tx(5).requestTime == utc("2026-11-21T10:00:06.001Z"));
}

TEST_CASE("SAZ with a missing response, garbage XML and a damaged member", "[exports][saz][bad]")
{
    const Read r("damaged.saz");
    REQUIRE(r.src);
    const Source &src = *r.src;
    CHECK_FALSE(src.readCompleted); // a member failed its CRC
    CHECK(r.cap().packets == 4);
    CHECK(src.records == 4);
    CHECK(r.cap().httpResponses == 2); // sessions 1 and 3
    CHECK(framesOf(src, "missing-member") == std::vector<std::uint64_t>{2});
    CHECK(framesOf(src, "session-metadata") == std::vector<std::uint64_t>{3});
    CHECK(framesOf(src, "archive") == std::vector<std::uint64_t>{4});
    const Problem *damaged = hs::test::firstProblem(src, "archive");
    REQUIRE(damaged);
    CHECK(damaged->message.find("raw/4_s.txt") == 0);
    CHECK(damaged->message.find("CRC") != std::string::npos);
    const Problem *xml = hs::test::firstProblem(src, "session-metadata");
    CHECK(xml->message.find("raw/3_m.xml is not well-formed XML (line 1") == 0);
    // Session 3 has no usable timers or flags: a connection of its own, ordered last.
    REQUIRE(r.cap().connections.size() == 4);
    CHECK(r.conn(3).firstFrame == 3);
    CHECK(r.conn(3).firstTime == kNoTime);
    CHECK_FALSE(r.conn(3).client.valid());
    const Transaction *s2 = r.bySession(2);
    REQUIRE(s2);
    CHECK(s2->hasRequest);
    CHECK_FALSE(s2->hasResponse);
    const Transaction *s3 = r.bySession(3);
    REQUIRE(s3);
    CHECK(s3->status == 200);
    CHECK(s3->requestTime == kNoTime);
    CHECK(r.conn(0).key() == "10.0.0.7:51010->10.0.0.50:80");
    CHECK(r.tx(0).requestTime == utc("2026-11-21T10:00:01.002Z")); // +01:00 timers
}

TEST_CASE("truncated SAZ keeps the sessions before the cut", "[exports][saz][bad]")
{
    const Read r("truncated.saz");
    REQUIRE(r.src);
    CHECK_FALSE(r.src->readCompleted);
    CHECK(r.cap().packets == 5);
    CHECK(r.src->records == 5);
    CHECK(r.cap().httpResponses == 5);
    CHECK(r.cap().httpInterim == 1);
    CHECK(problemCount(*r.src, "archive") == 2);          // the cut, and the member it cut
    CHECK(problemCount(*r.src, "session-metadata") == 0); // the cut _m.xml is reported once
    const Problem *cut = hs::test::firstProblem(*r.src, "archive");
    REQUIRE(cut);
    CHECK(cut->frame == 0);
    CHECK(cut->message.find("damaged after") != std::string::npos);
}

TEST_CASE("SAZ decompression bomb stops at the limits", "[exports][saz][bad]")
{
    SECTION("per-member limit")
    {
        ExpandLimits limits = SazReader::defaultLimits();
        limits.maxMemberBytes = 1 << 20;
        const Read r("bomb.saz", SazReader(limits));
        CHECK_FALSE(r.src->readCompleted);
        const Problem *p = hs::test::firstProblem(*r.src, "archive");
        REQUIRE(p);
        CHECK(p->frame == 1);
        CHECK(p->message.find("limit") != std::string::npos);
        REQUIRE(r.src->records == 1);
        CHECK(r.tx(0).status == 200);
        CHECK_FALSE(r.tx(0).responseComplete);
        CHECK(r.tx(0).responseBodyBytes < (1u << 20));
    }
    SECTION("expansion ratio")
    {
        ExpandLimits limits = SazReader::defaultLimits();
        limits.ratioFloor = 1 << 20;
        limits.maxRatio = 100;
        const Read r("bomb.saz", SazReader(limits));
        CHECK_FALSE(r.src->readCompleted);
        CHECK(problemCount(*r.src, "archive") == 2);
        CHECK(r.src->records == 1);
    }
    SECTION("production limits let a 20 MB response through")
    {
        const Read r("bomb.saz");
        CHECK(r.src->readCompleted);
        REQUIRE(r.src->records == 1);
        CHECK(r.tx(0).responseComplete);
        CHECK(r.tx(0).responseBodyBytes == 20'000'000);
    }
}

TEST_CASE("SAZ reader on bytes that are not a zip", "[exports][saz][bad]")
{
    const std::string garbage = "PK\x03\x04 this is not a zip archive at all";
    StringPool pool;
    Source src;
    src.bytes = ByteBuffer::fromOwned(std::vector<char>(garbage.begin(), garbage.end()));
    CancelToken cancel;
    Progress progress;
    TaskPool tasks(1);
    const ReadOptions options;
    ReadContext ctx{src, pool, cancel, progress, tasks, options};
    SazReader().read(ctx);
    CHECK_FALSE(src.readCompleted);
    CHECK(src.problems.hasErrors());
    CHECK(src.records == 0);
}
