// SPDX-License-Identifier: MIT
// Freeing the analysis of a big input is kernel work on one thread: unmapping a 1 GB log and
// freeing half a gigabyte of records took 105 ms, as long as the summaries and correlation of that
// log together. discardAnalysis does the two halves on two threads, dropping the pages before
// anything is unmapped (io/page_advice.h): two threads that unmap wait for each other.
#pragma once

#include "model/analysis.h"

#include <cstdint>
#include <memory>

namespace hs {

// Destroys `analysis`; the inputs' memory maps are released on a second thread meanwhile (and the
// records' pages on this one) when they add up to minMappedBytes (below 64 MiB a thread costs more
// than it saves: unmapping takes about 50 ms per GB).
void discardAnalysis(std::unique_ptr<Analysis> analysis, std::uint64_t minMappedBytes = 64u << 20) noexcept;

} // namespace hs
