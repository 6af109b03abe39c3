// SPDX-License-Identifier: MIT
// Helpers for the knowledge-base tests: build an analysis from sample-language lines and diagnose it.
#pragma once

#include "kb/catalog.h"
#include "model/analysis.h"
#include "tasks/analyze.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hs::test {

const kb::KnowledgeBase &builtinKb();

struct Lines {
    std::vector<std::string> w3c, httperr, capture;
};

// Builds the analysis (real log readers, capture script), runs correlation and every detector.
std::unique_ptr<Analysis> diagnoseLines(const Lines &lines, const std::vector<ClockOverride> *overrides = nullptr);
std::unique_ptr<Analysis> diagnoseSample(const kb::Sample &sample, std::string &error);

const Finding *findingById(const Analysis &a, std::string_view id);
std::vector<const Finding *> findingsById(const Analysis &a, std::string_view id);
// "kb898708 (high, critical), …" for failure messages.
std::string describeFindings(const Analysis &a);
// The source kind an evidence item cites: "capture", "w3c", "httperr" or "".
std::string evidenceKind(const Analysis &a, const Evidence &e);
// Findings at warning or above.
std::vector<const Finding *> alarms(const Analysis &a);

// Standard headers for hand-written log lines.
std::vector<std::string> w3cHeader(std::string_view software = "Microsoft Internet Information Services 6.0");
std::vector<std::string> httpErrHeader();

} // namespace hs::test
