// SPDX-License-Identifier: MIT
// Evidence as the contract wants it (ARCHITECTURE §6): the raw log line with its file and line, or
// a one-line summary of capture evidence with its frame, e.g. "POST /upload → 200 OK → 100 Continue (stray)".
#pragma once

#include "kb/detector.h"

#include <string>

namespace hs::kb {

// "POST /upload" (long targets shortened).
std::string requestText(const DetectContext &ctx, const Transaction &t);
// "200 OK", "417 Expectation Failed".
std::string statusText(const DetectContext &ctx, std::uint16_t status, StrId reason = kEmptyStr);
std::string_view peerName(Peer p) noexcept; // "client" | "server" | "?"

Evidence logEvidence(const DetectContext &ctx, LogRef ref);
Evidence captureEvidence(const DetectContext &ctx, const Transaction &t, std::uint64_t frame, TimeUs rawTime,
                         std::string text);
Evidence connectionEvidence(const DetectContext &ctx, const Connection &c, std::uint64_t frame, TimeUs rawTime,
                            std::string text);

// "curl/8.4.0" or "(no User-Agent)".
std::string userAgentText(const DetectContext &ctx, StrId ua);

} // namespace hs::kb
