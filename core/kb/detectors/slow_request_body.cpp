// SPDX-License-Identifier: MIT
// slow-request-body: HTTPERR Timer_EntityBody — a request body did not arrive within
// connectionTimeout. A captured connection on the same 4-tuple whose request body stalled (or never
// started) confirms it.
#include "kb/detectors/detectors.h"
#include "kb/detectors/reason_groups.h"
#include "kb/evidence.h"

namespace hs::kb {
namespace {

class SlowRequestBody final : public ReasonGroupDetector {
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
                if (t.requestFraming == BodyFraming::None || t.requestComplete)
                    continue;
                ++c.items;
                if (c.items <= 3) {
                    std::string text = requestText(ctx, t) + ": request body incomplete";
                    if (t.expectsContinue())
                        text += " (Expect: " + std::string(ctx.str(t.request.expect)) + ", no 100 Continue)";
                    b.addEvidence(captureEvidence(ctx, t, t.requestHeadEndFrame, t.requestHeadEndTime, text));
                }
            }
        }
        if (c.items)
            c.note =
                "the capture shows " + std::to_string(c.items) + " request body(ies) that stopped on the same 4-tuple";
        return c;
    }
};

} // namespace

std::unique_ptr<Detector> makeSlowRequestBody(const SymptomEntry &entry)
{
    return std::make_unique<SlowRequestBody>(entry);
}

} // namespace hs::kb
