// SPDX-License-Identifier: MIT
// Compact request/response diagrams for the evidence of a finding, built from a Transaction:
//   POST /upload → 100 Continue → 200 OK → 100 Continue (stray) → RST by server
#pragma once

#include "model/analysis.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hs::html {

struct Context;

struct TxStep {
    enum class Kind { Request, Interim, Final, Stray, Missing, End, EndError };
    Kind kind = Kind::Request;
    std::string label; // "POST /upload", "100 Continue", "200 OK", "RST by server"
    TimeUs time = kNoTime;
    std::uint64_t frame = 0;
};

// The steps of one transaction in wire order. `target` rewrites the request-target (redaction).
std::vector<TxStep> transactionSteps(const Analysis &analysis, const Transaction &t,
                                     const std::function<std::string(std::string_view)> &target = {});

// "POST → 200 OK → 100 Continue (stray)": method only, for one-line summaries.
std::string transactionSummary(const std::vector<TxStep> &steps);

// The diagram, a line of request facts, and the raw header blocks (when the capture kept them).
void writeTransaction(Context &c, const Transaction &t);

} // namespace hs::html
