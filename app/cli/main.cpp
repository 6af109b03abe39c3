// SPDX-License-Identifier: MIT
// httpsleuth-cli: the headless front-end. Links the core only.
#include "cli/cli_kb.h"
#include "cli/cli_options.h"
#include "cli/cli_progress.h"
#include "cli/cli_summary.h"
#include "formats/registry.h"
#include "httpsleuth/version.h"
#include "kb/catalog.h"
#include "report/analysis_json.h"
#include "report/html_kb.h"
#include "report/html_report.h"
#include "report/redact.h"
#include "tasks/analyze.h"
#include "tasks/cancel.h"
#include "tasks/discard_analysis.h"
#include "tasks/progress.h"

#include <csignal>
#ifdef _WIN32
#include <windows.h>
#endif
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>

namespace {

hs::CancelToken *g_cancel = nullptr;

extern "C" void onInterrupt(int)
{
    // First Ctrl+C stops and keeps what was read; the analysis then finishes normally.
    if (g_cancel)
        g_cancel->requestStop();
}

int runFormats()
{
    const hs::FormatRegistry registry = hs::FormatRegistry::createDefault();
    std::cout << "Formats read by httpsleuth " << hs::kVersion << ":\n";
    for (const auto &r : registry.readers()) {
        std::cout << "  " << hs::formatName(r->id()) << "  " << hs::formatDisplayName(r->id()) << "\n      "
                  << (r->sniffKind() == hs::SniffKind::Magic ? "magic bytes: " : "content: ") << r->recognisedBy()
                  << "\n";
    }
    std::cout << "  gzip-compressed files and .zip bundles of any of these are opened transparently.\n";
    return 0;
}

bool writeFile(const std::string &path, const std::function<void(std::ostream &)> &write)
{
    if (path == "-") {
        write(std::cout);
        std::cout.flush();
        return static_cast<bool>(std::cout);
    }
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) {
        std::cerr << "httpsleuth-cli: cannot write " << path << "\n";
        return false;
    }
    write(f);
    f.close();
    if (!f) {
        std::cerr << "httpsleuth-cli: error while writing " << path << "\n";
        return false;
    }
    return true;
}

// Writes the outputs the options ask for; returns the exit code.
int writeResults(const hs::cli::Options &o, const hs::Analysis &analysis)
{
    bool ok = true;
    // One Redactor for both outputs: a client has the same pseudonym in the JSON and the HTML.
    std::optional<hs::Redactor> redactor;
    if (o.redact)
        redactor.emplace(analysis);
    if (o.jsonPath) {
        hs::JsonOptions jo;
        jo.pretty = !o.compactJson;
        jo.redactor = redactor ? &*redactor : nullptr;
        ok &= writeFile(*o.jsonPath, [&](std::ostream &out) { hs::writeAnalysisJson(analysis, out, jo); });
    }
    if (o.htmlPath) {
        hs::HtmlOptions ho;
        ho.redactor = redactor ? &*redactor : nullptr;
        // The reason table explains each HTTPERR reason from the knowledge base the detectors used
        // (its load problems were already reported by analyze()).
        std::vector<hs::kb::LoadProblem> kbProblems;
        ho.reasonInfo = hs::reasonLookup(hs::kb::loadKnowledgeBase(o.analyze.kbFolders, kbProblems));
        ok &= writeFile(*o.htmlPath, [&](std::ostream &out) { hs::writeHtmlReport(analysis, out, ho); });
    }
    if (!o.quiet && o.jsonPath.value_or("") != "-" && o.htmlPath.value_or("") != "-")
        hs::cli::printSummary(analysis, std::cout);
    if (!ok)
        return 2;
    if (analysis.sources.empty()) {
        std::cerr << "httpsleuth-cli: nothing could be read";
        if (!analysis.skipped.empty())
            std::cerr << " (" << analysis.skipped.size() << " file(s) not recognised or unreadable)";
        std::cerr << "\n";
        return 2;
    }
    if (o.failOn) {
        for (const auto &f : analysis.findings)
            if (f.severity >= *o.failOn)
                return 3;
    }
    return 0;
}

int runAnalyze(const hs::cli::Options &o)
{
    hs::CancelToken cancel;
    hs::Progress progress;
    g_cancel = &cancel;
    std::signal(SIGINT, onInterrupt);
    std::unique_ptr<hs::Analysis> analysis;
    {
        hs::cli::ProgressTicker ticker(progress, !o.quiet && hs::cli::ProgressTicker::stderrIsTerminal());
        analysis = hs::analyze(o.analyze, cancel, progress);
    }
    g_cancel = nullptr;
    if (!analysis)
        return 2;
    const int code = writeResults(o, *analysis);
    hs::discardAnalysis(std::move(analysis));
    return code;
}
} // namespace

int main(int argc, char **argv)
{
#ifdef _WIN32
    // Paths and log text are UTF-8 internally; without this the console shows them as ANSI.
    SetConsoleOutputCP(CP_UTF8);
#endif
    std::vector<std::string> args(argv + 1, argv + argc);
    const hs::cli::ParseResult parsed = hs::cli::parseArguments(args);
    if (!parsed.error.empty()) {
        std::cerr << "httpsleuth-cli: " << parsed.error << "\n\n" << hs::cli::usageText();
        return 2;
    }
    const hs::cli::Options &o = parsed.options;
    if (args.empty()) {
        std::cerr << hs::cli::usageText();
        return 2;
    }
    switch (o.command) {
    case hs::cli::Command::Help: std::cout << hs::cli::usageText(); return 0;
    case hs::cli::Command::Version: std::cout << "httpsleuth-cli " << hs::kVersion << "\n"; return 0;
    case hs::cli::Command::Formats: return runFormats();
    case hs::cli::Command::Kb: return hs::cli::runKb(o.kbId, std::cout, std::cerr);
    case hs::cli::Command::Analyze: return runAnalyze(o);
    }
    return 2;
}
