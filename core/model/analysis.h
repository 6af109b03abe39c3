// SPDX-License-Identifier: MIT
// The one value an analysis produces (ARCHITECTURE §1). The CLI's JSON, the HTML report and the GUI
// are views of it; none of them re-parses or re-detects.
#pragma once

#include "model/connection.h"
#include "model/finding.h"
#include "model/source.h"
#include "model/string_pool.h"
#include "model/transaction.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace hs {

// A file that was found but not read, and why ("not recognised: …", "unreadable: …").
struct SkippedFile {
    std::string path;
    std::string reason;
    std::vector<std::string> candidates; // why each format said "not mine" (STYLE practice 3)
};

struct CountedValue {
    std::string value;
    std::uint64_t count = 0;
};

// HTTPERR s-reason summary across all HTTPERR sources (JSON `httperr_reasons`).
struct ReasonSummary {
    std::string reason;
    std::uint64_t count = 0;
    TimeUs first = kNoTime, last = kNoTime;
    std::vector<CountedValue> topClients; // most frequent c-ip first
    std::vector<CountedValue> topUris;
    std::map<std::uint16_t, std::uint64_t> statuses; // sc-status as logged (0 = "-")
};

// Per-source status-code counts (JSON `sources[].status_codes`).
struct StatusSummary {
    SourceId source;
    std::map<std::uint16_t, std::uint64_t> byStatus; // 0 = no status
};

// Clock offset between a capture/export and the server's logs (issue: correlation).
struct ClockOffset {
    SourceId source;           // the capture/export whose clock was shifted
    SourceId reference;        // the log it was aligned to (invalid when given manually)
    TimeUs offset = 0;         // added to the source's times
    std::uint64_t matches = 0; // requests used for the estimate
    TimeUs spread = 0;         // median absolute deviation of the matches
    bool manual = false;
    bool applied = false;
    std::string note;
};

struct Analysis {
    std::shared_ptr<StringPool> strings = std::make_shared<StringPool>();
    std::vector<std::unique_ptr<Source>> sources;
    std::vector<SkippedFile> skipped;
    std::vector<Connection> connections;
    std::vector<Transaction> transactions;
    std::vector<Finding> findings;
    std::vector<ClockOffset> clockOffsets;
    std::vector<ReasonSummary> httpErrReasons;
    std::vector<StatusSummary> statusSummaries;
    std::vector<std::string> inputs; // what the user passed
    std::string rootLabel;           // the dropped folder's name (report header)
    TimeUs first = kNoTime, last = kNoTime;
    bool stopped = false; // the user stopped early: partial results
    std::uint64_t bytesRead = 0;

    std::string_view str(StrId id) const noexcept { return strings->view(id); }
    std::string addr(LogAddress address) const { return addressText(*strings, address); }
    const Source &source(SourceId id) const { return *sources.at(id.value); }
    Source &source(SourceId id) { return *sources.at(id.value); }
};

} // namespace hs
