// SPDX-License-Identifier: MIT
// server-waits-for-body-before-100: the client sent Expect: 100-continue, waited, gave up and sent
// the body — and only then did the server send its 100. RFC 2616 §8.2.3 / RFC 9110 §10.1.1: an
// origin server MUST NOT wait for the body before sending 100 (Continue). The client's wait shows
// as a gap between the header block and the first body byte with no 100 in it.
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"

namespace hs::kb {
namespace {

class ServerWaitsForBody final : public Detector {
public:
    using Detector::Detector;

    void onConnection(DetectContext &ctx, const Connection *, std::span<const Transaction> txs) override
    {
        const auto minWait = static_cast<TimeUs>(entry().param("min_client_wait_ms", 200) * kUsPerMs);
        for (const Transaction &t : txs) {
            if (!t.expectsContinue() || !isContinueExpectation(ctx.str(t.request.expect)) || !hasRequestBody(t))
                continue;
            const InterimResponse *in = firstInterim(t);
            if (!in || t.requestBodyFirstTime == kNoTime || t.requestHeadEndTime == kNoTime)
                continue;
            const TimeUs wait = t.requestBodyFirstTime - t.requestHeadEndTime;
            if (in->time < t.requestBodyFirstTime || wait < minWait)
                continue;
            const bool afterWholeBody = t.requestBodyLastTime != kNoTime && in->time >= t.requestBodyLastTime;
            hits_.add(ctx, t, in->frame, in->time, [&] {
                return requestText(ctx, t) + ": Expect: 100-continue, client waited " + millis(wait) +
                       " then sent the body; 100 Continue came " + millis(in->time - t.requestBodyFirstTime) +
                       " after the body began" + (afterWholeBody ? " (after the whole body)" : "");
            });
        }
    }

    void finish(DetectContext &ctx, std::vector<Finding> &out) override
    {
        if (hits_.empty())
            return;
        FindingBuilder b(entry());
        hits_.cite(ctx, b, false);
        b.setCount(hits_.count());
        if (hits_.w3cMatched())
            b.setConfidence(Confidence::High, "the capture's timing and the W3C log's time-taken for the same requests "
                                              "agree");
        else
            b.setConfidence(Confidence::Medium,
                            "capture timing only: the 100 followed the body after the client's wait");
        b.setSummary(std::to_string(hits_.count()) +
                     " request(s) with Expect: 100-continue got their 100 only after the body had started to arrive. "
                     "The server (or a proxy in front of it) waited for the body before answering, so every such "
                     "request paid the client's full Expect timeout in latency.");
        out.push_back(b.take());
    }

private:
    HitCollector hits_;
};

} // namespace

std::unique_ptr<Detector> makeServerWaitsForBodyBefore100(const SymptomEntry &entry)
{
    return std::make_unique<ServerWaitsForBody>(entry);
}

} // namespace hs::kb
