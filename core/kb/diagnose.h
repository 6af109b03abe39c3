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
    unsigned threads = 0; // for correlation's passes over the logs (0: one per hardware thread)
};

Correlation correlateSources(Analysis &analysis, const KnowledgeBase &kb, const DiagnoseOptions &options,
                             const CancelToken &cancel);
// Appends to analysis.findings and sorts them.
void detectSymptoms(Analysis &analysis, const KnowledgeBase &kb, Correlation &correlation, const CancelToken &cancel);
void diagnose(Analysis &analysis, const KnowledgeBase &kb, const DiagnoseOptions &options, const CancelToken &cancel);

// Critical first, then warning, then info; within a severity by first time (timeless last), then id.
void sortFindings(std::vector<Finding> &findings);

} // namespace hs::kb
