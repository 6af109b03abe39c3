// SPDX-License-Identifier: MIT
// The passes over the log records run on several threads in slices and merge in slice order: the
// result must be the same as one thread's, field by field and in the same order — whatever the
// thread count, slice size or reader segmentation (slices of one record, segments of one record).
// Detectors that finish on several threads must report what one thread reports.
#include "kb/correlate/candidates.h"
#include "kb/correlate/correlation.h"
#include "kb/correlate/log_passes.h"
#include "kb/diagnose.h"
#include "kb/samples/sample_analysis.h"
#include "kb_test_support.h"
#include "support/catch.h"
#include "tasks/cancel.h"

#include <cstdio>
#include <string>
#include <vector>

using namespace hs;

namespace {

// An incident with everything the passes collect: watched clients (IPv4, and IPv6 that HTTPERR
// writes with a zone id) and their POSTs, connection-abort sc-win32-status rows, more 413/417 rows
// than a group keeps as samples, W3C lines for captured requests (some out of time order), and
// HTTPERR reasons in two spellings.
kb::Sample incident()
{
    kb::Sample s;
    s.name = "parallel-scan";
    s.w3c = test::w3cHeader();
    const std::string srv = " 10.0.0.50 ";
    s.w3c.push_back("@repeat 120 every 1 2026-11-21 10:00:00" + srv +
                    "POST /upload.aspx - 80 - 10.0.0.9 HTTP/1.1 curl/7.68.0 200 0 0 40");
    s.w3c.push_back("@repeat 30 every 2 2026-11-21 10:00:10" + srv +
                    "POST /upload.aspx - 80 - fe80::a HTTP/1.1 curl/7.68.0 200 0 0 40");
    s.w3c.push_back("@repeat 80 every 3 2026-11-21 10:00:05" + srv +
                    "GET /big.iso - 80 - 10.0.2.{k} HTTP/1.1 Mozilla/5.0 200 0 64 900");
    s.w3c.push_back("@repeat 40 every 7 2026-11-21 10:00:02" + srv +
                    "GET /big.iso - 80 - 10.0.5.{k} HTTP/1.1 Mozilla/5.0 200 0 1236 900");
    s.w3c.push_back("@repeat 100 every 1 2026-11-21 10:01:00" + srv +
                    "POST /cert.aspx - 443 - 10.0.3.{k} HTTP/1.1 Mozilla/5.0 413 0 0 3");
    s.w3c.push_back("@repeat 70 every 1 2026-11-21 10:02:00" + srv +
                    "PUT /files/a.bin - 80 - 10.0.6.{k} HTTP/1.1 Mozilla/5.0 417 0 0 1");
    s.w3c.push_back("@repeat 40 every 1 2026-11-21 10:00:01" + srv +
                    "GET /catalog/item{k}.aspx - 80 - 10.0.0.5 HTTP/1.1 Mozilla/5.0 200 0 0 5");
    // The same requests again, later in the log but earlier in time: the buckets must sort them.
    for (int i = 0; i < 10; ++i) {
        char line[200];
        std::snprintf(line, sizeof line,
                      "2026-11-21 10:00:%02d 10.0.0.50 GET /Catalog/Item%d.aspx - 80 - 10.0.0.5 HTTP/1.1 Mozilla/5.0 "
                      "200 0 0 5",
                      30 - i, i);
        s.w3c.push_back(line);
    }
    s.w3c.push_back("@repeat 25 every 1 2026-11-21 10:03:00" + srv +
                    "POST /upload.aspx - 80 - 10.0.0.9 HTTP/1.1 curl/7.68.0 200 0 0 40");

    s.httperr = test::httpErrHeader();
    s.httperr.push_back("2026-11-21 10:02:01 10.0.0.9 5000 10.0.0.50 80 - - - - - Timer_HeaderWait -");
    s.httperr.push_back("2026-11-21 10:02:02 fe80::a%3 4000 fe80::1%3 80 - - - - - Timer_HeaderWait -");
    s.httperr.push_back("@repeat 60 every 2 2026-11-21 10:00:00 10.0.4.{k} 4000 10.0.0.50 80 HTTP/1.1 GET /big.iso - "
                        "1 Connection_Dropped DefaultAppPool");
    s.httperr.push_back("@repeat 30 every 5 2026-11-21 10:00:00 10.0.7.{k} 4100 10.0.0.50 80 - - - - - "
                        "Timer_ConnectionIdle -");
    s.httperr.push_back("@repeat 5 every 5 2026-11-21 10:04:00 10.0.7.{k} 4100 10.0.0.50 80 - - - - - "
                        "timer_connectionidle -");
    s.httperr.push_back("2026-11-21 10:05:00 10.0.0.77 5001 10.0.0.50 80 - - - - - Timer_HeaderWait -");
    s.httperr.push_back("2026-11-21 10:01:30 10.0.0.5 50990 10.0.0.50 80 HTTP/1.1 GET /catalog/item3.aspx - 1 "
                        "Connection_Dropped DefaultAppPool");

    s.capture = {"source capture.pcap skew=37.25", "conn 10.0.0.5:50990 -> 10.0.0.50:80 at=2026-11-21T10:00:00Z"};
    for (int i = 0; i < 40; ++i) {
        const double start = 0.7 + i * 1.0, end = start + 0.005;
        s.capture.push_back("tx GET /catalog/item" + std::to_string(i) + ".aspx HTTP/1.1 at=" + std::to_string(start) +
                            " status=200@" + std::to_string(end));
    }
    return s;
}

std::unique_ptr<Analysis> build()
{
    std::string error;
    auto a = kb::buildSampleAnalysis(incident(), error);
    if (!a)
        FAIL("sample does not build: " << error);
    return a;
}

// Cuts every store into segments of 1, 2, 3, … 5 records, as many reader chunks would.
template <typename Row>
void resegment(RecordStore<Row> &store)
{
    std::vector<Row> rows;
    store.forEach([&](const Row &r) { rows.push_back(r); });
    RecordStore<Row> cut;
    std::size_t at = 0;
    for (std::size_t n = 1; at < rows.size(); n = n % 5 + 1) {
        const std::size_t take = std::min(n, rows.size() - at);
        cut.appendSegment(std::vector<Row>(rows.begin() + static_cast<std::ptrdiff_t>(at),
                                           rows.begin() + static_cast<std::ptrdiff_t>(at + take)));
        at += take;
    }
    store = std::move(cut);
}

void resegmentAll(Analysis &a)
{
    for (auto &src : a.sources)
        if (src->log) {
            resegment(src->log->access);
            resegment(src->log->httpErr);
        }
}

struct PassResult {
    kb::Correlation corr;
    kb::CandidateIndex candidates;
    kb::WatchedClients watched;
    explicit PassResult(const StringPool &strings) : corr(strings) {}
};

kb::CorrelateOptions passOptions(unsigned threads, std::size_t sliceRecords, bool indexAll)
{
    kb::CorrelateOptions o;
    o.threads = threads;
    o.sliceRecords = sliceRecords;
    o.watchPostsForReasons = {"Timer_HeaderWait"};
    if (!indexAll)
        o.indexReasons = {"Connection_Dropped", "Timer_HeaderWait", "Timer_ConnectionIdle"};
    o.connectionWin32Codes = {64, 121, 1236};
    return o;
}

// Both passes, as correlate() runs them, with one window over the whole day.
std::unique_ptr<PassResult> runPasses(const Analysis &a, const kb::CorrelateOptions &o)
{
    auto r = std::make_unique<PassResult>(*a.strings);
    for (const Transaction &t : a.transactions)
        if (t.hasRequest && t.method != kEmptyStr)
            r->corr.keys.addTarget(t.method, t.target);
    const std::vector<kb::TimeWindow> windows{{*parseIso("2026-11-21T00:00:00Z"), *parseIso("2026-11-22T00:00:00Z")}};
    CancelToken cancel;
    kb::indexHttpErr(a, r->corr, o, r->watched, cancel);
    kb::scanW3c(a, r->corr, o, r->watched, windows, r->candidates, cancel);
    return r;
}

void checkSame(const kb::W3cGroup &x, const kb::W3cGroup &y)
{
    CHECK(x.count == y.count);
    CHECK(x.first == y.first);
    CHECK(x.last == y.last);
    CHECK(x.keepAll == y.keepAll);
    CHECK(x.samples == y.samples);
}

void checkSame(const PassResult &x, const PassResult &y)
{
    const kb::HttpErrIndex &hx = x.corr.httpErr, &hy = y.corr.httpErr;
    CHECK(hx.total == hy.total);
    CHECK(hx.first == hy.first);
    CHECK(hx.last == hy.last);
    // Same keys in the same iteration order: reason() takes the first case-insensitive match.
    REQUIRE(hx.byReason.size() == hy.byReason.size());
    for (auto ix = hx.byReason.begin(), iy = hy.byReason.begin(); ix != hx.byReason.end(); ++ix, ++iy) {
        CHECK(ix->first == iy->first);
        CHECK(ix->second == iy->second);
    }
    CHECK(x.watched.size() >= 4); // 10.0.0.9, fe80::a%3 and its canonical fe80::a, 10.0.0.77
    CHECK(x.watched.contains(LogAddress::ipv4(0x0a000009)));
    CHECK(x.watched == y.watched);

    const kb::W3cDigest &dx = x.corr.w3c, &dy = y.corr.w3c;
    CHECK(dx.records == dy.records);
    CHECK(dx.first == dy.first);
    CHECK(dx.last == dy.last);
    REQUIRE(dx.byWin32.size() == dy.byWin32.size());
    for (auto ix = dx.byWin32.begin(), iy = dy.byWin32.begin(); ix != dx.byWin32.end(); ++ix, ++iy) {
        CHECK(ix->first == iy->first);
        checkSame(ix->second, iy->second);
    }
    CHECK(dx.win32PathTimes == dy.win32PathTimes);
    for (const auto &[code, group] : dx.byWin32)
        CHECK(dx.win32PathTimes.at(code).size() == group.samples.size());
    checkSame(dx.rejected413, dy.rejected413);
    checkSame(dx.expectationFailed417, dy.expectationFailed417);
    REQUIRE(dx.postsByClient.size() == dy.postsByClient.size());
    CHECK(dx.postsByClient.clients == dy.postsByClient.clients);
    CHECK(dx.postsByClient.starts == dy.postsByClient.starts);
    REQUIRE(dx.postsByClient.marks.size() == dy.postsByClient.marks.size());
    for (std::size_t i = 0; i < dx.postsByClient.marks.size(); ++i) {
        CHECK(dx.postsByClient.marks[i].time == dy.postsByClient.marks[i].time);
        CHECK(dx.postsByClient.marks[i].ref == dy.postsByClient.marks[i].ref);
        CHECK(dx.postsByClient.marks[i].serverPort == dy.postsByClient.marks[i].serverPort);
    }
    REQUIRE(x.candidates.byKey.size() == y.candidates.byKey.size());
    for (auto ix = x.candidates.byKey.begin(), iy = y.candidates.byKey.begin(); ix != x.candidates.byKey.end();
         ++ix, ++iy) {
        CHECK(ix->first == iy->first);
        REQUIRE(ix->second.size() == iy->second.size());
        for (std::size_t i = 0; i < ix->second.size(); ++i) {
            const kb::W3cCandidate &cx = ix->second[i], &cy = iy->second[i];
            CHECK(cx.time == cy.time);
            CHECK(cx.timeTakenMs == cy.timeTakenMs);
            CHECK(cx.serverPort == cy.serverPort);
            CHECK(cx.wholeSeconds == cy.wholeSeconds);
            CHECK(cx.clientIp == cy.clientIp);
            CHECK(cx.ref == cy.ref);
        }
    }
}

struct Split {
    unsigned threads;
    std::size_t sliceRecords;
};
constexpr Split kSplits[] = {{4, 7}, {3, 1}, {2, 64}, {1, 5}, {8, 1000}};

} // namespace

