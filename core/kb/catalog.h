// SPDX-License-Identifier: MIT
// The knowledge base as data (STYLE practice 10): one entry per symptom id (ARCHITECTURE §7), the
// HTTPERR s-reason catalogue and the sc-win32-status catalogue. Entries are JSON files compiled into
// the binary as Qt resources (resources/kb/) and may be extended or overridden by user folders.
// Detectors read their thresholds and tables from here, so tuning a rule never needs a rebuild.
#pragma once

#include "model/finding.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hs::kb {

struct Reference {
    std::string title;
    std::string url;
};

struct Affected {
    std::string product;  // "IIS 6.0"
    std::string versions; // "Windows Server 2003 SP1/SP2, all editions"
    std::string note;
};

// What a sample expects of the finding it must produce (every member optional).
struct SampleExpectation {
    std::optional<Confidence> confidence;
    std::optional<Severity> severity;
    std::optional<std::uint64_t> count;
    std::vector<std::string> connections;  // connection keys that must be listed
    std::vector<std::string> textContains; // substrings of the summary or an evidence text
    std::vector<std::string> evidenceFrom; // "capture", "w3c", "httperr": sources that must be cited
};

// Evidence in the sample language (resources/kb/README.md): log lines as written by IIS / HTTP.sys,
// and capture lines that describe connections and transactions.
struct Sample {
    std::string name;
    std::vector<std::string> w3c;
    std::vector<std::string> httperr;
    std::vector<std::string> capture;
    SampleExpectation expect;
};

// A client's bounded wait for "100 Continue" (expect-100-client-wait).
struct ClientWaitProfile {
    std::string name;                    // "curl / libcurl"
    std::vector<std::string> userAgents; // case-insensitive substrings of the User-Agent
    bool emptyUserAgent = false;         // the client sends no User-Agent by default
    double waitMs = 0;
    double toleranceMs = 0;
    std::string turnOff; // how to turn the wait off
};

enum class DetectorKind : std::uint8_t {
    Builtin,        // a C++ detector with the entry's id
    HttpErrReasons, // the generic HTTPERR reason-group detector (user entries can use it)
};

struct SymptomEntry {
    std::string id;
    std::string title;
    Severity severity = Severity::Warning;   // when the evidence is significant
    Severity quietSeverity = Severity::Info; // reason groups below `significant_count` and without a spike
    std::string category;
    std::vector<std::string> kb; // "KB898708", "RFC 2616 §8.2.3"
    std::string summary;
    std::string cause;
    std::vector<Affected> affected;
    std::vector<std::pair<std::string, std::string>> evidence;   // source ("httperr", …) → what proves it
    std::vector<std::pair<std::string, std::string>> confidence; // "high"/"medium"/"low" → when
    std::vector<Remediation> remediation;
    std::string byDesign;
    std::vector<Reference> references;
    DetectorKind detector = DetectorKind::Builtin;
    std::vector<std::string> httpErrReasons;
    std::map<std::string, double, std::less<>> parameters;
    std::vector<ClientWaitProfile> clientProfiles;
    std::vector<Sample> matches;
    std::vector<Sample> nonMatches;
    std::string origin; // ":/kb/symptoms/kb898708.json" or a user file

    double param(std::string_view name, double fallback) const
    {
        const auto it = parameters.find(name);
        return it == parameters.end() ? fallback : it->second;
    }
};

struct ReasonEntry {
    std::string reason; // "Timer_HeaderWait"
    std::string status; // "503", "400", "-" (connection-level), "413 (inferred)"
    std::string meaning;
    std::string os;            // "Windows Server 2003 and later"
    std::string requestFields; // "empty" (connection-level line) or "set"
    std::string causes;
    std::string action;
    std::vector<std::string> symptoms; // related symptom ids
    bool benign = false;               // usually noise on a healthy server
};

struct Win32Entry {
    std::uint64_t code = 0;
    std::string symbol;
    std::string meaning;
    std::string reading;
    std::vector<std::string> symptoms;
    bool connectionProblem = false; // counts as a client/connection abort in W3C digests
};

// A file or entry the loader refused, with where and why.
struct LoadProblem {
    std::string path;
    std::string message;
};

class KnowledgeBase {
public:
    const std::vector<SymptomEntry> &symptoms() const noexcept { return symptoms_; }
    const std::vector<ReasonEntry> &reasons() const noexcept { return reasons_; }
    const std::vector<Win32Entry> &win32() const noexcept { return win32_; }

    const SymptomEntry *symptom(std::string_view id) const noexcept;
    const ReasonEntry *reason(std::string_view name) const noexcept; // case-insensitive
    const Win32Entry *win32(std::uint64_t code) const noexcept;
    // Symptoms whose entry names this KB article ("KB967853", "967853", "Q195179").
    std::vector<const SymptomEntry *> symptomsForArticle(std::string_view article) const;

    // Adds or replaces (same id / reason / code). Keeps insertion order for listings.
    void put(SymptomEntry entry);
    void put(ReasonEntry entry);
    void put(Win32Entry entry);
    // Symptoms in the order of `ids` (ARCHITECTURE §7's table); others keep their order after them.
    void orderSymptoms(const std::vector<std::string_view> &ids);

private:
    std::vector<SymptomEntry> symptoms_;
    std::vector<ReasonEntry> reasons_;
    std::vector<Win32Entry> win32_;
};

// The entries compiled into the binary (resources/kb), then each user folder's *.json in name
// order: a symptom file with a known id overrides the members it names; a new id adds an entry.
// Every file or entry refused is reported in `problems`; the rest still loads.
KnowledgeBase loadKnowledgeBase(const std::vector<std::filesystem::path> &userFolders,
                                std::vector<LoadProblem> &problems);

// The compiled-in entries only (the CLI's `kb` command, tests).
KnowledgeBase loadBuiltinKnowledgeBase(std::vector<LoadProblem> &problems);

// The symptom ids of ARCHITECTURE §7 that have a built-in detector.
const std::vector<std::string_view> &builtinSymptomIds() noexcept;

} // namespace hs::kb
