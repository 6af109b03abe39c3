// SPDX-License-Identifier: MIT
#include "kb/diagnose.h"

#include "kb/detector.h"
#include "tasks/cancel.h"

#include <algorithm>
#include <exception>

namespace hs::kb {

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
    // Reason names are matched case-insensitively by detectors; HTTP.sys writes them in one spelling.
    for (const SymptomEntry &e : kb.symptoms())
        for (const auto &r : e.httpErrReasons)
            if (std::find(co.indexReasons.begin(), co.indexReasons.end(), r) == co.indexReasons.end())
                co.indexReasons.push_back(r);
    for (const Win32Entry &w : kb.win32())
        if (w.connectionProblem && w.code <= 0xffffffffu)
            co.connectionWin32Codes.push_back(static_cast<std::uint32_t>(w.code));
    return correlate(analysis, co, cancel);
}

void detectSymptoms(Analysis &analysis, const KnowledgeBase &kb, Correlation &correlation, const CancelToken &cancel)
{
    auto detectors = createDetectors(kb);
    DetectContext ctx{analysis, kb, correlation};
    const auto &txs = analysis.transactions;
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
    std::vector<Finding> found;
    for (auto &d : detectors) {
        // A detector bug must not cost the user the whole analysis; its findings are lost instead.
        try {
            d->finish(ctx, found);
        } catch (const std::exception &) {
        }
    }
    for (auto &f : found)
        analysis.findings.push_back(std::move(f));
    sortFindings(analysis.findings);
}

void diagnose(Analysis &analysis, const KnowledgeBase &kb, const DiagnoseOptions &options, const CancelToken &cancel)
{
    Correlation correlation = correlateSources(analysis, kb, options, cancel);
    detectSymptoms(analysis, kb, correlation, cancel);
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
