// SPDX-License-Identifier: MIT
#include "kb/spikes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hs::kb {

std::vector<Spike> findSpikes(std::vector<TimeUs> times, TimeUs spanFirst, TimeUs spanLast,
                              const SpikeSettings &settings)
{
    std::vector<Spike> spikes;
    times.erase(std::remove(times.begin(), times.end(), kNoTime), times.end());
    if (times.empty() || spanFirst == kNoTime || spanLast == kNoTime || spanLast < spanFirst)
        return spikes;
    TimeUs bucket = settings.bucket > 0 ? settings.bucket : kUsPerMinute;
    // Bound the histogram: a year of logs in minutes would be 500k buckets; widen instead.
    constexpr std::size_t kMaxBuckets = 200'000;
    while (static_cast<std::size_t>((spanLast - spanFirst) / bucket) + 1 > kMaxBuckets)
        bucket *= 2;
    const std::size_t n = static_cast<std::size_t>((spanLast - spanFirst) / bucket) + 1;
    if (n < settings.minBuckets)
        return spikes;
    std::vector<std::uint64_t> counts(n, 0);
    for (const TimeUs t : times)
        if (t >= spanFirst && t <= spanLast)
            ++counts[static_cast<std::size_t>((t - spanFirst) / bucket)];

    // Baseline: mean per bucket, recomputed without the buckets that exceed the first threshold so
    // that a big burst does not raise its own bar.
    const auto threshold = [&](double baseline) {
        return std::max(static_cast<double>(settings.minCount), settings.factor * std::max(baseline, 1.0 / 60));
    };
    double total = 0;
    for (const auto c : counts)
        total += static_cast<double>(c);
    const double firstBar = threshold(total / static_cast<double>(n));
    double quietTotal = 0;
    std::size_t quietBuckets = 0;
    for (const auto c : counts)
        if (static_cast<double>(c) < firstBar) {
            quietTotal += static_cast<double>(c);
            ++quietBuckets;
        }
    const double baseline = quietBuckets ? quietTotal / static_cast<double>(quietBuckets) : 0;
    const double bar = threshold(baseline);

    for (std::size_t i = 0; i < n;) {
        if (static_cast<double>(counts[i]) < bar) {
            ++i;
            continue;
        }
        Spike s;
        s.start = spanFirst + static_cast<TimeUs>(i) * bucket;
        s.baselinePerBucket = baseline;
        s.bucket = bucket;
        while (i < n && static_cast<double>(counts[i]) >= bar) {
            s.count += counts[i];
            s.peakPerBucket = std::max(s.peakPerBucket, counts[i]);
            ++i;
        }
        s.end = spanFirst + static_cast<TimeUs>(i) * bucket;
        spikes.push_back(s);
    }
    std::stable_sort(spikes.begin(), spikes.end(), [](const Spike &a, const Spike &b) { return a.count > b.count; });
    return spikes;
}

std::string describeSpike(const Spike &s)
{
    const std::string unit = s.bucket == kUsPerMinute ? "/min" : "/" + formatDuration(s.bucket);
    char baseline[32];
    std::snprintf(baseline, sizeof baseline, "%.1f", s.baselinePerBucket);
    return formatHuman(s.start) + " – " + formatHuman(s.end) + " UTC: " + std::to_string(s.count) + " (peak " +
           std::to_string(s.peakPerBucket) + unit + ", baseline " + baseline + unit + ")";
}

} // namespace hs::kb
