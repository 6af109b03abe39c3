// SPDX-License-Identifier: MIT
// A diagnosed symptom with its evidence and advice (ARCHITECTURE §6/§7, STYLE practice 11).
#pragma once

#include "model/ids.h"
#include "model/time.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hs {

enum class Severity : std::uint8_t { Info = 0, Warning = 1, Critical = 2 };
enum class Confidence : std::uint8_t { Low = 0, Medium = 1, High = 2 };

std::string_view toString(Severity s) noexcept;   // "info" | "warning" | "critical"
std::string_view toString(Confidence c) noexcept; // "low" | "medium" | "high"
bool parseSeverity(std::string_view text, Severity &out) noexcept;

struct Evidence {
    SourceId source;
    std::uint64_t line = 0;  // log line (1-based), 0 = none
    std::uint64_t frame = 0; // capture frame (1-based), 0 = none
    TimeUs time = kNoTime;
    std::string text; // the raw log line, or a one-line summary of capture evidence
    ConnectionId connection;
    TransactionId transaction;
};

struct Remediation {
    std::string kind; // hotfix | upgrade | config | workaround | client | by-design | info
    std::string text;
    std::string prerequisites; // e.g. "Windows Server 2003 SP1"
};

struct Finding {
    std::string id; // symptom id, ARCHITECTURE §7
    std::string title;
    Severity severity = Severity::Info;
    Confidence confidence = Confidence::Low;
    std::string confidenceReason;
    std::string summary;                 // one paragraph: what was seen, in the operator's terms
    std::vector<std::string> kb;         // "KB898708", "RFC 2616 §8.2.3"
    std::vector<std::string> references; // links
    TimeUs first = kNoTime, last = kNoTime;
    std::uint64_t count = 0;              // occurrences (requests, lines, connections — see summary)
    std::vector<std::string> connections; // connection keys
    std::vector<std::string> clients;     // client addresses involved
    std::vector<Evidence> evidence;       // capped; evidenceTotal counts all
    std::uint64_t evidenceTotal = 0;
    std::vector<Remediation> remediation;
};

} // namespace hs
