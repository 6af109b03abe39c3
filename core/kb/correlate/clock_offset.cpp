// SPDX-License-Identifier: MIT
// Clock offset of a capture/export against the server's logs, estimated from requests both saw.
//
// Each captured request votes for offsets "W3C completion − captured response end" with the W3C
// lines of the same method, path, port (and client, when visible) within the search range. Wrong
// pairings scatter; right ones pile up, so the densest 2.5 s window wins (a Hough-style vote), and
// the estimate is the median of that window with its median absolute deviation as the spread.
// Requests with too many candidates (a client polling the same URL) are ambiguous and do not vote.
#include "kb/correlate/candidates.h"
#include "tasks/analyze.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace hs::kb {
namespace {

constexpr std::size_t kMaxVoters = 4000;           // sampled transactions per source
constexpr std::size_t kMaxCandidatesPerVoter = 16; // more than this: ambiguous, no vote
constexpr std::uint64_t kMinSupport = 3;

struct Vote {
    TimeUs offset;
    std::uint32_t voter;
    LogRef ref;
};

TimeUs median(std::vector<TimeUs> v)
{
    if (v.empty())
        return 0;
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

// The middle of the region covered by the most intervals [o - halfWidth, o + halfWidth].
TimeUs densestPoint(const std::vector<TimeUs> &centres, TimeUs halfWidth)
{
    std::vector<std::pair<TimeUs, int>> edges;
    edges.reserve(centres.size() * 2);
    for (const TimeUs c : centres) {
        edges.emplace_back(c - halfWidth, +1);
        edges.emplace_back(c + halfWidth, -1);
    }
    // Starts before ends at the same instant: touching intervals overlap.
    std::sort(edges.begin(), edges.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first < b.first : a.second > b.second;
    });
    int depth = 0, best = -1;
    TimeUs from = 0, to = 0;
    for (std::size_t i = 0; i < edges.size(); ++i) {
        depth += edges[i].second;
        if (edges[i].second > 0 && depth > best) {
            best = depth;
            from = edges[i].first;
            to = i + 1 < edges.size() ? edges[i + 1].first : edges[i].first;
        }
    }
    return from + (to - from) / 2;
}

bool suffixMatch(std::string_view path, std::string_view pattern)
{
    if (pattern.empty() || pattern.size() > path.size())
        return false;
    return path.substr(path.size() - pattern.size()) == pattern;
}

// Transactions of one source that can vote: a response and a request key the logs also have,
// thinned evenly to kMaxVoters.
std::vector<std::uint32_t> votersOf(const Analysis &a, const CandidateIndex &index, const Source &src)
{
    const CaptureData &cap = *src.capture;
    std::vector<std::uint32_t> sample;
    for (std::uint32_t i = 0; i < cap.transactionCount; ++i) {
        const std::uint32_t ti = cap.firstTransaction + i;
        const Transaction &t = a.transactions[ti];
        if (t.hasResponse && t.responseEndTime != kNoTime && index.transactionKeys[ti] != RequestKeys::kNoKey &&
            index.byKey.count(index.transactionKeys[ti]))
            sample.push_back(ti);
    }
    if (sample.size() > kMaxVoters) {
        std::vector<std::uint32_t> thinned;
        const double step = static_cast<double>(sample.size()) / kMaxVoters;
        for (std::size_t k = 0; k < kMaxVoters; ++k)
            thinned.push_back(sample[static_cast<std::size_t>(static_cast<double>(k) * step)]);
        sample.swap(thinned);
    }
    return sample;
}

// Are this source's client addresses in the logs at all (not hidden behind NAT or a proxy)?
bool clientsVisible(const Analysis &a, Correlation &corr, const CandidateIndex &index,
                    const std::vector<std::uint32_t> &sample, TimeUs range)
{
    std::size_t sameClient = 0;
    for (const std::uint32_t ti : sample) {
        const Transaction &t = a.transactions[ti];
        if (!t.connection.valid())
            continue;
        const Connection &conn = a.connections[t.connection.value];
        const auto &bucket = index.byKey.at(index.transactionKeys[ti]);
        const auto [lo, hi] = candidateRange(bucket, t.responseEndTime - range, t.responseEndTime + range);
        for (std::size_t k = lo; k < hi; ++k)
            if (corr.addresses.resolve(bucket[k].clientIp) == conn.client.ip) {
                if (++sameClient >= kMinSupport)
                    return true;
                break;
            }
    }
    return false;
}

void estimate(Analysis &a, Correlation &corr, CandidateIndex &index, const CorrelateOptions &options, Source &src,
              const std::vector<std::uint32_t> &sample)
{
    ClockOffset result;
    result.source = src.id;
    std::vector<Vote> votes;
    std::uint64_t voters = 0;
    bool wholeSeconds = false;
    for (const std::uint32_t ti : sample) {
        const Transaction &t = a.transactions[ti];
        const auto &bucket = index.byKey.at(index.transactionKeys[ti]);
        const auto [lo, hi] = candidateRange(bucket, t.responseEndTime - options.maxClockOffset,
                                             t.responseEndTime + options.maxClockOffset + kUsPerSecond);
        std::vector<Vote> mine;
        for (std::size_t k = lo; k < hi && mine.size() <= kMaxCandidatesPerVoter; ++k)
            if (candidateFits(a, corr, index, t, bucket[k])) {
                mine.push_back({candidateCompletion(bucket[k]) - t.responseEndTime, ti, bucket[k].ref});
                wholeSeconds |= bucket[k].wholeSeconds;
            }
        if (mine.empty() || mine.size() > kMaxCandidatesPerVoter)
            continue;
        ++voters;
        votes.insert(votes.end(), mine.begin(), mine.end());
    }
    const TimeUs width = wholeSeconds ? 2500 * kUsPerMs : 500 * kUsPerMs;
    std::sort(votes.begin(), votes.end(), [](const Vote &x, const Vote &y) { return x.offset < y.offset; });
    std::size_t bestLo = 0, bestHi = 0;
    for (std::size_t lo = 0, hi = 0; lo < votes.size(); ++lo) {
        while (hi < votes.size() && votes[hi].offset - votes[lo].offset <= width)
            ++hi;
        if (hi - lo > bestHi - bestLo) {
            bestLo = lo;
            bestHi = hi;
        }
    }
    // One vote per transaction inside the window.
    std::vector<TimeUs> offsets;
    std::vector<std::uint32_t> seen;
    std::unordered_map<std::uint32_t, std::uint64_t> refsBySource;
    for (std::size_t k = bestLo; k < bestHi; ++k) {
        if (std::find(seen.begin(), seen.end(), votes[k].voter) != seen.end())
            continue;
        seen.push_back(votes[k].voter);
        offsets.push_back(votes[k].offset);
        ++refsBySource[votes[k].ref.source.value];
    }
    result.matches = offsets.size();
    if (voters == 0)
        return; // nothing in the logs fits these requests: no estimate and nothing to report
    if (offsets.size() < kMinSupport || offsets.size() * 10 < voters * 3) {
        result.note = "not estimated: " + std::to_string(offsets.size()) + " of " + std::to_string(voters) +
                      " candidate requests agree on one offset (need " + std::to_string(kMinSupport) +
                      " and 30 %); times are used as recorded";
        a.clockOffsets.push_back(std::move(result));
        return;
    }
    // Whole-second W3C times only bound each match's offset to a one-second interval (the log
    // truncates the completion time); the point most intervals share is sharper than their median.
    const TimeUs offset = wholeSeconds ? densestPoint(offsets, kUsPerSecond / 2) : median(offsets);
    std::vector<TimeUs> deviations;
    for (const TimeUs o : offsets)
        deviations.push_back(std::llabs(o - offset));
    result.spread = median(deviations);
    std::uint64_t bestRefs = 0;
    for (const auto &[s, n] : refsBySource)
        if (n > bestRefs) {
            bestRefs = n;
            result.reference = SourceId(s);
        }
    // Round to the millisecond: the logs carry no finer truth.
    result.offset = (offset >= 0 ? offset + 500 : offset - 500) / 1000 * 1000;
    const TimeUs resolution = wholeSeconds ? kUsPerSecond : 10 * kUsPerMs;
    if (std::llabs(result.offset) <= resolution) {
        result.note = "clocks agree within the log's time resolution (" + formatDuration(resolution) + ")";
        result.offset = 0;
        a.clockOffsets.push_back(std::move(result));
        return;
    }
    src.clockOffset = result.offset;
    src.clockOffsetApplied = true;
    result.applied = true;
    result.note = "estimated from " + std::to_string(result.matches) + " matching requests (median, spread " +
                  formatDuration(result.spread) + ")";
    a.clockOffsets.push_back(std::move(result));
}

} // namespace

