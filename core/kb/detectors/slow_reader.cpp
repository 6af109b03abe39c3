// SPDX-License-Identifier: MIT
// slow-reader: HTTPERR Timer_MinBytesPerSecond — the client read the response slower than
// minBytesPerSecond (240 B/s by default) and HTTP.sys reset the connection. A captured connection on
// the same 4-tuple that the server reset during a response corroborates it.
#include "kb/detectors/detectors.h"
#include "kb/detectors/reason_groups.h"
#include "kb/evidence.h"

namespace hs::kb {
namespace {

class SlowReader final : public ReasonGroupDetector {
public:
    using ReasonGroupDetector::ReasonGroupDetector;

protected:
    Corroboration corroborate(DetectContext &ctx, std::string_view, std::span<const LogRef> lines,
                              FindingBuilder &b) override
    {
        Corroboration c;
        for (const ConnectionId id : linkedConnections(ctx, lines)) {
            const Connection &conn = ctx.analysis.connections[id.value];
            if (conn.reset.kind != ConnectionEnd::Kind::Rst || conn.reset.by != Peer::Server)
                continue;
            ++c.items;
            if (c.items <= 3)
                b.addEvidence(connectionEvidence(ctx, conn, conn.reset.frame, conn.reset.time,
                                                 "RST from the server while the response was being read"));
        }
        if (c.items)
            c.note = "the capture shows the server resetting " + std::to_string(c.items) + " of these connections";
        return c;
    }
};

} // namespace

std::unique_ptr<Detector> makeSlowReader(const SymptomEntry &entry)
{
    return std::make_unique<SlowReader>(entry);
}

} // namespace hs::kb
