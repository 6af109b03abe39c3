// SPDX-License-Identifier: MIT
// W3C ↔ captured/exported request matching, after clock offsets are applied. W3C has no client
// port, so the key is client address + server port + method + path, and time decides: W3C `time`
// is when the response completed (start ≈ time − time-taken). Each W3C line describes at most one
// request; requests are matched in time order to the nearest unused line.
#include "kb/correlate/candidates.h"

#include <cstdlib>

namespace hs::kb {
namespace {

constexpr TimeUs kBefore = 2 * kUsPerSecond; // W3C completion may be up to this before the aligned response end
constexpr TimeUs kAfter = 2 * kUsPerSecond;  // … or after it (ACK wait, jitter)
constexpr TimeUs kStartTolerance = 2 * kUsPerSecond;
constexpr TimeUs kLongestRequest = 10 * kUsPerMinute; // responseless requests: how far to look ahead

} // namespace

void matchW3cToTransactions(const Analysis &analysis, Correlation &corr, const CandidateIndex &index)
{
    corr.w3cForTransaction.assign(analysis.transactions.size(), LogRef{});
    if (index.empty())
        return;
    std::unordered_map<RequestKey, std::vector<bool>> used;
    std::vector<std::uint32_t> order;
    order.reserve(analysis.transactions.size());
    for (const Transaction &t : analysis.transactions)
        if (index.transactionKeys[t.id.value] != RequestKeys::kNoKey && t.requestTime != kNoTime)
            order.push_back(t.id.value);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
        return alignedTime(analysis, analysis.transactions[x].source, analysis.transactions[x].requestTime) <
               alignedTime(analysis, analysis.transactions[y].source, analysis.transactions[y].requestTime);
    });
    for (const std::uint32_t ti : order) {
        const Transaction &t = analysis.transactions[ti];
        const auto it = index.byKey.find(index.transactionKeys[ti]);
        if (it == index.byKey.end())
            continue;
        const auto &bucket = it->second;
        auto &usedFlags = used[it->first];
        if (usedFlags.empty())
            usedFlags.assign(bucket.size(), false);
        const bool byEnd = t.hasResponse && t.responseEndTime != kNoTime;
        const TimeUs anchor = alignedTime(analysis, t.source, byEnd ? t.responseEndTime : t.requestTime);
        const auto [lo, hi] = byEnd ? candidateRange(bucket, anchor - kBefore - kUsPerSecond, anchor + kAfter)
                                    : candidateRange(bucket, anchor - kStartTolerance, anchor + kLongestRequest);
        std::size_t best = hi;
        TimeUs bestScore = 0;
        for (std::size_t k = lo; k < hi; ++k) {
            if (usedFlags[k] || !candidateFits(analysis, corr, index, t, bucket[k]))
                continue;
            const W3cCandidate &c = bucket[k];
            TimeUs score;
            if (byEnd) {
                score = std::llabs(candidateCompletion(c) - anchor);
            } else {
                const TimeUs start = c.time - TimeUs{c.timeTakenMs} * kUsPerMs;
                score = std::llabs(start - anchor);
                if (score > kStartTolerance + (c.wholeSeconds ? kUsPerSecond : 0))
                    continue;
            }
            if (best == hi || score < bestScore) {
                best = k;
                bestScore = score;
            }
        }
        if (best == hi)
            continue;
        usedFlags[best] = true;
        corr.w3cForTransaction[ti] = bucket[best].ref;
        ++corr.w3cMatches;
    }
}

} // namespace hs::kb
