// SPDX-License-Identifier: MIT
// Aggregates every view shows: HTTPERR reasons (count, time range, top clients/URIs) and status codes
// per source. Computed once per analysis from the record stores.
#pragma once

#include "model/analysis.h"

#include <unordered_map>

namespace hs {

// threads == 1 keeps it on the calling thread; otherwise it uses one more.
void computeSummaries(Analysis &analysis, unsigned threads = 0);

// Top-N helper used by summaries and detectors: most frequent first, ties by value.
std::vector<CountedValue> topValues(const std::unordered_map<std::string, std::uint64_t> &counts, std::size_t n);

} // namespace hs
