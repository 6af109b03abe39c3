// SPDX-License-Identifier: MIT
// HTTPERR-driven symptoms: the lines of each s-reason the entry lists, grouped into one finding per
// reason with count, time range, top clients, URIs and app pools, and the spikes that stand out of
// the log's baseline. Severity is the entry's when the group is significant (`significant_count`
// lines or a spike) and its `quiet_severity` otherwise, so everyday noise stays informational.
// Each symptom adds what other sources say (corroborate); user entries with
// "detector": "httperr-reasons" get the plain grouping.
#pragma once

#include "kb/detector.h"
#include "kb/finding_builder.h"

#include <span>
#include <string>

namespace hs::kb {

struct Corroboration {
    std::uint64_t items = 0; // independent observations from another source that agree
    std::string note;        // one sentence for the summary and the confidence reason
};

class ReasonGroupDetector : public Detector {
public:
    using Detector::Detector;
    void finish(DetectContext &ctx, std::vector<Finding> &out) override;

protected:
    virtual Corroboration corroborate(DetectContext &ctx, std::string_view reason, std::span<const LogRef> lines,
                                      FindingBuilder &b);
    // Connections the lines were tied to by their exact 4-tuple.
    static std::vector<ConnectionId> linkedConnections(const DetectContext &ctx, std::span<const LogRef> lines);
};

} // namespace hs::kb
