// SPDX-License-Identifier: MIT
// Detector behaviours the issue spells out, beyond the knowledge base's own samples: what a finding
// reports (request count at the reset, the client's name and how to turn its wait off), severity
// grading of HTTPERR groups, ordering, and no alarms on healthy traffic.
#include "kb/diagnose.h"
#include "kb/samples/capture_script.h"
#include "kb/samples/sample_analysis.h"
#include "kb/server_identity.h"
#include "kb/spikes.h"
#include "kb_test_support.h"
#include "support/catch.h"
#include "tasks/cancel.h"

#include <algorithm>

using namespace hs;

namespace {

bool mentions(const Finding &f, std::string_view needle)
{
    if (f.summary.find(needle) != std::string::npos)
        return true;
    return std::any_of(f.evidence.begin(), f.evidence.end(),
                       [&](const Evidence &e) { return e.text.find(needle) != std::string::npos; });
}

std::vector<std::string> idleNoise(int lines)
{
    std::vector<std::string> out = test::httpErrHeader();
    out.push_back("@repeat " + std::to_string(lines) +
                  " every 7 2026-11-21 10:00:00 10.30.0.1 5{k+1000} 10.0.0.50 80 - - - - - Timer_ConnectionIdle -");
    return out;
}

} // namespace

TEST_CASE("chunked-post-reset reports the request count at the reset")
{
    test::Lines l;
    l.httperr = test::httpErrHeader();
    l.httperr.push_back("2026-11-21 10:00:50 10.0.0.7 51515 10.0.0.50 80 - - - - - Timer_HeaderWait -");
    l.capture = {
        "conn 10.0.0.7:51515 -> 10.0.0.50:80 at=2026-11-21T10:00:00Z",
        "tx GET /health HTTP/1.1 at=0.01 status=200@0.02",
        "tx POST /ingest HTTP/1.1 chunked at=0.1 status=200@0.11 server=Microsoft-IIS/6.0 repeat=4012 every=0.01",
        "tx POST /ingest HTTP/1.1 chunked at=50.0 body=50.001 incomplete", "rst server 50.010"};
    const auto a = test::diagnoseLines(l);
    const Finding *f = test::findingById(*a, "chunked-post-reset");
    REQUIRE(f);
    INFO(f->summary);
    CHECK(mentions(*f, "request #4,014"));
    CHECK(mentions(*f, "4,013 chunked POSTs (4,012 answered 2xx)"));
    CHECK(mentions(*f, "Microsoft-IIS/6.0"));
    CHECK(f->confidence == Confidence::High);
    CHECK(f->severity == Severity::Critical);
    CHECK(f->connections == std::vector<std::string>{"10.0.0.7:51515->10.0.0.50:80"});
    // The remediation keeps the KB's order: hotfix first, with its prerequisite.
    REQUIRE_FALSE(f->remediation.empty());
    CHECK(f->remediation.front().kind == "hotfix");
    CHECK(f->remediation.front().prerequisites == "Windows Server 2003 SP2");
}

TEST_CASE("chunked-post-reset on a server known not to be IIS 6.0 is low confidence")
{
    test::Lines l;
    l.capture = {
        "conn 10.0.0.7:51515 -> 10.0.0.50:80 at=2026-11-21T10:00:00Z",
        "tx POST /ingest HTTP/1.1 chunked at=0.1 status=200@0.11 server=Microsoft-IIS/7.5 repeat=2000 every=0.01",
        "rst server 30.0"};
    const auto a = test::diagnoseLines(l);
    const Finding *f = test::findingById(*a, "chunked-post-reset");
    REQUIRE(f);
    CHECK(f->confidence == Confidence::Low);
    CHECK(f->severity == Severity::Warning);
}

