// SPDX-License-Identifier: MIT
// Aggregates every view shows: HTTPERR reasons (count, time range, top clients/URIs) and status codes
// per source. Computed once per analysis from the record stores.
#pragma once

#include "model/analysis.h"

#include <functional>
#include <unordered_map>

namespace hs {

enum class SummaryRange : std::uint8_t {
    Compute, // also set the analysed time range (computeAnalysisRange)
    Skip,    // leave it: the clock offsets are being estimated on another thread
};

// threads == 1 keeps it on the calling thread; otherwise it uses one more, which also runs
// `alongside` (if given) first: other work that should share the two threads with the summaries
// rather than contend with them. Needs only the records: analyze() runs the correlation alongside,
// before detection, whose HTTPERR reason findings reuse the rankings. It reads no clock offset
// when `range` is Skip.
void computeSummaries(Analysis &analysis, unsigned threads = 0, SummaryRange range = SummaryRange::Compute,
                      const std::function<void()> &alongside = {});

// The analysed time range (Analysis::first/last): every source's range moved by its clock offset.
// computeSummaries sets it; call it again once the clock offsets have changed.
void computeAnalysisRange(Analysis &analysis);

// Top-N helper used by summaries and detectors: most frequent first, ties by value.
std::vector<CountedValue> topValues(const std::unordered_map<std::string, std::uint64_t> &counts, std::size_t n);

} // namespace hs