std::optional<TimeUs> manualClockOffset(const Source &source, const CorrelateOptions &options)
{
    if (!options.clockOverrides || !source.capture)
        return std::nullopt;
    std::optional<TimeUs> found;
    for (const ClockOverride &o : *options.clockOverrides)
        if (o.sourcePattern.empty() || o.sourcePattern == "*" || suffixMatch(source.path, o.sourcePattern))
            found = o.offset; // the last matching override wins, like repeated command-line options
    return found;
}

void settleClockOffsets(Analysis &analysis, Correlation &corr, CandidateIndex &index, const CorrelateOptions &options)
{
    for (auto &srcPtr : analysis.sources) {
        Source &src = *srcPtr;
        if (!src.capture || src.capture->transactionCount == 0)
            continue;
        const auto manual = manualClockOffset(src, options);
        const std::vector<std::uint32_t> sample =
            index.empty() ? std::vector<std::uint32_t>{} : votersOf(analysis, index, src);
        index.clientsVisible[src.id.value] =
            clientsVisible(analysis, corr, index, sample, options.maxClockOffset + std::llabs(manual.value_or(0)));
        if (manual) {
            src.clockOffset = *manual;
            src.clockOffsetApplied = true;
            ClockOffset c;
            c.source = src.id;
            c.offset = *manual;
            c.manual = true;
            c.applied = true;
            c.note = "given by the user";
            analysis.clockOffsets.push_back(std::move(c));
            continue;
        }
        if (options.estimateClockOffsets && !sample.empty())
            estimate(analysis, corr, index, options, src, sample);
    }
}

} // namespace hs::kb