TEST_CASE("expect-100-client-wait names the client and says how to turn the wait off")
{
    test::Lines l;
    l.capture = {
        "conn 10.7.0.5:6000 -> 10.7.0.1:80 at=2026-11-21T10:00:00Z",
        "tx POST /api HTTP/1.1 expect=100-continue len=2000000 ua=curl/8.4.0 head=0.001 body=1.001..1.2 "
        "status=200@1.3",
        "conn 10.7.0.6:6001 -> 10.7.0.1:80 at=2026-11-21T10:00:05Z",
        "tx POST /Service.svc HTTP/1.1 expect=100-continue len=4000 head=0.001 body=0.352 status=200@0.4",
        "tx POST /Service.svc HTTP/1.1 expect=100-continue len=4000 at=1.0 head=1.001 body=1.349 status=200@1.4"};
    const auto a = test::diagnoseLines(l);
    const Finding *f = test::findingById(*a, "expect-100-client-wait");
    REQUIRE(f);
    CHECK(f->count == 3);
    CHECK(f->confidence == Confidence::High);
    CHECK(mentions(*f, "1 request(s) from curl / libcurl (waits 1,000 ms)"));
    CHECK(mentions(*f, "2 request(s) from .NET Framework HttpWebRequest"));
    REQUIRE(f->remediation.size() >= 2);
    // Client-specific advice first, curl before .NET as the entry lists them.
    CHECK(f->remediation[0].kind == "client");
    CHECK(f->remediation[0].text.find("curl -H \"Expect:\"") != std::string::npos);
    CHECK(f->remediation[1].text.find("ServicePointManager.Expect100Continue = false") != std::string::npos);
}

TEST_CASE("a wait that matches no known client is informational")
{
    test::Lines l;
    l.capture = {
        "conn 10.7.0.5:6000 -> 10.7.0.1:80 at=2026-11-21T10:00:00Z",
        "tx POST /api HTTP/1.1 expect=100-continue len=2000 ua=Custom/1.0 head=0.001 body=0.601 status=200@0.7"};
    const auto a = test::diagnoseLines(l);
    const Finding *f = test::findingById(*a, "expect-100-client-wait");
    REQUIRE(f);
    CHECK(f->confidence == Confidence::Low);
    CHECK(f->severity == Severity::Info);
    CHECK(mentions(*f, "unidentified client waiting about 600 ms"));
}

TEST_CASE("HTTPERR groups: severity follows the count, spikes are reported against the baseline")
{
    test::Lines l;
    l.httperr = idleNoise(500); // an hour of background
    l.httperr.push_back("@repeat 3 every 600 2026-11-21 10:05:00 10.31.0.{k+1} 6{k+100} 10.0.0.50 80 HTTP/1.1 GET "
                        "/r - 1 Connection_Dropped DefaultAppPool");
    l.httperr.push_back("@repeat 200 every 0.25 2026-11-21 10:40:00 10.32.0.{k+1} 7{k+100} 10.0.0.50 80 HTTP/1.1 "
                        "GET /api 503 1 QueueFull ApiPool");
    const auto a = test::diagnoseLines(l);
    const Finding *dropped = test::findingById(*a, "connection-dropped");
    REQUIRE(dropped);
    CHECK(dropped->severity == Severity::Info); // 3 lines, no burst: background
    CHECK(mentions(*dropped, "background level"));
    const Finding *queue = test::findingById(*a, "service-unavailable-503");
    REQUIRE(queue);
    CHECK(queue->severity == Severity::Critical);
    CHECK(queue->count == 200);
    CHECK(queue->title.find("QueueFull") != std::string::npos);
    CHECK(mentions(*queue, "Spikes: 2026-11-21 10:40:00"));
    CHECK(mentions(*queue, "ApiPool (200)"));
    CHECK(queue->evidenceTotal == 200);
    CHECK(queue->evidence.size() <= 4);
    // Timer_ConnectionIdle noise is no finding at all.
    for (const auto &f : a->findings)
        CHECK(f.summary.find("Timer_ConnectionIdle") == std::string::npos);
}

