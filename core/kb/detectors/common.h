// SPDX-License-Identifier: MIT
// Small predicates several detectors share.
#pragma once

#include "kb/detector.h"
#include "kb/finding_builder.h"

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace hs::kb {

// Expect value names the 100-continue expectation (RFC 9110: case-insensitive).
bool isContinueExpectation(std::string_view value) noexcept;
// … and is spelled exactly "100-continue", the only spelling HTTP.sys on Windows Server 2003 SP2
// recognised (the expect-100-case-mismatch field report).
bool isLowercaseContinue(std::string_view value) noexcept;
// A comma-separated header value holds `token` (case-insensitive): "Keep-Alive, TE" has "keep-alive".
bool headerHasToken(std::string_view value, std::string_view token) noexcept;
bool hasRequestBody(const Transaction &t) noexcept;
// Interned id of a literal, or StringPool::kNotFound when no record ever used it.
StrId literalId(const DetectContext &ctx, std::string_view text);
// The first interim (1xx) of `status` that is not after the final response; null if none.
const InterimResponse *firstInterim(const Transaction &t, std::uint16_t status = 100) noexcept;
// Milliseconds, for summaries: "1,003 ms".
std::string millis(TimeUs duration);

// Capture hits of a per-request symptom: every hit is counted (time range, connections, W3C and
// HTTPERR support), the first kKept are kept with their one-line summary for the evidence list.
class HitCollector {
public:
    static constexpr std::size_t kKept = 48;

    struct Hit {
        TransactionId tx;
        std::uint64_t frame = 0;
        TimeUs time = kNoTime; // raw (capture clock)
        std::string text;
    };

    template <typename MakeText>
    void add(const DetectContext &ctx, const Transaction &t, std::uint64_t frame, TimeUs rawTime, MakeText &&makeText)
    {
        record(ctx, t, rawTime);
        if (kept_.size() < kKept)
            kept_.push_back({t.id, frame, rawTime, makeText()});
    }

    bool empty() const noexcept { return count_ == 0; }
    std::uint64_t count() const noexcept { return count_; }
    std::uint64_t w3cMatched() const noexcept { return w3c_; }
    std::uint64_t httpErrOnConnections() const noexcept { return httpErr_; }
    const std::vector<Hit> &kept() const noexcept { return kept_; }

    // Connections, time range and evidence into the finding: each kept hit's summary, followed by
    // its matched W3C line and (when citeHttpErr) the HTTPERR lines on its connection.
    void cite(const DetectContext &ctx, FindingBuilder &b, bool citeHttpErr) const;

private:
    void record(const DetectContext &ctx, const Transaction &t, TimeUs rawTime);

    std::uint64_t count_ = 0, w3c_ = 0, httpErr_ = 0;
    TimeUs first_ = kNoTime, last_ = kNoTime;
    std::vector<Hit> kept_;
    std::vector<ConnectionId> connections_;
    std::unordered_set<std::uint32_t> seenConnections_;
};

} // namespace hs::kb
