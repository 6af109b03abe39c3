// SPDX-License-Identifier: MIT
// Turns a knowledge-base sample (W3C lines, HTTPERR lines, capture script) into an Analysis as the
// real pipeline would produce it: log lines go through the real W3C/HTTPERR readers, capture
// scripts become CaptureData, captures are joined, summaries computed. Then diagnose() runs on it.
#pragma once

#include "kb/catalog.h"
#include "model/analysis.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hs::kb {

// Log lines of a sample, with the one shorthand the sample language adds for bursts:
//   "@repeat N every SECONDS <log line>"  →  N copies, the line's leading date and time advanced by
//   SECONDS each time (whole seconds, as IIS writes them), "{k}" replaced by 0…N-1 and "{k+B}" by
//   B…B+N-1 (distinct client ports, for example). Other lines pass through unchanged.
std::optional<std::vector<std::string>> expandLogLines(const std::vector<std::string> &lines, std::string &error);

// nullptr and `error` set when a capture script cannot be built (bad address or time).
std::unique_ptr<Analysis> buildSampleAnalysis(const Sample &sample, std::string &error);

} // namespace hs::kb
