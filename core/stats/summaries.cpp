// SPDX-License-Identifier: MIT
#include "stats/summaries.h"

#include "model/status_counts.h"
#include "stats/id_counter.h"
#include "stats/top_counted.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <future>
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

struct ReasonAcc {
    ReasonSummary summary;
    StatusCounts statuses; // folded into summary.statuses at the end
    IdCounter clients;
    IdCounter uris;
};

// How many records ahead the counters' slots are loaded (see IdCounter::prefetch): far enough for a
// load from memory to land, near enough that it is still cached when its record comes.
constexpr std::size_t kPrefetchAhead = 16;

// The accumulator of each HTTPERR context of every source (a file has a few hundred contexts):
// resolved before the passes, so both read it without locks.
std::vector<std::vector<ReasonAcc *>> accumulatorsOfContexts(const Analysis &analysis,
                                                             std::deque<std::pair<StrId, ReasonAcc>> &reasons)
{
    // Few distinct reasons: a short list, searched once per context, not per line.
    auto accFor = [&](StrId reason) -> ReasonAcc & {
        for (auto &[id, acc] : reasons)
            if (id == reason)
                return acc;
        return reasons.emplace_back(reason, ReasonAcc{}).second;
    };
    std::vector<std::vector<ReasonAcc *>> bySource(analysis.sources.size());
    for (std::size_t s = 0; s < analysis.sources.size(); ++s) {
        const Source &src = *analysis.sources[s];
        if (!src.log)
            continue;
        for (const HttpErrContext &context : src.log->httpErrContexts)
            bySource[s].push_back(&accFor(context.reason));
    }
    return bySource;
}

// Counts each reason's URIs; runs beside countSourcesAndReasons, which counts the clients. The two
// record loops are written out on purpose: one shared walk taking the prefetch and the count as
// callbacks made summarise 0.54-0.57 s instead of 0.29-0.38 s (bench_kb_stages, 1 GB HTTPERR).
void countReasonUris(const Analysis &analysis, const std::vector<std::vector<ReasonAcc *>> &accOfContext)
{
    for (std::size_t s = 0; s < analysis.sources.size(); ++s) {
        const Source &src = *analysis.sources[s];
        if (!src.log)
            continue;
        const std::vector<ReasonAcc *> &accOf = accOfContext[s];
        for (const auto &segment : src.log->httpErr.segments()) {
            const std::size_t n = segment.size();
            for (std::size_t i = 0; i < n; ++i) {
                if (i + kPrefetchAhead < n) {
                    const HttpErrRecord &ahead = segment[i + kPrefetchAhead];
                    accOf[ahead.context]->uris.prefetch(ahead.uri);
                }
                const HttpErrRecord &r = segment[i];
                if (r.uri != kEmptyStr)
                    accOf[r.context]->uris.add(r.uri);
            }
        }
    }
}

// The ranking of each reason's URIs, then its table freed (the next reason's must not stack on it).
void rankReasonUris(const Analysis &analysis, std::deque<std::pair<StrId, ReasonAcc>> &reasons)
{
    for (auto &entry : reasons) {
        ReasonAcc &acc = entry.second;
        acc.summary.topUris = topCountedOf<StrId>([&](auto &&fn) { acc.uris.forEach(fn); }, 10,
                                                  [&](StrId id) { return analysis.str(id); });
        acc.uris = IdCounter{};
    }
}

