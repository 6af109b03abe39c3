// SPDX-License-Identifier: MIT
// A small incident for the report tests and the browser test: W3C and HTTPERR logs written to a
// folder and read by the real readers (hs::analyze), plus a capture source with connections and
// transactions, a clock offset and findings that cite all three — the shape the detectors will
// produce. Deterministic: the same call gives the same Analysis.
#pragma once

#include "model/analysis.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace hs::test {

struct IncidentFixture {
    std::unique_ptr<Analysis> analysis;
    SourceId w3c, httpErr, capture;
};

// Writes the logs into `folder` (which must exist and be empty) and analyses it.
IncidentFixture makeIncident(const std::filesystem::path &folder);

// Adds the capture source (connections, transactions, raw heads) and the findings to `a`, citing
// `w3c` and `httpErr` lines. Used by makeIncident and by tests that build logs themselves.
SourceId addCaptureAndFindings(Analysis &a, SourceId w3c, SourceId httpErr);

// An analysis built directly (no files) in which every string that can reach the report — paths,
// URIs, user agents, hosts, headers, reasons, evidence, finding texts, problems — carries `payload`.
std::unique_ptr<Analysis> makeHostileAnalysis(std::string_view payload);

// The W3C and HTTPERR lines the incident is made of (tests compare evidence against them).
std::string incidentW3cLog();
std::string incidentHttpErrLog();

} // namespace hs::test
