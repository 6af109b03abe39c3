// SPDX-License-Identifier: MIT
#include "tasks/analyze.h"

#include "formats/registry.h"
#include "formats/text_scan.h"
#include "kb/catalog.h"
#include "kb/correlate/record_slices.h"
#include "kb/diagnose.h"
#include "stats/summaries.h"
#include "tasks/cancel.h"
#include "tasks/discover.h"
#include "tasks/open_input.h"
#include "tasks/progress.h"
#include "tasks/task_pool.h"

#include <algorithm>
#include <exception>
#include <future>
#include <numeric>
#include <optional>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace hs {
namespace {

// Hands memory that other threads freed back to the OS: glibc keeps it in those threads' malloc
// arenas, where the next stage's allocations on other threads do not reuse it, and the peak of
// anonymous memory grows by it.
void returnFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

// Readers must not throw for bad input; if one does (a bug, or memory exhaustion), the source
// keeps what it had and says so instead of the whole analysis failing.
void readGuarded(const FormatReader &reader, ReadContext &ctx)
{
    try {
        reader.read(ctx);
    } catch (const std::bad_alloc &) {
        ctx.source.problems.add(Problem{0, Problem::kNoOffset, 0, ProblemLevel::Error, "internal",
                                        "out of memory while reading this file; results are partial"});
    } catch (const std::exception &e) {
        ctx.source.problems.add(Problem{0, Problem::kNoOffset, 0, ProblemLevel::Error, "internal",
                                        std::string("internal error while reading: ") + e.what()});
    }
}

void readPhase(Analysis &analysis, const std::vector<Source *> &sources, const FormatRegistry &registry,
               const AnalyzeOptions &options, const CancelToken &cancel, Progress &progress, TaskPool &pool)
{
    std::vector<Source *> order = sources;
    // Largest first: the long pole starts early and small files fill the gaps.
    std::stable_sort(order.begin(), order.end(),
                     [](const Source *a, const Source *b) { return a->bytes.size() > b->bytes.size(); });
    TaskGroup group(pool);
    for (Source *src : order) {
        group.run([&, src] {
            if (cancel.stopRequested())
                return;
            ReadContext ctx{*src, *analysis.strings, cancel, progress, pool, options.read};
            readGuarded(*registry.reader(src->format), ctx);
            progress.fileDone();
        });
    }
    group.wait();
}

// Moves each capture's connections/transactions into the analysis, rebasing ids.
void joinCaptures(Analysis &analysis)
{
    for (auto &src : analysis.sources) {
        if (!src->capture)
            continue;
        CaptureData &c = *src->capture;
        const auto connBase = static_cast<std::uint32_t>(analysis.connections.size());
        const auto txBase = static_cast<std::uint32_t>(analysis.transactions.size());
        c.firstConnection = connBase;
        c.connectionCount = static_cast<std::uint32_t>(c.connections.size());
        c.firstTransaction = txBase;
        c.transactionCount = static_cast<std::uint32_t>(c.transactions.size());
        for (auto &conn : c.connections) {
            conn.id = ConnectionId(static_cast<std::uint32_t>(analysis.connections.size()));
            conn.source = src->id;
            conn.firstTransaction += txBase;
            analysis.connections.push_back(std::move(conn));
        }
        for (auto &t : c.transactions) {
            t.id = TransactionId(static_cast<std::uint32_t>(analysis.transactions.size()));
            if (t.connection.valid())
                t.connection = ConnectionId(t.connection.value + connBase);
            t.source = src->id;
            analysis.transactions.push_back(std::move(t));
        }
        c.connections.clear();
        c.connections.shrink_to_fit();
        c.transactions.clear();
        c.transactions.shrink_to_fit();
    }
}

template <typename Store>
bool hasRecords(const Analysis &analysis, Store LogData::*store)
{
    return std::any_of(analysis.sources.begin(), analysis.sources.end(),
                       [&](const auto &src) { return src->log && (src->log.get()->*store).size() > 0; });
}

} // namespace