TEST_CASE("findings are sorted by severity, then time")
{
    test::Lines l;
    l.httperr = test::httpErrHeader();
    l.httperr.push_back("2026-11-21 10:30:00 10.0.0.1 5000 10.0.0.50 80 HTTP/1.1 GET /a - 1 Connection_Dropped P");
    l.httperr.push_back("2026-11-21 10:10:00 10.0.0.2 5001 10.0.0.50 80 HTTP/1.1 GET /b 400 - RequestLength -");
    l.httperr.push_back("2026-11-21 10:20:00 10.0.0.3 5002 10.0.0.50 80 HTTP/1.1 GET /c 503 1 AppOffline P");
    l.httperr.push_back("2026-11-21 10:05:00 10.0.0.4 5003 10.0.0.50 80 HTTP/1.1 POST /d - 1 Timer_EntityBody P");
    const auto a = test::diagnoseLines(l);
    REQUIRE(a->findings.size() == 4);
    CHECK(a->findings[0].id == "oversized-request-headers"); // warning, 10:10
    CHECK(a->findings[1].id == "service-unavailable-503");   // warning (quiet), 10:20
    CHECK(a->findings[2].id == "slow-request-body");         // info, 10:05
    CHECK(a->findings[3].id == "connection-dropped");        // info, 10:30
}

TEST_CASE("healthy traffic raises no warning")
{
    test::Lines l;
    l.w3c = test::w3cHeader("Microsoft Internet Information Services 10.0");
    l.httperr = idleNoise(120);
    l.capture = {
        // keep-alive reuse
        "conn 10.40.0.1:50000 -> 10.0.0.50:80 at=2026-11-21T10:00:00Z",
        "tx GET / HTTP/1.1 status=200@0.01 server=Microsoft-IIS/10.0",
        "tx GET /a.css HTTP/1.1 at=0.02 status=200@0.03 server=Microsoft-IIS/10.0",
        "tx GET /b.js HTTP/1.1 at=5.0 status=200@5.01 server=Microsoft-IIS/10.0", "fin client 20.0",
        // Expect: 100-continue answered at once
        "conn 10.40.0.2:50001 -> 10.0.0.50:80 at=2026-11-21T10:00:01Z",
        "tx POST /upload HTTP/1.1 expect=100-continue len=200000 ua=curl/8.4.0 head=0.001 100@0.002 body=0.003..0.2 "
        "status=201@0.25 server=Microsoft-IIS/10.0",
        "fin client 0.3",
        // normal chunked uploads on one connection
        "conn 10.40.0.3:50002 -> 10.0.0.50:80 at=2026-11-21T10:00:02Z",
        "tx POST /ingest HTTP/1.1 chunked status=200@0.01 server=Microsoft-IIS/10.0 repeat=200 every=0.05",
        "fin client 11.0",
        // an idle connection the server closes after 120 s, not reused
        "conn 10.40.0.4:50003 -> 10.0.0.50:80 at=2026-11-21T10:00:03Z",
        "tx GET /home HTTP/1.1 status=200@0.01 server=Microsoft-IIS/10.0", "fin server 120.01", "fin client 120.02",
        // a client that sends the body right away despite Expect
        "conn 10.40.0.5:50004 -> 10.0.0.50:80 at=2026-11-21T10:00:04Z",
        "tx POST /api HTTP/1.1 expect=100-continue len=100 head=0.001 body=0.001 100@0.002 status=200@0.01",
        // a cancelled download
        "conn 10.40.0.6:50005 -> 10.0.0.50:80 at=2026-11-21T10:00:05Z",
        "tx GET /big.iso HTTP/1.1 status=200@0.01 end=3.0 rlen=900000000 server=Microsoft-IIS/10.0", "rst client 3.0"};
    const auto a = test::diagnoseLines(l);
    INFO(test::describeFindings(*a));
    CHECK(test::alarms(*a).empty());
}

TEST_CASE("server identity from banners and #Software")
{
    auto id = kb::identifyBanner("Microsoft-IIS/6.0");
    CHECK(id.isIis(6));
    CHECK(id.minor == 0);
    id = kb::identifyBanner("Microsoft-IIS/10.0");
    CHECK(id.isIis(10));
    CHECK(kb::identifyBanner("Microsoft-HTTPAPI/2.0").kind == kb::ServerIdentity::Kind::HttpApi);
    CHECK(kb::identifyBanner("Apache/2.4.41 (Ubuntu)").kind == kb::ServerIdentity::Kind::Other);
    CHECK_FALSE(kb::identifyBanner("").known());
    CHECK(kb::identifySoftware("Microsoft Internet Information Services 6.0").isIis(6));
    CHECK(kb::identifySoftware("Microsoft Internet Information Server 4.0").isIis(4));
    CHECK(kb::identifySoftware("Microsoft HTTP API 2.0").kind == kb::ServerIdentity::Kind::HttpApi);
}

