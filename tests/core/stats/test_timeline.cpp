// SPDX-License-Identifier: MIT
// Chart aggregates (stats/timeline.h): bucket choice, per-source activity with errors and clock
// offsets, stacked HTTPERR reasons with "other", status classes, percentiles and finding marks.
#include "stats/duration_histogram.h"
#include "stats/timeline.h"
#include "support/catch.h"

#include <algorithm>
#include <cmath>
#include <random>

using namespace hs;
using namespace hs::stats;

namespace {

constexpr TimeUs kBase = 1'795'255'200'000'000; // 2026-11-21 10:00:00 UTC

TimeUs sec(double s)
{
    return kBase + static_cast<TimeUs>(s * kUsPerSecond);
}

Source &addLog(Analysis &a, FormatId format, std::string path)
{
    auto s = std::make_unique<Source>();
    s->id = SourceId(static_cast<std::uint32_t>(a.sources.size()));
    s->path = std::move(path);
    s->format = format;
    s->log = std::make_unique<LogData>();
    a.sources.push_back(std::move(s));
    return *a.sources.back();
}

void addAccess(Analysis &a, Source &s, TimeUs t, std::uint16_t status, std::uint32_t win32 = 0,
               std::uint32_t timeTaken = kNoValue32)
{
    AccessRecord r;
    r.time = t;
    r.status = status;
    r.win32 = win32;
    r.timeTakenMs = timeTaken;
    r.line = static_cast<std::uint32_t>(s.log->access.size() + 1);
    RecordStore<AccessRecord>::Segment seg{r};
    s.log->access.appendSegment(std::move(seg));
    s.widenTimeRange(t);
    (void)a;
}

void addHttpErr(Analysis &a, Source &s, TimeUs t, std::string_view reason, std::uint16_t status = 0)
{
    HttpErrContext context;
    context.reason = a.strings->intern(reason);
    auto &contexts = s.log->httpErrContexts;
    const auto known = std::find(contexts.begin(), contexts.end(), context);
    HttpErrRecord r;
    r.time = t;
    r.context = static_cast<std::uint32_t>(known - contexts.begin());
    if (known == contexts.end())
        contexts.push_back(context);
    r.status = status;
    RecordStore<HttpErrRecord>::Segment seg{r};
    s.log->httpErr.appendSegment(std::move(seg));
    s.widenTimeRange(t);
}

} // namespace

TEST_CASE("stats: bucket widths are nice, aligned and within the limit", "[stats]")
{
    TimeBuckets b = chooseBuckets(sec(0), sec(59), 60);
    CHECK(b.width == kUsPerSecond);
    CHECK(b.start == sec(0));
    CHECK(b.count == 60);

    b = chooseBuckets(sec(0), sec(60), 60); // 61 one-second buckets would be one too many
    CHECK(b.width == 5 * kUsPerSecond);
    CHECK(b.count == 13);

    b = chooseBuckets(sec(17), sec(3 * 3600 - 1), 180); // 3 h in at most 180 buckets: 1 min
    CHECK(b.width == kUsPerMinute);
    CHECK(b.start == sec(0)); // aligned down to the minute
    CHECK(b.count == 180);
    CHECK(b.indexOf(sec(17)) == 0);
    CHECK(b.indexOf(sec(3 * 3600 - 1)) == b.count - 1);
    b = chooseBuckets(sec(17), sec(3 * 3600), 180); // one second more needs a 181st minute: 5 min
    CHECK(b.width == 5 * kUsPerMinute);
    CHECK(b.count == 37);

    b = chooseBuckets(sec(0), sec(86400.0 * 400), 100); // longer than 100 days: whole days
    CHECK(b.width % kUsPerDay == 0);
    CHECK(b.count <= 100);
    CHECK(b.start + b.width * static_cast<TimeUs>(b.count) > sec(86400.0 * 400));

    CHECK(chooseBuckets(kNoTime, sec(1), 10).count == 0);
    CHECK(chooseBuckets(sec(2), sec(1), 10).count == 0);
    CHECK(chooseBuckets(sec(5), sec(5), 0).count == 1);
    // Garbage years apart still give a bounded bucket count.
    b = chooseBuckets(-60'000'000'000'000'000, 60'000'000'000'000'000, 240);
    CHECK(b.count >= 1);
    CHECK(b.count <= 240);
}

