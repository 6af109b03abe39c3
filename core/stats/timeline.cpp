// SPDX-License-Identifier: MIT
// Chart aggregates. Each function is one pass over the records it needs (RecordStore::forEach walks
// the segments directly) and allocates only its result: at 10 M rows the per-row work is a range
// check, a division and an increment.
#include "stats/timeline.h"

#include "stats/duration_histogram.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace hs::stats {
namespace {

TimeUs floorDiv(TimeUs a, TimeUs b) noexcept
{
    const TimeUs q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

// Number of buckets of `width` needed to cover [from, to] when the first bucket starts at
// floor(from / width) * width. Works in unsigned arithmetic: `to - start` cannot overflow a uint64.
std::uint64_t bucketsNeeded(TimeUs from, TimeUs to, TimeUs width) noexcept
{
    const TimeUs start = floorDiv(from, width) * width;
    const auto span = static_cast<std::uint64_t>(to) - static_cast<std::uint64_t>(start);
    return span / static_cast<std::uint64_t>(width) + 1;
}

struct Range {
    TimeUs from, to;
};

Range resolve(const Analysis &analysis, TimeUs from, TimeUs to)
{
    if (from == kNoTime || to == kNoTime) {
        const TimeRange r = analysedRange(analysis);
        if (from == kNoTime)
            from = r.first;
        if (to == kNoTime)
            to = r.last;
    }
    return {from, to};
}

bool inRange(TimeUs t, const Range &r) noexcept
{
    return t != kNoTime && t >= r.from && t <= r.to;
}

// The time a capture transaction is placed at on the timeline.
TimeUs transactionTime(const Transaction &t) noexcept
{
    return t.requestTime != kNoTime ? t.requestTime : t.responseTime;
}

bool transactionFailed(const Analysis &analysis, const Transaction &t) noexcept
{
    if (!t.hasResponse || t.status >= 400)
        return true;
    if (t.responseComplete || !t.connection.valid() || t.connection.value >= analysis.connections.size())
        return false;
    // A response cut short by a reset is an error even though its status line was fine.
    return analysis.connections[t.connection.value].reset.kind == ConnectionEnd::Kind::Rst;
}

template <typename Fn>
void forEachTransaction(const Analysis &analysis, const Source &src, Fn &&fn)
{
    if (!src.capture)
        return;
    const CaptureData &c = *src.capture;
    const std::size_t end =
        std::min<std::size_t>(analysis.transactions.size(), std::size_t{c.firstTransaction} + c.transactionCount);
    for (std::size_t i = c.firstTransaction; i < end; ++i)
        fn(analysis.transactions[i]);
}

} // namespace

TimeRange analysedRange(const Analysis &analysis)
{
    if (analysis.first != kNoTime && analysis.last != kNoTime)
        return {analysis.first, analysis.last};
    TimeRange r;
    for (const auto &src : analysis.sources) {
        if (src->first == kNoTime || src->last == kNoTime)
            continue;
        const TimeUs f = src->first + src->clockOffset, l = src->last + src->clockOffset;
        if (r.first == kNoTime || f < r.first)
            r.first = f;
        if (r.last == kNoTime || l > r.last)
            r.last = l;
    }
    return r;
}

TimeBuckets chooseBuckets(TimeUs from, TimeUs to, std::size_t maxBuckets)
{
    TimeBuckets b;
    if (from == kNoTime || to == kNoTime || to < from)
        return b;
    maxBuckets = std::max<std::size_t>(maxBuckets, 1);
    static constexpr TimeUs kNice[] = {
        kUsPerSecond,     5 * kUsPerSecond,  10 * kUsPerSecond, 30 * kUsPerSecond,     kUsPerMinute,
        5 * kUsPerMinute, 15 * kUsPerMinute, 60 * kUsPerMinute, 6 * 60 * kUsPerMinute, kUsPerDay,
    };
    TimeUs width = 0;
    for (const TimeUs w : kNice) {
        if (bucketsNeeded(from, to, w) <= maxBuckets) {
            width = w;
            break;
        }
    }
    if (width == 0) {
        // Longer than maxBuckets days (or garbage years apart): whole days, as many as needed.
        const auto span = static_cast<std::uint64_t>(to) - static_cast<std::uint64_t>(from);
        auto days = span / (static_cast<std::uint64_t>(kUsPerDay) * maxBuckets) + 1;
        width = static_cast<TimeUs>(std::min<std::uint64_t>(days, 1'000'000'000) * kUsPerDay);
        while (bucketsNeeded(from, to, width) > maxBuckets && width < std::numeric_limits<TimeUs>::max() / 2)
            width *= 2;
    }
    b.width = width;
    b.start = floorDiv(from, width) * width;
    b.count = static_cast<std::size_t>(bucketsNeeded(from, to, width));
    return b;
}

std::uint64_t total(const std::vector<std::uint32_t> &series) noexcept
{
    return std::accumulate(series.begin(), series.end(), std::uint64_t{0});
}

Activity activity(const Analysis &analysis, TimeUs from, TimeUs to, std::size_t maxBuckets)
{
    const Range r = resolve(analysis, from, to);
    Activity out;
    out.buckets = chooseBuckets(r.from, r.to, maxBuckets);
    if (out.buckets.count == 0)
        return out;
    const TimeBuckets &b = out.buckets;
    for (const auto &srcPtr : analysis.sources) {
        const Source &src = *srcPtr;
        if (src.first == kNoTime)
            continue;
        Lane lane;
        lane.source = src.id;
        lane.label = src.path;
        lane.format = src.format;
        lane.events.assign(b.count, 0);
        lane.errors.assign(b.count, 0);
        const TimeUs shift = src.clockOffset;
        auto count = [&](TimeUs t, bool error) {
            if (t == kNoTime)
                return;
            t += shift;
            if (!inRange(t, r))
                return;
            const std::size_t i = b.indexOf(t);
            ++lane.events[i];
            if (error)
                ++lane.errors[i];
        };
        if (src.log) {
            src.log->access.forEach([&](const AccessRecord &rec) {
                count(rec.time, rec.status >= 400 || (rec.win32 != 0 && rec.win32 != kNoValue32));
            });
            src.log->httpErr.forEach([&](const HttpErrRecord &rec) { count(rec.time, true); });
        }
        forEachTransaction(analysis, src,
                           [&](const Transaction &t) { count(transactionTime(t), transactionFailed(analysis, t)); });
        out.lanes.push_back(std::move(lane));
    }
    return out;
}

Stacked httpErrReasonsOverTime(const Analysis &analysis, TimeUs from, TimeUs to, std::size_t maxBuckets,
                               std::size_t maxKeys)
{
    const Range r = resolve(analysis, from, to);
    Stacked out;
    out.buckets = chooseBuckets(r.from, r.to, maxBuckets);
    if (out.buckets.count == 0)
        return out;
    const TimeBuckets &b = out.buckets;
    maxKeys = std::max<std::size_t>(maxKeys, 1);

    // Slot per distinct reason, plus the overflow slot for reasons beyond kMaxTrackedReasons.
    std::unordered_map<StrId, std::size_t> slotOf;
    std::vector<StrId> slotReason;
    std::vector<std::vector<std::uint32_t>> slotCounts;
    slotCounts.reserve(kMaxTrackedReasons); // never reallocates: lastSeries stays valid
    std::vector<std::uint32_t> overflow;
    StrId lastReason = StringPool::kNotFound;
    std::vector<std::uint32_t> *lastSeries = nullptr;

    for (const auto &srcPtr : analysis.sources) {
        const Source &src = *srcPtr;
        if (!src.log || src.log->httpErr.empty())
            continue;
        const TimeUs shift = src.clockOffset;
        src.log->httpErr.forEach([&](const HttpErrRecord &rec) {
            if (rec.time == kNoTime)
                return;
            const TimeUs t = rec.time + shift;
            if (!inRange(t, r))
                return;
            if (const StrId reason = src.log->context(rec).reason; reason != lastReason) {
                lastReason = reason;
                const auto it = slotOf.find(reason);
                if (it != slotOf.end()) {
                    lastSeries = &slotCounts[it->second];
                } else if (slotCounts.size() < kMaxTrackedReasons) {
                    slotOf.emplace(reason, slotCounts.size());
                    slotReason.push_back(reason);
                    slotCounts.emplace_back(b.count, 0);
                    lastSeries = &slotCounts.back();
                } else {
                    if (overflow.empty())
                        overflow.assign(b.count, 0);
                    lastSeries = &overflow;
                }
            }
            ++(*lastSeries)[b.indexOf(t)];
        });
    }

    struct Ranked {
        std::size_t slot;
        std::uint64_t count;
        std::string name;
    };
    std::vector<Ranked> ranked;
    ranked.reserve(slotCounts.size());
    for (std::size_t i = 0; i < slotCounts.size(); ++i)
        ranked.push_back(
            {i, total(slotCounts[i]),
             slotReason[i] == kEmptyStr ? std::string("(none)") : std::string(analysis.str(slotReason[i]))});
    std::sort(ranked.begin(), ranked.end(), [](const Ranked &a, const Ranked &c) {
        return a.count != c.count ? a.count > c.count : a.name < c.name;
    });
    const bool fold = ranked.size() > maxKeys || !overflow.empty();
    const std::size_t own = fold ? std::min(ranked.size(), maxKeys - 1) : ranked.size();
    for (std::size_t k = 0; k < own; ++k) {
        out.keys.push_back(ranked[k].name);
        out.counts.push_back(std::move(slotCounts[ranked[k].slot]));
    }
    if (fold) {
        std::vector<std::uint32_t> other =
            overflow.empty() ? std::vector<std::uint32_t>(b.count, 0) : std::move(overflow);
        for (std::size_t k = own; k < ranked.size(); ++k) {
            const auto &series = slotCounts[ranked[k].slot];
            for (std::size_t i = 0; i < b.count; ++i)
                other[i] += series[i];
        }
        out.keys.emplace_back("other");
        out.counts.push_back(std::move(other));
    }
    return out;
}

std::vector<StatusClasses> statusClasses(const Analysis &analysis)
{
    std::vector<StatusClasses> out;
    for (const auto &srcPtr : analysis.sources) {
        const Source &src = *srcPtr;
        StatusClasses sc;
        sc.source = src.id;
        sc.label = src.path;
        if (src.log) {
            src.log->access.forEach([&](const AccessRecord &rec) { ++sc.counts[statusClass(rec.status)]; });
            src.log->httpErr.forEach([&](const HttpErrRecord &rec) { ++sc.counts[statusClass(rec.status)]; });
        }
        forEachTransaction(analysis, src,
                           [&](const Transaction &t) { ++sc.counts[t.hasResponse ? statusClass(t.status) : 0]; });
        if (std::any_of(sc.counts.begin(), sc.counts.end(), [](std::uint64_t n) { return n != 0; }))
            out.push_back(std::move(sc));
    }
    return out;
}

std::vector<Percentiles> durationPercentiles(const Analysis &analysis)
{
    std::vector<Percentiles> out;
    DurationHistogram h; // allocated once, cleared per source
    for (const auto &srcPtr : analysis.sources) {
        const Source &src = *srcPtr;
        h.clear();
        double unitMs = 1.0;
        if (src.log) {
            src.log->access.forEach([&](const AccessRecord &rec) {
                if (rec.timeTakenMs != kNoValue32)
                    h.add(rec.timeTakenMs);
            });
        } else if (src.capture) {
            unitMs = 1.0 / static_cast<double>(kUsPerMs);
            forEachTransaction(analysis, src, [&](const Transaction &t) {
                if (t.requestTime != kNoTime && t.responseEndTime != kNoTime && t.responseEndTime >= t.requestTime)
                    h.add(static_cast<std::uint64_t>(t.responseEndTime - t.requestTime));
            });
        }
        if (h.samples() == 0)
            continue;
        Percentiles p;
        p.source = src.id;
        p.label = src.path;
        p.samples = h.samples();
        p.p50 = static_cast<double>(h.percentile(50)) * unitMs;
        p.p90 = static_cast<double>(h.percentile(90)) * unitMs;
        p.p95 = static_cast<double>(h.percentile(95)) * unitMs;
        p.p99 = static_cast<double>(h.percentile(99)) * unitMs;
        p.max = static_cast<double>(h.max()) * unitMs;
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<FindingMark> findingMarks(const Analysis &analysis)
{
    std::vector<FindingMark> out;
    out.reserve(analysis.findings.size());
    for (std::size_t i = 0; i < analysis.findings.size(); ++i) {
        const Finding &f = analysis.findings[i];
        if (f.first == kNoTime && f.last == kNoTime)
            continue;
        FindingMark m;
        m.finding = i;
        m.first = f.first != kNoTime ? f.first : f.last;
        m.last = f.last != kNoTime ? std::max(f.last, m.first) : m.first;
        m.severity = f.severity;
        out.push_back(m);
    }
    return out;
}

} // namespace hs::stats