TEST_CASE("spikes stand out of the log's baseline")
{
    const TimeUs t0 = *parseIso("2026-11-21T10:00:00Z");
    std::vector<TimeUs> times;
    for (int i = 0; i < 60; ++i) // one a minute for an hour
        times.push_back(t0 + i * kUsPerMinute + 5 * kUsPerSecond);
    for (int i = 0; i < 50; ++i) // fifty in one minute
        times.push_back(t0 + 30 * kUsPerMinute + i * kUsPerSecond);
    const auto spikes = kb::findSpikes(times, t0, t0 + 60 * kUsPerMinute, {});
    REQUIRE(spikes.size() == 1);
    CHECK(spikes[0].start == t0 + 30 * kUsPerMinute);
    CHECK(spikes[0].count == 51);
    CHECK(spikes[0].baselinePerBucket > 0.9); // 59 in the 60 quiet minutes
    CHECK(spikes[0].baselinePerBucket < 1.1);
    CHECK(kb::describeSpike(spikes[0]).find("peak 51/min") != std::string::npos);
    // A steady rate has no spike; a span too short for a baseline neither.
    times.resize(60);
    CHECK(kb::findSpikes(times, t0, t0 + 60 * kUsPerMinute, {}).empty());
    CHECK(kb::findSpikes({t0, t0, t0}, t0, t0 + 5 * kUsPerMinute, {}).empty());
    CHECK(kb::findSpikes({}, kNoTime, kNoTime, {}).empty());
}

TEST_CASE("capture scripts report their mistakes with the statement")
{
    kb::ScriptError err;
    CHECK_FALSE(kb::parseCaptureScript({"tx GET / HTTP/1.1"}, err));
    CHECK(err.message.find("no 'conn'") != std::string::npos);
    CHECK_FALSE(kb::parseCaptureScript(
        {"conn 1.2.3.4:5 -> 1.2.3.5:80 at=2026-11-21T10:00:00Z", "", "tx GET / HTTP/1.1 status=abc@1"}, err));
    CHECK(err.line == 2);
    CHECK_FALSE(kb::parseCaptureScript({"conn 1.2.3.4:5 -> 1.2.3.5:80"}, err));
    CHECK(err.message.find("at=TIME") != std::string::npos);
    CHECK_FALSE(kb::parseCaptureScript({"bogus"}, err));
    const auto ok =
        kb::parseCaptureScript({"# a comment", "source c.pcap skew=1.5 format=pcap",
                                "conn [2001:db8::1]:5 -> [2001:db8::2]:80 at=2026-11-21T10:00:00Z",
                                "tx POST /x HTTP/1.1 len=5 100@0.1 status=200@0.2 ua=\"a b\"", "fin client 1"},
                               err);
    REQUIRE(ok);
    REQUIRE(ok->sources.size() == 1);
    CHECK(ok->sources[0].skew == 1.5);
    CHECK(ok->sources[0].connections[0].transactions[0].userAgent == "a b");
    StringPool pool;
    const auto data = kb::buildCaptureData(ok->sources[0], pool, err);
    REQUIRE(data);
    REQUIRE(data->transactions.size() == 1);
    CHECK(data->transactions[0].interims.size() == 1);
    CHECK_FALSE(data->transactions[0].interims[0].afterFinal);
    CHECK(data->connections[0].key() == "[2001:db8::1]:5->[2001:db8::2]:80");
    CHECK(data->connections[0].end.by == Peer::Client);
}

