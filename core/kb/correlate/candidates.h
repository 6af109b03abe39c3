// SPDX-License-Identifier: MIT
// Internal to correlation: the W3C lines that may describe captured requests, bucketed by request
// key and sorted by time, plus the per-transaction keys. Shared by the clock-offset estimate and the
// W3C ↔ transaction matcher.
#pragma once

#include "kb/correlate/correlation.h"

#include <optional>
#include <unordered_map>
#include <vector>

namespace hs::kb {

struct CandidateIndex {
    std::unordered_map<RequestKey, std::vector<W3cCandidate>> byKey; // each sorted by time
    std::vector<RequestKey> transactionKeys;                         // by transaction index
    // Per capture/export source: whether its client addresses appear in the W3C logs at all. When
    // they do not (NAT, a proxy in between, HAR without addresses), matching ignores c-ip.
    std::unordered_map<std::uint32_t, bool> clientsVisible;
    bool empty() const noexcept { return byKey.empty(); }
};

// W3C completion time adjusted for the log's resolution: a whole-second time was truncated, so the
// true completion lies on average half a second later.
inline TimeUs candidateCompletion(const W3cCandidate &c)
{
    return c.time + (c.wholeSeconds ? 500 * kUsPerMs : 0);
}

// The W3C lines of `key` whose time lies in [from, to], as an index range into the bucket.
std::pair<std::size_t, std::size_t> candidateRange(const std::vector<W3cCandidate> &bucket, TimeUs from, TimeUs to);

// Whether candidate `c` may describe transaction `t` apart from time: same server port (when both
// are known) and the same client address when the source's clients are visible in the logs.
bool candidateFits(const Analysis &a, Correlation &corr, const CandidateIndex &index, const Transaction &t,
                   const W3cCandidate &c);

// The user's offset for this capture/export source (ClockOverride: "*" or a suffix of its path).
std::optional<TimeUs> manualClockOffset(const Source &source, const CorrelateOptions &options);

void settleClockOffsets(Analysis &analysis, Correlation &corr, CandidateIndex &index, const CorrelateOptions &options);
void matchW3cToTransactions(const Analysis &analysis, Correlation &corr, const CandidateIndex &index);

} // namespace hs::kb