TEST_CASE("the record passes give the single-threaded result on any number of threads and slices")
{
    auto a = build();
    resegmentAll(*a);
    for (const bool indexAll : {false, true}) {
        INFO("index all reasons: " << indexAll);
        const auto serial = runPasses(*a, passOptions(1, std::size_t{1} << 17, indexAll));
        // The fixture exercises what the merge must keep in order.
        REQUIRE(serial->corr.w3c.records > 500);
        REQUIRE(serial->corr.w3c.byWin32.size() == 2);
        REQUIRE(serial->corr.w3c.rejected413.count == 100);
        REQUIRE(serial->corr.w3c.rejected413.samples.size() == kb::W3cGroup::kMaxSamples);
        REQUIRE(serial->corr.w3c.expectationFailed417.count == 70);
        REQUIRE(serial->corr.w3c.postsByClient.size() == 2);
        REQUIRE(serial->candidates.byKey.size() == 40);
        REQUIRE(serial->corr.httpErr.byReason.size() >= 3);
        for (const Split split : kSplits) {
            INFO("threads " << split.threads << ", slices of " << split.sliceRecords);
            checkSame(*serial, *runPasses(*a, passOptions(split.threads, split.sliceRecords, indexAll)));
        }
    }
}

TEST_CASE("correlation gives the same matches and clock offset on any number of threads")
{
    const auto reference = [] {
        auto a = build();
        CancelToken cancel;
        auto corr = kb::correlate(*a, passOptions(1, std::size_t{1} << 17, false), cancel);
        return std::make_pair(std::move(a), std::move(corr));
    }();
    const Analysis &ra = *reference.first;
    const kb::Correlation &rc = reference.second;
    REQUIRE(ra.clockOffsets.size() == 1);
    REQUIRE(rc.w3cMatches > 0);
    REQUIRE(rc.httpErr.byConnection.size() == 1); // the Connection_Dropped line on the captured 4-tuple
    for (const Split split : kSplits) {
        INFO("threads " << split.threads << ", slices of " << split.sliceRecords);
        auto a = build();
        resegmentAll(*a);
        CancelToken cancel;
        const kb::Correlation c = kb::correlate(*a, passOptions(split.threads, split.sliceRecords, false), cancel);
        CHECK(c.w3cMatches == rc.w3cMatches);
        CHECK(c.w3cForTransaction == rc.w3cForTransaction);
        CHECK(c.httpErr.byConnection == rc.httpErr.byConnection);
        CHECK(std::vector(c.httpErr.connectionOfLine.begin(), c.httpErr.connectionOfLine.end()) ==
              std::vector(rc.httpErr.connectionOfLine.begin(), rc.httpErr.connectionOfLine.end()));
        REQUIRE(a->clockOffsets.size() == ra.clockOffsets.size());
        CHECK(a->clockOffsets[0].offset == ra.clockOffsets[0].offset);
        CHECK(a->clockOffsets[0].matches == ra.clockOffsets[0].matches);
        CHECK(a->clockOffsets[0].note == ra.clockOffsets[0].note);
    }
}

