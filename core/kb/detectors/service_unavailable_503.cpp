// SPDX-License-Identifier: MIT
// service-unavailable-503: HTTP.sys answered 503 itself (QueueFull, AppOffline, Disabled,
// AppShutdown, ConnLimit, N/A, AppPoolTimer) or gave up on queued requests (Timer_AppPool,
// Timer_ReqQueue). These never reach W3C; a captured 503 on the same 4-tuple corroborates.
#include "kb/detectors/detectors.h"
#include "kb/detectors/reason_groups.h"
#include "kb/evidence.h"

namespace hs::kb {
namespace {

class ServiceUnavailable final : public ReasonGroupDetector {
public:
    using ReasonGroupDetector::ReasonGroupDetector;

protected:
    Corroboration corroborate(DetectContext &ctx, std::string_view, std::span<const LogRef> lines,
                              FindingBuilder &b) override
    {
        Corroboration c;
        for (const ConnectionId id : linkedConnections(ctx, lines)) {
            const Connection &conn = ctx.analysis.connections[id.value];
            for (std::uint32_t i = 0; i < conn.transactionCount; ++i) {
                const Transaction &t = ctx.analysis.transactions[conn.firstTransaction + i];
                if (!t.hasResponse || t.status != 503)
                    continue;
                ++c.items;
                if (c.items <= 3) {
                    std::string text = requestText(ctx, t) + " → " + statusText(ctx, t.status, t.reason);
                    if (t.response.server != kEmptyStr)
                        text += " (Server: " + std::string(ctx.str(t.response.server)) + ")";
                    b.addEvidence(captureEvidence(ctx, t, t.responseFrame, t.responseTime, text));
                }
            }
        }
        if (c.items)
            c.note = "the capture shows " + std::to_string(c.items) + " 503 response(s) on the same 4-tuples";
        return c;
    }
};

} // namespace

std::unique_ptr<Detector> makeServiceUnavailable503(const SymptomEntry &entry)
{
    return std::make_unique<ServiceUnavailable>(entry);
}

} // namespace hs::kb
