// SPDX-License-Identifier: MIT
// Bursts that stand out of their baseline: an HTTPERR reason that runs at 2 a minute all day is
// background; 300 in one minute is an event worth its own line in the finding.
#pragma once

#include "model/time.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hs::kb {

struct SpikeSettings {
    TimeUs bucket = kUsPerMinute;
    double factor = 5;           // a spike bucket holds ≥ factor × the baseline …
    std::uint64_t minCount = 10; // … and at least this many events
    std::size_t minBuckets = 10; // a span shorter than this has no baseline to stand out of
};

struct Spike {
    TimeUs start = kNoTime, end = kNoTime; // [start, end)
    std::uint64_t count = 0;
    double baselinePerBucket = 0;
    std::uint64_t peakPerBucket = 0;
    TimeUs bucket = kUsPerMinute;
};

// `times` need not be sorted. The span is the whole log's (not just these events'), so a burst in
// an otherwise quiet log stands out. Returns spikes by count, largest first.
std::vector<Spike> findSpikes(std::vector<TimeUs> times, TimeUs spanFirst, TimeUs spanLast,
                              const SpikeSettings &settings);

// "10:42–10:44 UTC: 312 (peak 180/min, baseline 2.1/min)"
std::string describeSpike(const Spike &s);

} // namespace hs::kb