std::unique_ptr<Analysis> analyze(const AnalyzeOptions &options, const CancelToken &cancel, Progress &progress)
{
    auto analysis = std::make_unique<Analysis>();
    for (const auto &in : options.inputs) {
        const std::u8string s = in.generic_u8string();
        analysis->inputs.emplace_back(reinterpret_cast<const char *>(s.data()), s.size());
    }
    if (options.inputs.size() == 1) {
        const auto name = std::filesystem::absolute(options.inputs.front()).lexically_normal();
        const std::u8string s = (name.has_filename() ? name.filename() : name.parent_path().filename()).u8string();
        analysis->rootLabel.assign(reinterpret_cast<const char *>(s.data()), s.size());
    }
    TaskPool pool(options.threads > 1 ? options.threads - 1 : options.threads == 1 ? 1 : 0);

    progress.setStage(Stage::Scanning);
    DiscoveryResult found = discoverInputs(options.inputs, cancel, progress);
    analysis->skipped = std::move(found.skipped);
    if (cancel.cancelled())
        return nullptr;

    const FormatRegistry registry = FormatRegistry::createDefault();
    std::vector<OpenedInput> opened(found.files.size());
    parallelFor(pool, found.files.size(), [&](std::size_t i) {
        if (!cancel.stopRequested())
            opened[i] = openInput(std::move(found.files[i]), registry);
    });
    std::uint64_t totalBytes = 0;
    for (auto &o : opened) {
        if (o.source) {
            o.source->id = SourceId(static_cast<std::uint32_t>(analysis->sources.size()));
            totalBytes += o.source->bytes.size();
            analysis->sources.push_back(std::move(o.source));
        } else if (!o.skipped.path.empty()) {
            analysis->skipped.push_back(std::move(o.skipped));
        }
    }
    opened.clear();
    progress.setTotals(totalBytes, analysis->sources.size());
    analysis->bytesRead = totalBytes;

    // The knowledge base (JSON from the resources and user folders) loads while the files are read:
    // it is needed only after them, and parsing it would otherwise add to the time after ingestion.
    std::vector<kb::LoadProblem> kbProblems;
    std::future<kb::KnowledgeBase> knowledgeLoad = std::async(
        std::launch::async, [&options, &kbProblems] { return kb::loadKnowledgeBase(options.kbFolders, kbProblems); });

    std::vector<Source *> logs, captures;
    for (auto &s : analysis->sources)
        (s->kind() == SourceKind::Log ? logs : captures).push_back(s.get());
    progress.setStage(Stage::ReadingLogs);
    readPhase(*analysis, logs, registry, options, cancel, progress, pool);
    progress.setStage(Stage::ReadingCaptures);
    readPhase(*analysis, captures, registry, options, cancel, progress, pool);
    if (cancel.cancelled())
        return nullptr;
    analysis->strings->releaseRetired(); // every reader has finished: no lock-free lookup is running
    // What the readers freed (replaced pool indexes, per-chunk caches) sits in their threads'
    // arenas, where the single-threaded stages after this do not reuse it.
    returnFreedMemory();
    analysis->stopped = cancel.stopRequested();
    joinCaptures(*analysis);

    // The summaries need only the records, and the correlation does not read them: the two run side
    // by side. The detectors wait for both: the HTTPERR reason findings take their top clients and
    // URIs from the summaries instead of ranking the same lines again.
    progress.setStage(Stage::Correlating);
    const kb::KnowledgeBase knowledge = knowledgeLoad.get();
    for (auto &p : kbProblems)
        analysis->skipped.push_back(SkippedFile{std::move(p.path), "knowledge base: " + p.message, {}});
    const kb::DiagnoseOptions diagnoseOptions{&options.clockOverrides, options.estimateClockOffsets, options.threads};
    // The summaries keep this thread on their client counts and run the correlation on their second
    // thread. With only HTTPERR lines the correlation is their index (0.16 s for 1 GB), and passes
    // on threads of their own would only contend with the client half, the longest task (four
    // threads on this VM's two cores: the client half took 0.34 s instead of 0.23 s); so they get
    // the threads the client half leaves. Beside W3C lines the correlation's passes over those are
    // most of the work, split into slices on every thread (on one thread the 2 GB bench's took
    // 0.52 s while this thread idled).
    kb::DiagnoseOptions correlateOptions = diagnoseOptions;
    const unsigned threads = kb::scanThreads(options.threads); // what the correlation would take
    if (hasRecords(*analysis, &LogData::httpErr) && !hasRecords(*analysis, &LogData::access) && threads > 1)
        correlateOptions.threads = threads - 1;
    {
        // Scoped: the correlation (an index of every HTTPERR line, among others) is freed as soon as
        // the detectors are done with it.
        std::optional<kb::Correlation> correlation;
        computeSummaries(*analysis, options.threads, SummaryRange::Skip, [&] {
            correlation.emplace(kb::correlateSources(*analysis, knowledge, correlateOptions, cancel));
        });
        // The summaries' tables were freed on their own thread, into its arena: hand that back
        // before the detectors allocate theirs on other threads.
        returnFreedMemory();
        if (cancel.cancelled())
            return nullptr;
        progress.setStage(Stage::Detecting);
        kb::detectSymptoms(*analysis, knowledge, *correlation, cancel, options.threads);
        if (cancel.cancelled())
            return nullptr;
    }

    computeAnalysisRange(*analysis); // the correlation may have shifted sources by a clock offset
    progress.setStage(Stage::Done);
    return analysis;
}

} // namespace hs