TEST_CASE("connection-dropped: W3C aborts count when the same path ends within two minutes")
{
    // Dropped lines for /big at 10:00 and 10:10, /other at 10:20. W3C aborts (sc-win32-status 64):
    // /big at 10:01:30 and at 09:58:30 (inside ±2 min), /big at 10:03 (3 min after one drop, 7 before
    // the next: outside), /small at 10:00 (another path), /other at 10:22:00 (the edge, inside),
    // /other at 10:22:01 (outside).
    test::Lines l;
    l.httperr = idleNoise(60);
    l.httperr.push_back("2026-11-21 10:00:00 10.31.0.1 6000 10.0.0.50 80 HTTP/1.1 GET /big - 1 Connection_Dropped P");
    l.httperr.push_back("2026-11-21 10:10:00 10.31.0.3 6002 10.0.0.50 80 HTTP/1.1 GET /big - 1 Connection_Dropped P");
    l.httperr.push_back("2026-11-21 10:20:00 10.31.0.2 6001 10.0.0.50 80 HTTP/1.1 GET /other - 1 Connection_Dropped P");
    l.w3c = test::w3cHeader("Microsoft Internet Information Services 10.0");
    const auto abort = [](const std::string &time, const std::string &path) {
        return "2026-11-21 " + time + " 10.0.0.50 GET " + path + " - 80 - 10.31.0.9 HTTP/1.1 Mozilla/5.0 200 0 64 900";
    };
    for (const auto &[time, path] : std::vector<std::pair<std::string, std::string>>{{"10:01:30", "/big"},
                                                                                     {"09:58:30", "/big"},
                                                                                     {"10:03:00", "/big"},
                                                                                     {"10:00:00", "/small"},
                                                                                     {"10:22:00", "/other"},
                                                                                     {"10:22:01", "/other"}})
        l.w3c.push_back(abort(time, path));
    const auto a = test::diagnoseLines(l);
    const Finding *dropped = test::findingById(*a, "connection-dropped");
    REQUIRE(dropped);
    INFO(dropped->confidenceReason);
    CHECK(dropped->confidence == Confidence::High);
    CHECK(dropped->confidenceReason.find(
              "3 W3C row(s) for the same paths ended with a connection-abort sc-win32-status within two minutes") !=
          std::string::npos);
}

TEST_CASE("HTTPERR groups: top clients and URIs taken from the summaries are the ones the lines give")
{
    // analyze() computes the summaries before detection and the reason findings take their top
    // clients and URIs from them; without summaries a finding ranks its lines itself. Counts tie
    // (ties go by text), more values than either ranking keeps, and lines without a client ("-",
    // which a summary counts and a finding leaves out) lead the count.
    test::Lines l;
    l.httperr = test::httpErrHeader();
    for (int i = 0; i < 240; ++i) {
        const int client = i % 40 < 12 ? 0 : i % 13 + 1; // 0: no client, 72 lines
        const std::string ip = client == 0 ? "-" : "10.60.0." + std::to_string(client);
        const std::string port = client == 0 ? "-" : std::to_string(40000 + i);
        const std::string uri = "/u" + std::to_string(i % 11 < 3 ? 0 : i % 17);
        l.httperr.push_back("2026-11-21 10:" + std::to_string(10 + i / 60) + ":" + std::to_string(10 + i % 60 / 2) +
                            " " + ip + " " + port + " 10.0.0.50 80 HTTP/1.1 GET " + uri +
                            " - 1 Connection_Dropped Pool" + std::to_string(i % 3));
    }
    const auto summarised = test::diagnoseLines(l);
    REQUIRE(!summarised->httpErrReasons.empty());

    kb::Sample s;
    s.name = "test";
    s.httperr = l.httperr;
    std::string error;
    auto own = kb::buildSampleAnalysis(s, error);
    REQUIRE(own);
    own->httpErrReasons.clear(); // the detectors rank on their own
    CancelToken cancel;
    kb::diagnose(*own, test::builtinKb(), kb::DiagnoseOptions{}, cancel);

    const Finding *a = test::findingById(*summarised, "connection-dropped");
    const Finding *b = test::findingById(*own, "connection-dropped");
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->count == 240);
    CHECK(a->summary == b->summary);
    CHECK(a->clients == b->clients);
    REQUIRE(a->clients.size() == 5);
    CHECK(std::find(a->clients.begin(), a->clients.end(), "") == a->clients.end());
    CHECK(a->summary.find("Top URIs: /u0 (") != std::string::npos);
    CHECK(a->summary.find("Pool0 (80), Pool1 (80), Pool2 (80)") != std::string::npos);
}
