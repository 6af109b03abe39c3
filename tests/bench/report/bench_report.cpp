// SPDX-License-Identifier: MIT
// Report benchmark: analyses a folder once, then times what `--html` adds — the chart aggregates
// (stats/timeline.h) and the whole HTML report, plain and with `--redact` — and prints one JSON
// line with the report sizes. The issue's budget: a 1 GB bundle gives a report < 5 MB in < 1 s of
// extra time.
//
//   bench_report FOLDER [--runs N] [--threads N] [--out FILE.html]
#include "kb/catalog.h"
#include "report/analysis_json.h"
#include "report/html_kb.h"
#include "report/html_report.h"
#include "report/redact.h"
#include "stats/timeline.h"
#include "tasks/analyze.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

template <typename Fn>
double best(int runs, Fn &&fn)
{
    double b = 1e300;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        fn();
        b = std::min(b, seconds(t0, Clock::now()));
    }
    return b;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_report FOLDER [--runs N] [--threads N] [--out FILE.html]\n");
        return 2;
    }
    hs::AnalyzeOptions options;
    options.inputs = {argv[1]};
    int runs = 3;
    std::string outPath;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--runs")
            runs = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--threads")
            options.threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
        else if (a == "--out")
            outPath = argv[i + 1];
    }
    hs::CancelToken cancel;
    hs::Progress progress;
    const auto t0 = Clock::now();
    const auto analysis = hs::analyze(options, cancel, progress);
    const double analyseS = seconds(t0, Clock::now());
    if (!analysis)
        return 1;
    std::uint64_t records = 0;
    for (const auto &s : analysis->sources)
        records += s->records;

    std::vector<hs::kb::LoadProblem> problems;
    hs::HtmlOptions plain;
    plain.reasonInfo = hs::reasonLookup(hs::kb::loadKnowledgeBase({}, problems));

    const double activityS = best(runs, [&] { (void)hs::stats::activity(*analysis, hs::kNoTime, hs::kNoTime, 180); });
    const double reasonsS =
        best(runs, [&] { (void)hs::stats::httpErrReasonsOverTime(*analysis, hs::kNoTime, hs::kNoTime, 180, 9); });
    const double classesS = best(runs, [&] { (void)hs::stats::statusClasses(*analysis); });
    const double percentilesS = best(runs, [&] { (void)hs::stats::durationPercentiles(*analysis); });

    std::string html, redactedHtml;
    const double htmlS = best(runs, [&] { html = hs::htmlReport(*analysis, plain); });
    const double redactedS = best(runs, [&] {
        hs::Redactor redactor(*analysis); // part of the cost: one pass over the s-ip ids
        hs::HtmlOptions o = plain;
        o.redactor = &redactor;
        redactedHtml = hs::htmlReport(*analysis, o);
    });
    std::size_t jsonBytes = 0;
    const double jsonS = best(runs, [&] {
        std::ostringstream json;
        hs::writeAnalysisJson(*analysis, json);
        jsonBytes = json.str().size();
    });
    if (!outPath.empty()) {
        std::ofstream f(outPath, std::ios::binary | std::ios::trunc);
        f << html;
    }
    std::printf("{\"bytes_read\": %llu, \"records\": %llu, \"findings\": %zu, \"analyse_s\": %.2f, "
                "\"stats_s\": {\"activity\": %.3f, \"httperr_reasons\": %.3f, \"status_classes\": %.3f, "
                "\"percentiles\": %.3f}, \"html_s\": %.3f, \"html_redacted_s\": %.3f, \"html_bytes\": %zu, "
                "\"html_redacted_bytes\": %zu, \"json_s\": %.3f, \"json_bytes\": %zu}\n",
                static_cast<unsigned long long>(analysis->bytesRead), static_cast<unsigned long long>(records),
                analysis->findings.size(), analyseS, activityS, reasonsS, classesS, percentilesS, htmlS, redactedS,
                html.size(), redactedHtml.size(), jsonS, jsonBytes);
    return 0;
}
