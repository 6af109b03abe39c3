// SPDX-License-Identifier: MIT
// Builds a Finding from its knowledge-base entry (title, KB numbers, references, remediation) plus
// what a detector saw: evidence (capped, with the total kept), connections, clients, time range.
#pragma once

#include "kb/catalog.h"
#include "model/connection.h"

#include <string>
#include <unordered_set>

namespace hs::kb {

class FindingBuilder {
public:
    static constexpr std::size_t kMaxEvidence = 24;
    static constexpr std::size_t kMaxConnections = 100;
    static constexpr std::size_t kMaxClients = 20;

    explicit FindingBuilder(const SymptomEntry &entry);

    Finding &finding() noexcept { return f_; }
    void setSeverity(Severity s) { f_.severity = s; }
    void setConfidence(Confidence c, std::string reason)
    {
        f_.confidence = c;
        f_.confidenceReason = std::move(reason);
    }
    void setSummary(std::string s) { f_.summary = std::move(s); }
    void setCount(std::uint64_t n) { f_.count = n; }
    void coverTime(TimeUs t);
    void addConnection(const Connection &c);
    void addConnectionKey(const std::string &key);
    void addClient(const std::string &address);
    // Evidence beyond kMaxEvidence is counted, not kept.
    void addEvidence(Evidence e);
    // Extra advice before the entry's own remediation (e.g. how to turn off this client's wait).
    void prependRemediation(Remediation r);
    std::size_t evidenceKept() const noexcept { return f_.evidence.size(); }

    Finding take();

private:
    Finding f_;
    std::unordered_set<std::string> connectionSet_;
    std::unordered_set<std::string> clientSet_;
};

} // namespace hs::kb
