// SPDX-License-Identifier: MIT
// Knowledge-base benchmark: runs hs::analyze() on a folder and times its stages by polling the
// progress stage every millisecond — ingestion (scan, read, join) against correlation and
// detection — and prints one JSON line. The budget: correlation + detection ≤ 10 % of
// ingestion on a 1 GB bundle.
//
//   bench_kb_stages FOLDER [--threads N] [--runs N]
#include "tasks/analyze.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;

struct Run {
    double ingest = 0, correlate = 0, detect = 0, summarise = 0, total = 0;
    std::size_t findings = 0, transactions = 0, clockOffsets = 0;
    std::uint64_t bytes = 0;
};

Run once(const std::string &folder, unsigned threads)
{
    hs::AnalyzeOptions options;
    options.inputs = {folder};
    options.threads = threads;
    hs::CancelToken cancel;
    hs::Progress progress;
    std::map<hs::Stage, Clock::time_point> seen;
    std::atomic<bool> done{false};
    const Clock::time_point start = Clock::now();
    std::thread poller([&] {
        while (!done.load()) {
            const hs::Stage s = progress.snapshot().stage;
            if (!seen.count(s))
                seen[s] = Clock::now();
            std::this_thread::sleep_for(std::chrono::microseconds(500));
        }
    });
    const auto analysis = hs::analyze(options, cancel, progress);
    const Clock::time_point end = Clock::now();
    done = true;
    poller.join();
    const auto at = [&](hs::Stage s, Clock::time_point fallback) {
        const auto it = seen.find(s);
        return it == seen.end() ? fallback : it->second;
    };
    const auto secs = [](Clock::time_point a, Clock::time_point b) {
        return std::chrono::duration<double>(b - a).count();
    };
    const auto correlating = at(hs::Stage::Correlating, end), detecting = at(hs::Stage::Detecting, end),
               summarising = at(hs::Stage::Summarising, end);
    Run r;
    r.ingest = secs(start, correlating);
    r.correlate = secs(correlating, detecting);
    r.detect = secs(detecting, summarising);
    r.summarise = secs(summarising, end);
    r.total = secs(start, end);
    if (analysis) {
        r.findings = analysis->findings.size();
        r.transactions = analysis->transactions.size();
        r.clockOffsets = analysis->clockOffsets.size();
        r.bytes = analysis->bytesRead;
    }
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_kb_stages FOLDER [--threads N] [--runs N]\n");
        return 2;
    }
    unsigned threads = 0, runs = 1;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--threads")
            threads = static_cast<unsigned>(std::strtoul(argv[i + 1], nullptr, 10));
        else if (flag == "--runs")
            runs = static_cast<unsigned>(std::strtoul(argv[i + 1], nullptr, 10));
    }
    for (unsigned k = 0; k < runs; ++k) {
        const Run r = once(argv[1], threads);
        const double share = r.ingest > 0 ? 100.0 * (r.correlate + r.detect) / r.ingest : 0;
        std::printf(
            "{\"run\": %u, \"input_MB\": %.1f, \"transactions\": %zu, \"findings\": %zu, \"clock_offsets\": %zu, "
            "\"ingest_s\": %.3f, \"correlate_s\": %.3f, \"detect_s\": %.3f, \"summarise_s\": %.3f, "
            "\"total_s\": %.3f, \"kb_share_of_ingest_pct\": %.2f}\n",
            k + 1, static_cast<double>(r.bytes) / 1e6, r.transactions, r.findings, r.clockOffsets, r.ingest,
            r.correlate, r.detect, r.summarise, r.total, share);
        std::fflush(stdout);
    }
    return 0;
}
