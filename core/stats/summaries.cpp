// SPDX-License-Identifier: MIT
#include "stats/summaries.h"

#include "stats/id_counter.h"
#include "stats/top_counted.h"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <memory>
#include <unordered_map>

namespace hs {

std::vector<CountedValue> topValues(const std::unordered_map<std::string, std::uint64_t> &counts, std::size_t n)
{
    std::vector<CountedValue> v;
    v.reserve(counts.size());
    for (const auto &[value, count] : counts)
        v.push_back({value, count});
    const std::size_t keep = std::min(n, v.size());
    std::partial_sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(keep), v.end(),
                      [](const CountedValue &a, const CountedValue &b) {
                          return a.count != b.count ? a.count > b.count : a.value < b.value;
                      });
    v.resize(keep);
    return v;
}

namespace {

// Status codes per record: a flat array for the 0..999 range (std::map per record was the cost).
struct StatusTally {
    std::array<std::uint64_t, 1000> counts{};
    std::map<std::uint16_t, std::uint64_t> other;
    void add(std::uint16_t status)
    {
        if (status < counts.size())
            ++counts[status];
        else
            ++other[status];
    }
    void into(std::map<std::uint16_t, std::uint64_t> &out) const
    {
        for (std::size_t i = 0; i < counts.size(); ++i)
            if (counts[i])
                out[static_cast<std::uint16_t>(i)] += counts[i];
        for (const auto &[k, v] : other)
            out[k] += v;
    }
};

struct ReasonAcc {
    ReasonSummary summary;
    StatusTally statuses; // folded into summary.statuses at the end
    IdCounter clients;
    IdCounter uris;
};

// How many records ahead the counters' slots are loaded (see IdCounter::prefetch): far enough for a
// load from memory to land, near enough that it is still cached when its record comes.
constexpr std::size_t kPrefetchAhead = 16;

} // namespace

void computeSummaries(Analysis &analysis)
{
    // Few distinct reasons, each looked up once per HTTPERR context (accOfContext below), not per
    // line: a short list. A deque, because accumulators are held by pointer while reasons are added.
    std::deque<std::pair<StrId, ReasonAcc>> reasons;
    auto accFor = [&](StrId reason) -> ReasonAcc & {
        for (auto &[id, acc] : reasons)
            if (id == reason)
                return acc;
        return reasons.emplace_back(reason, ReasonAcc{}).second;
    };
    analysis.statusSummaries.clear();
    for (const auto &src : analysis.sources) {
        if (src->first != kNoTime) {
            widenTimeRange(analysis.first, analysis.last, src->first + src->clockOffset);
            widenTimeRange(analysis.first, analysis.last, src->last + src->clockOffset);
        }
        StatusSummary status;
        status.source = src->id;
        auto tally = std::make_unique<StatusTally>();
        if (src->log) {
            src->log->access.forEach([&](const AccessRecord &r) { tally->add(r.status); });
            // A file has a few hundred contexts: resolve each one's accumulator once.
            const LogData &log = *src->log;
            std::vector<ReasonAcc *> accOfContext(log.httpErrContexts.size(), nullptr);
            for (const auto &segment : log.httpErr.segments()) {
                const std::size_t n = segment.size();
                for (std::size_t i = 0; i < n; ++i) {
                    if (i + kPrefetchAhead < n) {
                        const HttpErrRecord &ahead = segment[i + kPrefetchAhead];
                        if (const ReasonAcc *acc = accOfContext[ahead.context]) {
                            acc->clients.prefetch(ahead.clientIp.code());
                            acc->uris.prefetch(ahead.uri);
                        }
                    }
                    const HttpErrRecord &r = segment[i];
                    tally->add(r.status);
                    ReasonAcc *&cached = accOfContext[r.context];
                    if (!cached)
                        cached = &accFor(log.context(r).reason);
                    ReasonAcc &acc = *cached;
                    ReasonSummary &s = acc.summary;
                    ++s.count;
                    widenTimeRange(s.first, s.last, r.time);
                    acc.statuses.add(r.status);
                    acc.clients.add(r.clientIp.code());
                    if (r.uri != kEmptyStr)
                        acc.uris.add(r.uri);
                }
            }
        }
        if (src->capture) {
            const CaptureData &c = *src->capture;
            for (std::uint32_t i = 0; i < c.transactionCount; ++i) {
                const Transaction &t = analysis.transactions[c.firstTransaction + i];
                if (t.hasResponse)
                    tally->add(t.status);
            }
        }
        tally->into(status.byStatus);
        if (!status.byStatus.empty())
            analysis.statusSummaries.push_back(std::move(status));
    }
    analysis.httpErrReasons.clear();
    for (auto &entry : reasons) {
        const StrId reason = entry.first;
        ReasonAcc &acc = entry.second; // not a structured binding: lambdas below capture it (clang < 16)
        acc.statuses.into(acc.summary.statuses);
        acc.summary.reason = reason == kEmptyStr ? std::string("(none)") : std::string(analysis.str(reason));
        acc.summary.topClients =
            topCountedOf<std::uint32_t>([&](auto &&fn) { acc.clients.forEach(fn); }, 10,
                                        [&](std::uint32_t code) { return analysis.addr(LogAddress::fromCode(code)); });
        acc.summary.topUris = topCountedOf<StrId>([&](auto &&fn) { acc.uris.forEach(fn); }, 10,
                                                  [&](StrId id) { return analysis.str(id); });
        // Done with this reason's tables: the next reason's ranking must not stack on them.
        acc.clients = IdCounter{};
        acc.uris = IdCounter{};
        analysis.httpErrReasons.push_back(std::move(acc.summary));
    }
    std::sort(analysis.httpErrReasons.begin(), analysis.httpErrReasons.end(),
              [](const ReasonSummary &a, const ReasonSummary &b) {
                  return a.count != b.count ? a.count > b.count : a.reason < b.reason;
              });
}

} // namespace hs
