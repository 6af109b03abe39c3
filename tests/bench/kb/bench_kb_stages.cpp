// SPDX-License-Identifier: MIT
// Knowledge-base benchmark: runs hs::analyze() on a folder and times its stages by polling the
// progress stage every millisecond — ingestion (scan, read, join) against correlation (with the
// summaries, which run beside it) and detection — and prints one JSON line. The budget: correlation + detection
// ≤ 10 % of ingestion on a 1 GB bundle. It also samples the process's anonymous memory every 10 ms and reports each
// stage's peak (Linux only; 0 elsewhere), and what the string pool and the log record stores hold at the end, to show
// where the memory budget (0.5x input) goes.
//
//   bench_kb_stages FOLDER [--threads N] [--runs N]
#include "tasks/analyze.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// CPU seconds of the whole process (all threads), so a stage's cost does not depend on how busy
// the machine is: wall time on a shared box swings by a factor of three between runs.
double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Anonymous resident memory in MB (RssAnon), 0 where /proc is not available.
double anonMegabytes()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "RssAnon:") {
            double kb = 0;
            status >> kb;
            return kb / 1024.0;
        }
        status.ignore(1 << 16, '\n');
    }
    return 0;
}

struct Mark {
    Clock::time_point wall;
    double cpu = 0;
};

struct Run {
    double ingest = 0, correlate = 0, detect = 0, total = 0;
    double ingestCpu = 0, correlateCpu = 0, detectCpu = 0;
    std::size_t findings = 0, transactions = 0, clockOffsets = 0;
    std::uint64_t bytes = 0;
    double anonIngest = 0, anonCorrelate = 0, anonDetect = 0; // peaks, MB
    double poolMB = 0, recordsMB = 0;
};

Run once(const std::string &folder, unsigned threads)
{
    hs::AnalyzeOptions options;
    options.inputs = {folder};
    options.threads = threads;
    hs::CancelToken cancel;
    hs::Progress progress;
    std::map<hs::Stage, Mark> seen;
    std::atomic<bool> done{false};
    std::vector<std::pair<Clock::time_point, double>> anon;
    const Mark start{Clock::now(), cpuSeconds()};
    std::thread poller([&] {
        for (unsigned tick = 0; !done.load(); ++tick) {
            const hs::Stage s = progress.snapshot().stage;
            if (!seen.count(s))
                seen[s] = Mark{Clock::now(), cpuSeconds()};
            if (tick % 10 == 0)
                anon.emplace_back(Clock::now(), anonMegabytes());
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });
    const auto analysis = hs::analyze(options, cancel, progress);
    const Mark endMark{Clock::now(), cpuSeconds()};
    const Clock::time_point end = endMark.wall;
    done = true;
    poller.join();
    // A stage shorter than the poll interval is never seen: it starts where the next seen stage
    // does (stages only move forward), else at the end.
    const auto mark = [&](hs::Stage s) {
        const auto it = seen.lower_bound(s);
        return it == seen.end() ? endMark : it->second;
    };
    const auto at = [&](hs::Stage s) { return mark(s).wall; };
    const auto secs = [](Clock::time_point a, Clock::time_point b) {
        return std::chrono::duration<double>(b - a).count();
    };
    // Stage order: reading, correlating (the summaries run beside it), detecting.
    const auto correlating = at(hs::Stage::Correlating), detecting = at(hs::Stage::Detecting);
    Run r;
    r.ingest = secs(start.wall, correlating);
    r.correlate = secs(correlating, detecting);
    r.detect = secs(detecting, end);
    r.total = secs(start.wall, end);
    r.ingestCpu = mark(hs::Stage::Correlating).cpu - start.cpu;
    r.correlateCpu = mark(hs::Stage::Detecting).cpu - mark(hs::Stage::Correlating).cpu;
    r.detectCpu = endMark.cpu - mark(hs::Stage::Detecting).cpu;
    for (const auto &[t, mb] : anon) {
        double &peak = t < correlating ? r.anonIngest : t < detecting ? r.anonCorrelate : r.anonDetect;
        peak = std::max(peak, mb);
    }
    if (analysis) {
        r.poolMB = static_cast<double>(analysis->strings->memoryBytes()) / (1024.0 * 1024.0);
        for (const auto &src : analysis->sources)
            if (src->log)
                r.recordsMB += static_cast<double>(src->log->access.memoryBytes() + src->log->httpErr.memoryBytes() +
                                                   src->log->lines.memoryBytes()) /
                               (1024.0 * 1024.0);
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
        const double cpuShare = r.ingestCpu > 0 ? 100.0 * (r.correlateCpu + r.detectCpu) / r.ingestCpu : 0;
        // correlate_s includes the summaries, which run beside the correlation.
        std::printf(
            "{\"run\": %u, \"input_MB\": %.1f, \"transactions\": %zu, \"findings\": %zu, \"clock_offsets\": %zu, "
            "\"ingest_s\": %.3f, \"correlate_s\": %.3f, \"detect_s\": %.3f, \"total_s\": %.3f, "
            "\"kb_share_of_ingest_pct\": %.2f, \"ingest_cpu_s\": %.3f, \"correlate_cpu_s\": %.3f, "
            "\"detect_cpu_s\": %.3f, \"kb_share_of_ingest_cpu_pct\": %.2f, \"anon_peak_MB\": {\"ingest\": %.0f, "
            "\"correlate\": %.0f, \"detect\": %.0f}, \"pool_MB\": %.0f, \"records_MB\": %.0f}\n",
            k + 1, static_cast<double>(r.bytes) / 1e6, r.transactions, r.findings, r.clockOffsets, r.ingest,
            r.correlate, r.detect, r.total, share, r.ingestCpu, r.correlateCpu, r.detectCpu, cpuShare, r.anonIngest,
            r.anonCorrelate, r.anonDetect, r.poolMB, r.recordsMB);
        std::fflush(stdout);
    }
    return 0;
}
