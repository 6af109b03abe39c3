// SPDX-License-Identifier: MIT
// continue-without-final-response: the server sent 100 (Continue), then closed the connection
// without ever sending the final status. RFC 2616 §8.2.3: after a 100 the server MUST eventually
// send a final status unless it closes the connection prematurely — which is what happened, and the
// client is left with an upload and no answer. A capture that simply ends is not a close.
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"

namespace hs::kb {
namespace {

class ContinueWithoutFinal final : public Detector {
public:
    using Detector::Detector;

    void onConnection(DetectContext &ctx, const Connection *conn, std::span<const Transaction> txs) override
    {
        if (!conn || conn->end.kind == ConnectionEnd::Kind::Open || conn->end.by != Peer::Server || txs.empty())
            return;
        const Transaction &t = txs.back(); // only the last request can be cut off by the close
        const InterimResponse *in = firstInterim(t);
        if (!in || t.hasResponse || in->time > conn->end.time)
            return;
        hits_.add(ctx, t, conn->end.frame, conn->end.time, [&] {
            return requestText(ctx, t) + " → 100 Continue → " +
                   (conn->end.kind == ConnectionEnd::Kind::Rst ? "RST" : "FIN") + " from the server " +
                   millis(conn->end.time - in->time) + " later, no final response";
        });
    }

    void finish(DetectContext &ctx, std::vector<Finding> &out) override
    {
        if (hits_.empty())
            return;
        FindingBuilder b(entry());
        hits_.cite(ctx, b, true);
        b.setCount(hits_.count());
        if (hits_.httpErrOnConnections() || hits_.w3cMatched())
            b.setConfidence(Confidence::High, "the capture and the server's logs (HTTPERR/W3C lines for the same "
                                              "connection or request) agree");
        else
            b.setConfidence(Confidence::Medium,
                            "the capture shows the 100 and the server's close with no final status");
        b.setSummary(std::to_string(hits_.count()) +
                     " request(s) were told to continue with 100 (Continue), but the server closed the connection "
                     "without a final response. Look at the HTTPERR lines for these 4-tuples (Timer_EntityBody, "
                     "Connection_Dropped, Connection_Abandoned_*) for the server's reason.");
        out.push_back(b.take());
    }

private:
    HitCollector hits_;
};

} // namespace

std::unique_ptr<Detector> makeContinueWithoutFinalResponse(const SymptomEntry &entry)
{
    return std::make_unique<ContinueWithoutFinal>(entry);
}

} // namespace hs::kb