TEST_CASE("a cancelled analysis stops the record passes between slices")
{
    auto a = build();
    PassResult r(*a->strings);
    CancelToken cancel;
    cancel.requestCancel();
    kb::indexHttpErr(*a, r.corr, passOptions(2, 3, true), r.watched, cancel);
    kb::scanW3c(*a, r.corr, passOptions(2, 3, true), r.watched, {}, r.candidates, cancel);
    CHECK(r.corr.httpErr.total == 0);
    CHECK(r.corr.w3c.records == 0);
}

namespace {

// Everything the JSON shows of a finding, as one comparable text.
std::string describe(const Finding &f)
{
    std::string out = f.id + "|" + f.title + "|" + std::to_string(static_cast<int>(f.severity)) + "|" +
                      std::to_string(static_cast<int>(f.confidence)) + "|" + f.confidenceReason + "|" + f.summary +
                      "|" + std::to_string(f.first) + "|" + std::to_string(f.last) + "|" + std::to_string(f.count) +
                      "|" + std::to_string(f.evidenceTotal);
    for (const auto &c : f.connections)
        out += "|c " + c;
    for (const auto &c : f.clients)
        out += "|a " + c;
    for (const auto &e : f.evidence)
        out += "|e " + std::to_string(e.source.value) + " " + std::to_string(e.line) + " " + std::to_string(e.time) +
               " " + e.text;
    return out;
}

std::vector<std::string> detect(const kb::Sample &sample, unsigned threads)
{
    std::string error;
    auto a = kb::buildSampleAnalysis(sample, error);
    if (!a)
        FAIL("sample does not build: " << error);
    CancelToken cancel;
    kb::Correlation corr = kb::correlateSources(*a, test::builtinKb(), {}, cancel);
    kb::detectSymptoms(*a, test::builtinKb(), corr, cancel, threads);
    std::vector<std::string> out;
    for (const auto &f : a->findings)
        out.push_back(describe(f));
    return out;
}

} // namespace

TEST_CASE("detectors finishing on several threads report the same findings in the same order")
{
    std::vector<kb::Sample> samples{incident()};
    for (const auto &entry : test::builtinKb().symptoms())
        for (const auto &sample : entry.matches)
            samples.push_back(sample);
    std::size_t withFindings = 0;
    for (const auto &sample : samples) {
        INFO(sample.name);
        const auto serial = detect(sample, 1);
        withFindings += !serial.empty();
        for (const unsigned threads : {2u, 4u, 16u})
            CHECK(detect(sample, threads) == serial);
    }
    CHECK(withFindings >= samples.size() / 2);
    CHECK(detect(incident(), 1).size() >= 3); // several detectors at once, so the join order matters
}
