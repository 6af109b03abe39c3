// SPDX-License-Identifier: MIT
// The analysis JSON contract, schema httpsleuth.analysis/1 (ARCHITECTURE §6).
#pragma once

#include "model/analysis.h"

#include <ostream>

namespace hs {

class Redactor;

struct JsonOptions {
    bool pretty = true;
    std::size_t maxProblemsPerSource = 200; // the rest is counted in problems_total
    Redactor *redactor = nullptr;           // `--redact`: the same pseudonyms as the HTML report
};

void writeAnalysisJson(const Analysis &analysis, std::ostream &out, const JsonOptions &options = {});

inline constexpr const char *kAnalysisSchema = "httpsleuth.analysis/1";

} // namespace hs
