// SPDX-License-Identifier: MIT
// app-pool-abandoned: HTTPERR Connection_Abandoned_By_AppPool / _By_ReqQueue — the worker process
// that owned queued requests crashed or was recycled. A captured connection on the same 4-tuple that
// the server closed with a request unanswered corroborates.
#include "kb/detectors/detectors.h"
#include "kb/detectors/reason_groups.h"
#include "kb/evidence.h"

namespace hs::kb {
namespace {

class AppPoolAbandoned final : public ReasonGroupDetector {
public:
    using ReasonGroupDetector::ReasonGroupDetector;

protected:
    Corroboration corroborate(DetectContext &ctx, std::string_view, std::span<const LogRef> lines,
                              FindingBuilder &b) override
    {
        Corroboration c;
        for (const ConnectionId id : linkedConnections(ctx, lines)) {
            const Connection &conn = ctx.analysis.connections[id.value];
            if (conn.end.by != Peer::Server || conn.end.unansweredRequests == 0)
                continue;
            ++c.items;
            if (c.items <= 3)
                b.addEvidence(connectionEvidence(
                    ctx, conn, conn.end.frame, conn.end.time,
                    std::string(conn.end.kind == ConnectionEnd::Kind::Rst ? "RST" : "FIN") + " from the server with " +
                        std::to_string(conn.end.unansweredRequests) + " request(s) unanswered"));
        }
        if (c.items)
            c.note = "the capture shows the server closing " + std::to_string(c.items) +
                     " of these connections without an answer";
        return c;
    }
};

} // namespace

std::unique_ptr<Detector> makeAppPoolAbandoned(const SymptomEntry &entry)
{
    return std::make_unique<AppPoolAbandoned>(entry);
}

} // namespace hs::kb
