// SPDX-License-Identifier: MIT
// Chart and timeline aggregates, computed in core from the record stores (STYLE practice 9: views
// consume aggregates, never raw rows). The HTML report and the GUI draw from these; the GUI
// re-buckets per zoom level on a worker thread.
#pragma once

#include "model/analysis.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace hs::stats {

// Equal-width time buckets covering [start, start + width * count).
struct TimeBuckets {
    TimeUs start = 0;
    TimeUs width = kUsPerMinute;
    std::size_t count = 0;

    std::size_t indexOf(TimeUs t) const noexcept
    {
        return t < start ? 0 : std::min(count ? count - 1 : 0, static_cast<std::size_t>((t - start) / width));
    }
};

// The analysed time range: Analysis::first/last when computeSummaries() filled them, else the union
// of the sources' ranges (with their clock offsets). Both kNoTime when nothing is timed.
struct TimeRange {
    TimeUs first = kNoTime, last = kNoTime;
    bool empty() const noexcept { return first == kNoTime || last == kNoTime; }
};
TimeRange analysedRange(const Analysis &analysis);

// Chooses a "nice" bucket width (1 s, 5 s, 10 s, 30 s, 1 min, 5 min, 15 min, 1 h, 6 h, 1 day) so that
// [from, to] needs at most maxBuckets buckets.
TimeBuckets chooseBuckets(TimeUs from, TimeUs to, std::size_t maxBuckets);

// Per source ("lane"): events per bucket, and how many of them were errors.
//   W3C/IIS/NCSA: requests; errors = status >= 400 or sc-win32-status != 0.
//   HTTPERR: every line is an error event.
//   Captures/exports: transactions by request time; errors = status >= 400, no response, or reset.
struct Lane {
    SourceId source;
    std::string label; // source path
    FormatId format = FormatId::Unknown;
    std::vector<std::uint32_t> events;
    std::vector<std::uint32_t> errors;
};

struct Activity {
    TimeBuckets buckets;
    std::vector<Lane> lanes; // one per source with timed events, in source order
};

// Events outside [from, to] are not counted; kNoTime for either end means analysedRange()'s end.
// Each call is one pass over the records and allocates only its result.
Activity activity(const Analysis &analysis, TimeUs from, TimeUs to, std::size_t maxBuckets);

// Sums a lane's (or any series') buckets.
std::uint64_t total(const std::vector<std::uint32_t> &series) noexcept;

// HTTPERR s-reason counts per bucket, stacked; the `maxKeys - 1` most frequent reasons get their
// own series, the rest are folded into "other".
struct Stacked {
    TimeBuckets buckets;
    std::vector<std::string> keys;                  // series names, most frequent first
    std::vector<std::vector<std::uint32_t>> counts; // counts[key][bucket]
};

// At most kMaxTrackedReasons distinct reasons are told apart (a garbage log could hold millions of
// "reasons"); later newcomers are counted as "other" straight away.
inline constexpr std::size_t kMaxTrackedReasons = 1024;
Stacked httpErrReasonsOverTime(const Analysis &analysis, TimeUs from, TimeUs to, std::size_t maxBuckets,
                               std::size_t maxKeys = 8);

// Status classes per source: [0] = no status, [1] = 1xx … [5] = 5xx.
struct StatusClasses {
    SourceId source;
    std::string label;
    std::array<std::uint64_t, 6> counts{};
};
std::vector<StatusClasses> statusClasses(const Analysis &analysis);

// time-taken (W3C, ms) or request-to-response-end duration (captures/exports) percentiles, nearest
// rank, from a log-bucketed histogram: exact below 4096 ms (logs) / 4096 µs (captures), within
// 0.4 % above. `max` is exact. Only sources with samples are listed.
struct Percentiles {
    SourceId source;
    std::string label;
    std::uint64_t samples = 0;
    double p50 = 0, p90 = 0, p95 = 0, p99 = 0, max = 0; // milliseconds
};
std::vector<Percentiles> durationPercentiles(const Analysis &analysis);

// Where findings sit on the timeline.
struct FindingMark {
    std::size_t finding = 0; // index into Analysis::findings
    TimeUs first = kNoTime, last = kNoTime;
    Severity severity = Severity::Info;
};
std::vector<FindingMark> findingMarks(const Analysis &analysis);

} // namespace hs::stats
