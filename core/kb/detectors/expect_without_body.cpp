// SPDX-License-Identifier: MIT
// expect-without-body: a request carries Expect: 100-continue but has no body (no Content-Length
// above 0, not chunked). RFC 2616 §8.2.3: a client MUST NOT send the expectation without a body; a
// server may wait for a body that never comes, and desynchronised framing is a smuggling vector.
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"

namespace hs::kb {
namespace {

class ExpectWithoutBody final : public Detector {
public:
    using Detector::Detector;

    void onConnection(DetectContext &ctx, const Connection *, std::span<const Transaction> txs) override
    {
        for (const Transaction &t : txs) {
            if (!t.expectsContinue() || hasRequestBody(t))
                continue;
            hits_.add(ctx, t, t.requestFrame, t.requestTime, [&] {
                return requestText(ctx, t) + " with Expect: " + std::string(ctx.str(t.request.expect)) + " and " +
                       (t.request.contentLength == 0 ? "Content-Length: 0" : "no body");
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
        b.setConfidence(Confidence::High, "the request headers are in the capture");
        b.setSummary(std::to_string(hits_.count()) +
                     " request(s) sent Expect: 100-continue without a body. The client library or code that adds the "
                     "header should only do so for requests with a body.");
        out.push_back(b.take());
    }

private:
    HitCollector hits_;
};

} // namespace

std::unique_ptr<Detector> makeExpectWithoutBody(const SymptomEntry &entry)
{
    return std::make_unique<ExpectWithoutBody>(entry);
}

} // namespace hs::kb
