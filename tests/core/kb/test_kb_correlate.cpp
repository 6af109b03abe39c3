// SPDX-License-Identifier: MIT
// Correlation: HTTPERR lines tied to captured connections by the exact 4-tuple (and the right
// lifetime when a 4-tuple is reused), W3C lines tied to captured requests by client, port, method,
// path and time, and the capture's clock offset estimated from those matches or given by the user.
#include "kb/correlate/correlation.h"
#include "kb/correlate/request_keys.h"
#include "kb/diagnose.h"
#include "kb/samples/sample_analysis.h"
#include "kb_test_support.h"
#include "support/catch.h"
#include "tasks/cancel.h"

#include <cstdlib>

using namespace hs;

namespace {

// Twelve requests the capture and the W3C log both saw, then a stray 100 (kb898708).
test::Lines skewedIncident(double skewSeconds, const std::string &captureClient = "10.0.0.5")
{
    test::Lines l;
    l.w3c = test::w3cHeader();
    l.capture.push_back("source capture.pcap skew=" + std::to_string(skewSeconds));
    l.capture.push_back("conn " + captureClient + ":50990 -> 10.0.0.50:80 at=2026-11-21T10:00:00Z");
    double t = 0.01;
    for (int i = 0; i < 12; ++i) {
        const double start = t + 0.7 + i * 0.037, end = start + 0.005;
        l.capture.push_back("tx GET /catalog/item" + std::to_string(i) + ".aspx HTTP/1.1 at=" + std::to_string(start) +
                            " status=200@" + std::to_string(end));
        const int sec = static_cast<int>(end);
        char line[200];
        std::snprintf(line, sizeof line,
                      "2026-11-21 10:00:%02d 10.0.0.50 GET /catalog/item%d.aspx - 80 - 10.0.0.5 HTTP/1.1 Mozilla/5.0 "
                      "200 0 0 5",
                      sec, i);
        l.w3c.push_back(line);
        t = end;
    }
    l.capture.push_back("conn " + captureClient + ":51000 -> 10.0.0.50:80 at=2026-11-21T10:00:20Z");
    l.capture.push_back("tx POST /upload.aspx HTTP/1.1 len=5000 at=0.010 status=200@0.050 end=0.050 100@0.052 "
                        "server=Microsoft-IIS/6.0");
    l.w3c.push_back("2026-11-21 10:00:20 10.0.0.50 POST /upload.aspx - 80 - 10.0.0.5 HTTP/1.1 Mozilla/5.0 200 0 0 40");
    return l;
}

bool citesW3c(const Analysis &a, const Finding &f)
{
    for (const auto &e : f.evidence)
        if (test::evidenceKind(a, e) == "w3c")
            return true;
    return false;
}

} // namespace

