// SPDX-License-Identifier: MIT
// The self-contained HTML incident report (issue 5): one file an operator can mail. Findings first,
// with their evidence and advice; then the timeline and charts (inline SVG drawn here, readable with
// JavaScript off), the HTTPERR reason table and the sources. Nothing is loaded from outside the file;
// a Content-Security-Policy <meta> allows only our own inline style and script, by hash.
//
// The CLI's `analyze --html FILE` and the GUI's File > Export HTML both call writeHtmlReport().
#pragma once

#include "model/analysis.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace hs {

class Redactor;

// What the knowledge base says about one HTTPERR s-reason (report/html_kb.h builds the lookup from
// the KB catalogue); without a lookup the reason table shows counts, statuses, clients and URIs only.
struct ReasonInfo {
    std::string meaning;
    std::string usualStatus; // e.g. "503"
    std::string causes;
    std::string advice;
    std::vector<std::string> symptoms; // symptom ids (ARCHITECTURE §7) the reason points to
    std::string since;                 // Windows versions that log it, e.g. "Windows Server 2008 and later"
    bool benign = false;               // usually noise on a healthy server
};
using ReasonLookup = std::function<std::optional<ReasonInfo>(std::string_view reason)>;

struct HtmlOptions {
    Redactor *redactor = nullptr; // set: pseudonymise clients, drop cookies/queries/credentials
    ReasonLookup reasonInfo;      // optional: meanings and advice for the HTTPERR reason table
    std::string title;            // default: "HttpSleuth report — <analysed folder>"
    TimeUs generatedAt = kNoTime; // default: now (tests pass a fixed time)
    bool includeScript = true;    // the small sorting/print helper; the report works without it

    // Caps that keep a report of a multi-GB bundle at a few MB; each cut says how much was left out.
    std::size_t maxFindingCards = 100;      // full cards; further findings are listed in a table
    std::size_t maxFindingRows = 1000;      // rows of that table
    std::size_t maxEvidencePerFinding = 25; //
    std::size_t maxConnectionsPerFinding = 20;
    std::size_t maxClientsPerFinding = 20;
    std::size_t maxDiagramsPerFinding = 5;  // transaction diagrams (with their raw header blocks)
    std::size_t maxSourcesShown = 500;      // rows of the sources table
    std::size_t maxProblemsPerSource = 20;  //
    std::size_t maxProblemsTotal = 500;     //
    std::size_t maxReasons = 60;            // rows of the HTTPERR reason table
    std::size_t maxChartLanes = 8;          // busiest sources get a lane; the rest are summed
    std::size_t maxChartBuckets = 180;      //
    std::size_t maxTextChars = 2000;        // per log value (URIs, raw lines)
    std::size_t maxHeaderBlockChars = 4000; // raw request/response head shown with a diagram
};

void writeHtmlReport(const Analysis &analysis, std::ostream &out, const HtmlOptions &options = {});
std::string htmlReport(const Analysis &analysis, const HtmlOptions &options = {});

} // namespace hs