TEST_CASE("stats: activity per source counts events and errors, with clock offsets", "[stats]")
{
    Analysis a;
    Source &w3c = addLog(a, FormatId::W3c, "W3SVC1/u_ex.log");
    addAccess(a, w3c, sec(1), 200);
    addAccess(a, w3c, sec(2), 404);
    addAccess(a, w3c, sec(61), 200, 64); // win32 error
    addAccess(a, w3c, sec(62), 200);
    Source &err = addLog(a, FormatId::HttpErr, "HTTPERR/httperr1.log");
    addHttpErr(a, err, sec(3), "Timer_ConnectionIdle");
    addHttpErr(a, err, sec(119), "QueueFull", 503);

    // A capture whose clock runs 60 s behind: its transactions land one minute later.
    auto cap = std::make_unique<Source>();
    cap->id = SourceId(2);
    cap->path = "c.pcapng";
    cap->format = FormatId::Pcapng;
    cap->clockOffset = 60 * kUsPerSecond;
    cap->capture = std::make_unique<CaptureData>();
    cap->capture->firstTransaction = 0;
    cap->capture->transactionCount = 3;
    Connection conn;
    conn.id = ConnectionId(0);
    conn.reset.kind = ConnectionEnd::Kind::Rst;
    a.connections.push_back(conn);
    for (int i = 0; i < 3; ++i) {
        Transaction t;
        t.connection = conn.id;
        t.requestTime = sec(10 + i);
        t.hasResponse = i != 1; // no response: error
        t.status = 200;
        t.responseComplete = i == 0; // i == 2: cut short by the reset: error
        t.responseEndTime = t.requestTime + 5 * kUsPerMs;
        a.transactions.push_back(t);
        cap->widenTimeRange(t.requestTime);
    }
    a.sources.push_back(std::move(cap));

    const Activity act = activity(a, sec(0), sec(119), 2); // two 1-minute buckets
    REQUIRE(act.buckets.width == kUsPerMinute);
    REQUIRE(act.buckets.count == 2);
    REQUIRE(act.lanes.size() == 3);
    CHECK(act.lanes[0].label == "W3SVC1/u_ex.log");
    CHECK(act.lanes[0].format == FormatId::W3c);
    CHECK(act.lanes[0].events == std::vector<std::uint32_t>{2, 2});
    CHECK(act.lanes[0].errors == std::vector<std::uint32_t>{1, 1});
    CHECK(act.lanes[1].events == std::vector<std::uint32_t>{1, 1});
    CHECK(act.lanes[1].errors == std::vector<std::uint32_t>{1, 1});
    CHECK(act.lanes[2].events == std::vector<std::uint32_t>{0, 3});
    CHECK(act.lanes[2].errors == std::vector<std::uint32_t>{0, 2});
    CHECK(total(act.lanes[0].events) == 4);

    // A narrower window leaves the rest out; kNoTime ends mean the analysed range.
    const Activity part = activity(a, sec(60), sec(119), 60);
    CHECK(total(part.lanes[0].events) == 2);
    const Activity all = activity(a, kNoTime, kNoTime, 10);
    std::uint64_t events = 0;
    for (const auto &lane : all.lanes)
        events += total(lane.events);
    CHECK(events == 9);
    CHECK(analysedRange(a).first == sec(1));
    CHECK(analysedRange(a).last == sec(119));
}

TEST_CASE("stats: HTTPERR reasons over time, most frequent first, the rest as other", "[stats]")
{
    Analysis a;
    Source &err = addLog(a, FormatId::HttpErr, "httperr1.log");
    for (int i = 0; i < 5; ++i)
        addHttpErr(a, err, sec(i), "QueueFull", 503);
    for (int i = 0; i < 3; ++i)
        addHttpErr(a, err, sec(70 + i), "Timer_ConnectionIdle");
    addHttpErr(a, err, sec(80), "FieldLength", 400);
    addHttpErr(a, err, sec(81), "BadRequest", 400);
    addHttpErr(a, err, sec(82), "", 0); // an empty reason is its own key

    const Stacked all = httpErrReasonsOverTime(a, sec(0), sec(119), 2, 8);
    REQUIRE(all.keys.size() == 5);
    CHECK(all.keys[0] == "QueueFull");
    CHECK(all.keys[1] == "Timer_ConnectionIdle");
    CHECK(all.keys[2] == "(none)"); // ties sorted by name: "(none)" < "BadRequest" < "FieldLength"
    CHECK(all.keys[3] == "BadRequest");
    CHECK(all.keys[4] == "FieldLength");
    CHECK(all.counts[0] == std::vector<std::uint32_t>{5, 0});
    CHECK(all.counts[1] == std::vector<std::uint32_t>{0, 3});

    const Stacked folded = httpErrReasonsOverTime(a, sec(0), sec(119), 2, 3);
    REQUIRE(folded.keys == std::vector<std::string>{"QueueFull", "Timer_ConnectionIdle", "other"});
    CHECK(folded.counts[2] == std::vector<std::uint32_t>{0, 3});
}