TEST_CASE("a skewed capture clock is estimated from matching requests and applied")
{
    for (const double skew : {37.25, -12.4, 1800.5}) {
        INFO("skew " << skew);
        const auto a = test::diagnoseLines(skewedIncident(skew));
        REQUIRE(a->clockOffsets.size() == 1);
        const ClockOffset &c = a->clockOffsets[0];
        INFO(c.note);
        CHECK(c.applied);
        CHECK_FALSE(c.manual);
        CHECK(c.matches >= 10);
        CHECK(std::llabs(c.offset + static_cast<TimeUs>(skew * 1e6)) <= 600'000);
        CHECK(a->source(c.source).clockOffset == c.offset);
        CHECK(c.reference.valid());
        // After alignment the stray 100's POST matches its W3C line: two sources, high confidence.
        const Finding *f = test::findingById(*a, "kb898708");
        REQUIRE(f);
        CHECK(f->confidence == Confidence::High);
        CHECK(citesW3c(*a, *f));
        // Capture evidence is reported in log time.
        for (const auto &e : f->evidence)
            if (test::evidenceKind(*a, e) == "capture")
                CHECK(std::llabs(e.time - *parseIso("2026-11-21T10:00:20.052Z")) < 700'000);
    }
}

TEST_CASE("clocks that agree within the log's resolution are reported, not shifted")
{
    const auto a = test::diagnoseLines(skewedIncident(0.0));
    REQUIRE(a->clockOffsets.size() == 1);
    CHECK_FALSE(a->clockOffsets[0].applied);
    CHECK(a->clockOffsets[0].offset == 0);
    CHECK(a->sources.back()->clockOffset == 0);
    CHECK(a->clockOffsets[0].note.find("agree") != std::string::npos);
}

TEST_CASE("the user's clock offset wins over the estimate")
{
    std::vector<ClockOverride> overrides{{"capture.pcap", 2 * kUsPerSecond}};
    const auto a = test::diagnoseLines(skewedIncident(-2.0), &overrides);
    REQUIRE(a->clockOffsets.size() == 1);
    CHECK(a->clockOffsets[0].manual);
    CHECK(a->clockOffsets[0].applied);
    CHECK(a->clockOffsets[0].offset == 2 * kUsPerSecond);
    const Finding *f = test::findingById(*a, "kb898708");
    REQUIRE(f);
    CHECK(citesW3c(*a, *f));

    std::vector<ClockOverride> other{{"another.pcap", 5 * kUsPerSecond}};
    const auto b = test::diagnoseLines(skewedIncident(-2.0), &other);
    REQUIRE(b->clockOffsets.size() == 1);
    CHECK_FALSE(b->clockOffsets[0].manual); // no match: estimated instead
}

TEST_CASE("W3C lines match captured requests behind NAT (client addresses not in the log)")
{
    const auto a = test::diagnoseLines(skewedIncident(0.0, "192.168.77.20"));
    const Finding *f = test::findingById(*a, "kb898708");
    REQUIRE(f);
    CHECK(citesW3c(*a, *f));
}

TEST_CASE("W3C matching keeps different clients apart when their addresses are visible")
{
    test::Lines l = skewedIncident(0.0);
    // The POST in W3C came from another client: it must not corroborate the captured one.
    l.w3c.back() = "2026-11-21 10:00:20 10.0.0.50 POST /upload.aspx - 80 - 10.9.9.9 HTTP/1.1 Mozilla/5.0 200 0 0 40";
    const auto a = test::diagnoseLines(l);
    const Finding *f = test::findingById(*a, "kb898708");
    REQUIRE(f);
    CHECK_FALSE(citesW3c(*a, *f));
}

TEST_CASE("HTTPERR lines are tied to the capture's connection by the exact 4-tuple and its lifetime")
{
    test::Lines l;
    l.httperr = test::httpErrHeader();
    l.httperr.push_back("2026-11-21 10:10:05 10.0.0.7 51515 10.0.0.50 80 - - - - - Timer_ConnectionIdle -");
    l.httperr.push_back("2026-11-21 10:10:05 10.0.0.7 51516 10.0.0.50 80 - - - - - Timer_ConnectionIdle -");
    // The same 4-tuple twice: 10:00 and 10:08. The line at 10:10:05 belongs to the second.
    l.capture = {"conn 10.0.0.7:51515 -> 10.0.0.50:80 at=2026-11-21T10:00:00Z",
                 "tx GET /a HTTP/1.1 status=200@0.01",
                 "fin server 5.0",
                 "conn 10.0.0.7:51515 -> 10.0.0.50:80 at=2026-11-21T10:08:00Z",
                 "tx GET /b HTTP/1.1 status=200@0.01",
                 "fin server 125.0"};
    kb::Sample s;
    s.httperr = l.httperr;
    s.capture = l.capture;
    std::string error;
    auto a = kb::buildSampleAnalysis(s, error);
    REQUIRE(a);
    CancelToken cancel;
    const kb::Correlation corr = kb::correlateSources(*a, test::builtinKb(), {}, cancel);
    REQUIRE(a->connections.size() == 2);
    CHECK(corr.httpErr.linesOn(a->connections[0].id).empty());
    const auto on = corr.httpErr.linesOn(a->connections[1].id);
    REQUIRE(on.size() == 1);
    CHECK(kb::httpErrRecord(*a, on[0].second).clientPort == 51515);
    CHECK(corr.httpErr.total == 2);
    // Counted and tied to connections, but not listed per reason: no detector reads
    // Timer_ConnectionIdle lines by reason (keepalive-idle-race reads them per connection).
    CHECK(corr.httpErr.reason(*a, "Timer_ConnectionIdle").empty());
}

TEST_CASE("HTTPERR lines of the reasons detectors read are listed per reason, found case-insensitively")
{
    kb::Sample s;
    s.httperr = test::httpErrHeader();
    s.httperr.push_back("2026-11-21 10:10:05 10.0.0.7 51515 10.0.0.50 80 - - - - - Timer_HeaderWait -");
    s.httperr.push_back("2026-11-21 10:10:06 10.0.0.8 51516 10.0.0.50 80 HTTP/1.1 GET /a 503 1 QueueFull Pool");
    s.httperr.push_back("2026-11-21 10:10:07 10.0.0.9 51517 10.0.0.50 80 - - - - - Timer_HeaderWait -");
    s.httperr.push_back("2026-11-21 10:10:08 10.0.0.9 51518 10.0.0.50 80 - - - - - Timer_ConnectionIdle -");
    std::string error;
    auto a = kb::buildSampleAnalysis(s, error);
    REQUIRE(a);
    CancelToken cancel;
    const kb::Correlation corr = kb::correlateSources(*a, test::builtinKb(), {}, cancel);
    CHECK(corr.httpErr.total == 4);
    const auto headerWait = corr.httpErr.reason(*a, "timer_headerwait");
    REQUIRE(headerWait.size() == 2);
    CHECK(kb::httpErrRecord(*a, headerWait[0]).clientPort == 51515);
    CHECK(kb::httpErrRecord(*a, headerWait[1]).clientPort == 51517);
    REQUIRE(corr.httpErr.reason(*a, "QUEUEFULL").size() == 1);
    CHECK(kb::httpErrContext(*a, corr.httpErr.reason(*a, "QueueFull")[0]).queue == a->strings->find("Pool"));
    CHECK(corr.httpErr.reason(*a, "Timer_ConnectionIdle").empty());
}

TEST_CASE("HTTPERR IPv6 addresses with a zone id match the capture's addresses")
{
    kb::Sample s;
    s.httperr = test::httpErrHeader();
    s.httperr.push_back(
        "2026-11-21 10:02:01 fe80::a%3 4000 fe80::1%3 80 HTTP/1.1 POST /upload - 1 Timer_EntityBody DefaultAppPool");
    s.capture = {"conn [fe80::a]:4000 -> [fe80::1]:80 at=2026-11-21T10:00:00Z",
                 "tx POST /upload HTTP/1.1 len=900000 head=0.001 body=0.002..1.0 incomplete", "rst server 121.0"};
    std::string error;
    auto a = kb::buildSampleAnalysis(s, error);
    REQUIRE(a);
    CancelToken cancel;
    kb::diagnose(*a, test::builtinKb(), {}, cancel);
    const Finding *f = test::findingById(*a, "slow-request-body");
    REQUIRE(f);
    CHECK(f->confidence == Confidence::High);
    REQUIRE_FALSE(f->connections.empty());
    CHECK(f->connections.front() == "[fe80::a]:4000->[fe80::1]:80");
}

TEST_CASE("request paths are compared as IIS compares them")
{
    CHECK(kb::normalizeRequestPath("/A%20b/C.aspx?x=1") == "/a b/c.aspx");
    CHECK(kb::normalizeRequestPath("/a+b") == "/a b");
    CHECK(kb::normalizeRequestPath("http://Host:8080/Path/x?q#f") == "/path/x");
    CHECK(kb::normalizeRequestPath("https://host") == "/");
    CHECK(kb::normalizeRequestPath("") == "/");
    CHECK(kb::normalizeRequestPath("/bad%zz%4") == "/bad%zz%4");
}

TEST_CASE("correlation on an empty analysis or on logs alone does nothing harmful")
{
    Analysis empty;
    CancelToken cancel;
    kb::diagnose(empty, test::builtinKb(), {}, cancel);
    CHECK(empty.findings.empty());
    CHECK(empty.clockOffsets.empty());

    test::Lines l;
    l.w3c = test::w3cHeader();
    l.w3c.push_back("2026-11-21 10:00:00 10.0.0.50 GET / - 80 - 10.0.0.5 HTTP/1.1 Mozilla/5.0 200 0 0 5");
    const auto a = test::diagnoseLines(l);
    CHECK(a->clockOffsets.empty());
    CHECK(a->findings.empty());
}
