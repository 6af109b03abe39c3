// SPDX-License-Identifier: MIT
// From records to diagnosed symptoms: correlate the sources, run every detector, sort the findings
// (severity, then time). analyze() calls the two steps separately to report progress stages.
#pragma once

#include "kb/catalog.h"
#include "kb/correlate/correlation.h"
#include "model/analysis.h"

#include <vector>

namespace hs {
struct ClockOverride;
class CancelToken;
} // namespace hs

namespace hs::kb {

struct DiagnoseOptions {
    const std::vector<ClockOverride> *clockOverrides = nullptr;
    bool estimateClockOffsets = true;
    unsigned threads = 0; // for the passes over the logs and the detectors (0: automatic)
};

Correlation correlateSources(Analysis &analysis, const KnowledgeBase &kb, const DiagnoseOptions &options,
                             const CancelToken &cancel);
// Appends to analysis.findings and sorts them. Detectors finish on up to `threads` threads; 0 means
// one per hardware thread on big logs and the calling thread otherwise. The findings do not depend
// on it.
void detectSymptoms(Analysis &analysis, const KnowledgeBase &kb, Correlation &correlation, const CancelToken &cancel,
                    unsigned threads = 0);
void diagnose(Analysis &analysis, const KnowledgeBase &kb, const DiagnoseOptions &options, const CancelToken &cancel);

// Critical first, then warning, then info; within a severity by first time (timeless last), then id.
void sortFindings(std::vector<Finding> &findings);

} // namespace hs::kb