TEST_CASE("stats: status classes per source and duration percentiles", "[stats]")
{
    Analysis a;
    Source &w3c = addLog(a, FormatId::W3c, "u_ex.log");
    for (std::uint32_t ms = 1; ms <= 100; ++ms)
        addAccess(a, w3c, sec(ms), ms <= 90 ? 200 : ms <= 95 ? 404 : 503, 0, ms);
    addAccess(a, w3c, sec(200), 0); // no status, no time-taken
    Source &err = addLog(a, FormatId::HttpErr, "httperr1.log");
    addHttpErr(a, err, sec(1), "Timer_ConnectionIdle", 0);
    addHttpErr(a, err, sec(2), "QueueFull", 503);

    const auto classes = statusClasses(a);
    REQUIRE(classes.size() == 2);
    CHECK(classes[0].label == "u_ex.log");
    CHECK(classes[0].counts == std::array<std::uint64_t, 6>{1, 0, 90, 0, 5, 5});
    CHECK(classes[1].counts == std::array<std::uint64_t, 6>{1, 0, 0, 0, 0, 1});

    const auto pct = durationPercentiles(a);
    REQUIRE(pct.size() == 1); // the HTTPERR log has no durations
    CHECK(pct[0].samples == 100);
    CHECK(pct[0].p50 == 50);
    CHECK(pct[0].p90 == 90);
    CHECK(pct[0].p95 == 95);
    CHECK(pct[0].p99 == 99);
    CHECK(pct[0].max == 100);
}

TEST_CASE("stats: the duration histogram stays within 0.4 % above its exact range", "[stats]")
{
    DurationHistogram h;
    std::mt19937_64 rng(42);
    std::lognormal_distribution<double> dist(9.0, 2.0); // spans 1 .. ~10^7
    std::vector<std::uint64_t> values;
    for (int i = 0; i < 20000; ++i) {
        const auto v = static_cast<std::uint64_t>(dist(rng));
        values.push_back(v);
        h.add(v);
    }
    std::sort(values.begin(), values.end());
    for (const double p : {50.0, 90.0, 99.0, 99.9}) {
        const auto rank = static_cast<std::size_t>(std::ceil(p / 100 * static_cast<double>(values.size())));
        const double exact = static_cast<double>(values[rank - 1]);
        const double approx = static_cast<double>(h.percentile(p));
        INFO("p" << p << " exact " << exact << " approx " << approx);
        CHECK(std::abs(approx - exact) <= std::max(1.0, exact * 0.004));
    }
    CHECK(h.max() == values.back());
    CHECK(DurationHistogram::indexOf(~std::uint64_t{0}) < DurationHistogram::kBuckets);
    const double ratio =
        static_cast<double>(DurationHistogram::representative(DurationHistogram::indexOf(123456789))) / 123456789.0;
    CHECK(std::abs(ratio - 1.0) < 0.004);
}

TEST_CASE("stats: finding marks", "[stats]")
{
    Analysis a;
    Finding f;
    f.first = sec(10);
    f.last = sec(20);
    f.severity = Severity::Critical;
    a.findings.push_back(f);
    Finding untimed;
    a.findings.push_back(untimed);
    Finding point;
    point.last = sec(5);
    a.findings.push_back(point);
    const auto marks = findingMarks(a);
    REQUIRE(marks.size() == 2);
    CHECK(marks[0].finding == 0);
    CHECK(marks[0].first == sec(10));
    CHECK(marks[0].last == sec(20));
    CHECK(marks[0].severity == Severity::Critical);
    CHECK(marks[1].finding == 2);
    CHECK(marks[1].first == sec(5));
    CHECK(marks[1].last == sec(5));
}
