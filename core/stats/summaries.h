// SPDX-License-Identifier: MIT
// Aggregates every view shows: HTTPERR reasons (count, time range, top clients/URIs) and status codes
// per source. Computed once per analysis from the record stores.
#pragma once

#include "model/analysis.h"

#include <unordered_map>

namespace hs {

void computeSummaries(Analysis &analysis);

// Top-N helper used by summaries and detectors: most frequent first, ties by value.
std::vector<CountedValue> topValues(const std::unordered_map<std::string, std::uint64_t> &counts, std::size_t n);

} // namespace hs
