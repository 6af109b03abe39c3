// SPDX-License-Identifier: MIT
// oversized-request-headers: HTTPERR FieldLength / RequestLength (and URL_Length) — HTTP.sys
// rejected a request whose headers exceeded MaxFieldLength / MaxRequestBytes (16 KB by default),
// typically a Kerberos token of a user in many groups. A captured request on the same 4-tuple with a
// header block above the limit, answered 400, corroborates.
#include "kb/detectors/detectors.h"
#include "kb/detectors/reason_groups.h"
#include "kb/evidence.h"

namespace hs::kb {
namespace {

class OversizedRequestHeaders final : public ReasonGroupDetector {
public:
    using ReasonGroupDetector::ReasonGroupDetector;

protected:
    Corroboration corroborate(DetectContext &ctx, std::string_view, std::span<const LogRef> lines,
                              FindingBuilder &b) override
    {
        Corroboration c;
        const auto limit = static_cast<std::uint64_t>(entry().param("header_limit_bytes", 16384));
        for (const ConnectionId id : linkedConnections(ctx, lines)) {
            const Connection &conn = ctx.analysis.connections[id.value];
            for (std::uint32_t i = 0; i < conn.transactionCount; ++i) {
                const Transaction &t = ctx.analysis.transactions[conn.firstTransaction + i];
                if (t.requestHeaderBytes <= limit && !(t.hasResponse && (t.status == 400 || t.status == 414)))
                    continue;
                ++c.items;
                if (c.items <= 3)
                    b.addEvidence(captureEvidence(
                        ctx, t, t.requestFrame, t.requestTime,
                        requestText(ctx, t) + ": " + std::to_string(t.requestHeaderBytes) + " header bytes" +
                            (t.hasResponse ? " → " + statusText(ctx, t.status, t.reason) : std::string())));
            }
        }
        if (c.items)
            c.note = "the capture shows " + std::to_string(c.items) +
                     " oversized or rejected request(s) on the same 4-tuples";
        return c;
    }
};

} // namespace

std::unique_ptr<Detector> makeOversizedRequestHeaders(const SymptomEntry &entry)
{
    return std::make_unique<OversizedRequestHeaders>(entry);
}

} // namespace hs::kb