// Everything but the URIs and the time range: status codes per source, and per reason the count, time range, status
// codes and clients.
void countSourcesAndReasons(Analysis &analysis, const std::vector<std::vector<ReasonAcc *>> &accOfContext)
{
    analysis.statusSummaries.clear();
    for (std::size_t s = 0; s < analysis.sources.size(); ++s) {
        const auto &src = analysis.sources[s];
        StatusSummary status;
        status.source = src->id;
        auto tally = std::make_unique<StatusCounts>();
        // The text readers counted their records' statuses already.
        const bool counted = src->log && src->log->statusCounts;
        if (counted)
            tally->merge(*src->log->statusCounts);
        if (src->log) {
            if (!counted)
                src->log->access.forEach([&](const AccessRecord &r) { tally->add(r.status); });
            const std::vector<ReasonAcc *> &accOf = accOfContext[s];
            for (const auto &segment : src->log->httpErr.segments()) {
                const std::size_t n = segment.size();
                for (std::size_t i = 0; i < n; ++i) {
                    if (i + kPrefetchAhead < n) {
                        const HttpErrRecord &ahead = segment[i + kPrefetchAhead];
                        accOf[ahead.context]->clients.prefetch(ahead.clientIp.code());
                    }
                    const HttpErrRecord &r = segment[i];
                    if (!counted)
                        tally->add(r.status);
                    ReasonAcc &acc = *accOf[r.context];
                    ReasonSummary &sum = acc.summary;
                    ++sum.count;
                    widenTimeRange(sum.first, sum.last, r.time);
                    acc.statuses.add(r.status);
                    acc.clients.add(r.clientIp.code());
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
}

} // namespace

void computeAnalysisRange(Analysis &analysis)
{
    analysis.first = analysis.last = kNoTime;
    for (const auto &src : analysis.sources) {
        if (src->first == kNoTime)
            continue;
        widenTimeRange(analysis.first, analysis.last, src->first + src->clockOffset);
        widenTimeRange(analysis.first, analysis.last, src->last + src->clockOffset);
    }
}

void computeSummaries(Analysis &analysis, unsigned threads, SummaryRange range, const std::function<void()> &alongside)
{
    if (range == SummaryRange::Compute)
        computeAnalysisRange(analysis);
    // A deque: accumulators are held by pointer while reasons are added.
    std::deque<std::pair<StrId, ReasonAcc>> reasons;
    const std::vector<std::vector<ReasonAcc *>> accOfContext = accumulatorsOfContexts(analysis, reasons);
    // The URIs are counted and ranked on a second thread while this one counts and ranks the
    // clients: each half waits on its own table's cache misses (summarise took 0.41 s on one
    // thread, 0.33-0.36 s on two, for 1 GB of HTTPERR). The halves share no field: the URI half
    // touches only ReasonAcc::uris and summary.topUris. `alongside` runs on the second thread
    // first, so the URI half goes to whichever thread is free first: for an HTTPERR log alone,
    // whose correlation is short (0.16 s for 1 GB), the second one; beside a W3C log, whose
    // correlation passes take longer, usually this one.
    std::atomic<bool> urisTaken{false};
    const auto uriHalf = [&] {
        if (urisTaken.exchange(true))
            return;
        countReasonUris(analysis, accOfContext);
        rankReasonUris(analysis, reasons);
    };
    const auto secondThread = [&] {
        if (alongside)
            alongside();
        uriHalf();
    };
    // A std::async future waits for its task when destroyed, also when the client half throws;
    // get() rethrows what the second thread threw.
    std::future<void> second;
    if (threads != 1)
        second = std::async(std::launch::async, secondThread);
    countSourcesAndReasons(analysis, accOfContext);
    for (auto &entry : reasons) {
        ReasonAcc &acc = entry.second; // not a structured binding: lambdas below capture it (clang < 16)
        acc.summary.topClients =
            topCountedOf<std::uint32_t>([&](auto &&fn) { acc.clients.forEach(fn); }, 10,
                                        [&](std::uint32_t code) { return analysis.addr(LogAddress::fromCode(code)); });
        acc.clients = IdCounter{};
    }
    uriHalf();
    if (second.valid())
        second.get();
    else
        secondThread();

    analysis.httpErrReasons.clear();
    for (auto &entry : reasons) {
        const StrId reason = entry.first;
        ReasonAcc &acc = entry.second;
        if (acc.summary.count == 0)
            continue; // every context is resolved up front; a stopped read can leave one without rows
        acc.statuses.into(acc.summary.statuses);
        acc.summary.reason = reason == kEmptyStr ? std::string("(none)") : std::string(analysis.str(reason));
        analysis.httpErrReasons.push_back(std::move(acc.summary));
    }
    std::sort(analysis.httpErrReasons.begin(), analysis.httpErrReasons.end(),
              [](const ReasonSummary &a, const ReasonSummary &b) {
                  return a.count != b.count ? a.count > b.count : a.reason < b.reason;
              });
}

} // namespace hs
