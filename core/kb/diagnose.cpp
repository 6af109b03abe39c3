// SPDX-License-Identifier: MIT
#include "kb/diagnose.h"

#include "kb/detector.h"
#include "tasks/cancel.h"
#include "tasks/task_pool.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace hs::kb {
namespace {

// Below this many log lines the detectors take a few milliseconds in all: not worth a thread.
constexpr std::uint64_t kParallelDetectRecords = 200'000;

} // namespace

Correlation correlateSources(Analysis &analysis, const KnowledgeBase &kb, const DiagnoseOptions &options,
                             const CancelToken &cancel)
{
    CorrelateOptions co;
    co.clockOverrides = options.clockOverrides;
    co.estimateClockOffsets = options.estimateClockOffsets;
    co.threads = options.threads;
    // What detectors will ask the single W3C pass for, taken from the knowledge base.
    if (const SymptomEntry *e = kb.symptom("chunked-post-reset"))
        co.watchPostsForReasons = e->httpErrReasons;
    // The reasons detectors read line by line; the others (Timer_ConnectionIdle: 7 M lines on a
    // busy day, 56 MB of index) are only counted and tied to connections. Reason names are matched
    // case-insensitively by detectors; HTTP.sys writes them in one spelling.
    for (const auto &detector : createDetectors(kb))
        for (const auto &r : detector->reasonsRead())
            if (std::find(co.indexReasons.begin(), co.indexReasons.end(), r) == co.indexReasons.end())
                co.indexReasons.push_back(r);
    for (const Win32Entry &w : kb.win32())
        if (w.connectionProblem && w.code <= 0xffffffffu)
            co.connectionWin32Codes.push_back(static_cast<std::uint32_t>(w.code));
    return correlate(analysis, co, cancel);
}

void detectSymptoms(Analysis &analysis, const KnowledgeBase &kb, Correlation &correlation, const CancelToken &cancel,
                    unsigned threads)
{
    auto detectors = createDetectors(kb);
    DetectContext ctx{analysis, kb, correlation, correlation.addresses};
    const auto &txs = analysis.transactions;
    // Connection by connection, every detector: one pass over the transactions, not twenty.
    for (std::size_t i = 0; i < analysis.connections.size(); ++i) {
        if ((i & 0xfff) == 0 && cancel.cancelled())
            return;
        const Connection &c = analysis.connections[i];
        if (c.firstTransaction > txs.size() || c.transactionCount > txs.size() - c.firstTransaction)
            continue; // a reader broke the contract; skip rather than read out of bounds
        const std::span<const Transaction> span(txs.data() + c.firstTransaction, c.transactionCount);
        for (auto &d : detectors)
            d->onConnection(ctx, &c, span);
    }
    for (const Transaction &t : txs)
        if (!t.connection.valid())
            for (auto &d : detectors)
                d->onConnection(ctx, nullptr, std::span<const Transaction>(&t, 1));

    // finish() is where the log-driven detectors go through their HTTPERR and W3C lines, and the
    // detectors share nothing mutable but the address cache: on big logs they run on several
    // threads, each with its own cache, and their findings are joined in detector order.
    std::vector<std::vector<Finding>> found(detectors.size());
    const auto finish = [&](std::size_t i, AddressCache &addresses) {
        DetectContext local{analysis, kb, correlation, addresses};
        // A detector bug must not cost the user the whole analysis; its findings are lost instead.
        try {
            detectors[i]->finish(local, found[i]);
        } catch (const std::exception &) {
        }
    };
    const bool bigLogs = correlation.httpErr.total + correlation.w3c.records >= kParallelDetectRecords;
    const unsigned wanted = threads ? threads : bigLogs ? std::max(1u, std::thread::hardware_concurrency()) : 1;
    const auto workers = static_cast<unsigned>(std::min<std::size_t>(wanted, detectors.size()));
    if (workers <= 1) {
        for (std::size_t i = 0; i < detectors.size() && !cancel.cancelled(); ++i)
            finish(i, correlation.addresses);
    } else {
        TaskPool pool(workers - 1); // the waiting thread is the last worker
        std::atomic<std::size_t> next{0};
        parallelFor(pool, workers, [&](std::size_t) {
            AddressCache addresses(*analysis.strings);
            for (std::size_t i = next.fetch_add(1); i < detectors.size() && !cancel.cancelled(); i = next.fetch_add(1))
                finish(i, addresses);
        });
    }
    if (cancel.cancelled())
        return;
    for (auto &fs : found)
        for (auto &f : fs)
            analysis.findings.push_back(std::move(f));
    sortFindings(analysis.findings);
}

void diagnose(Analysis &analysis, const KnowledgeBase &kb, const DiagnoseOptions &options, const CancelToken &cancel)
{
    Correlation correlation = correlateSources(analysis, kb, options, cancel);
    detectSymptoms(analysis, kb, correlation, cancel, options.threads);
}

void sortFindings(std::vector<Finding> &findings)
{
    std::stable_sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (a.first != b.first) {
            if (a.first == kNoTime)
                return false;
            if (b.first == kNoTime)
                return true;
            return a.first < b.first;
        }
        return a.id < b.id;
    });
}

} // namespace hs::kb
