// SPDX-License-Identifier: MIT
// continue-to-http10-client: a 100 (or any 1xx) sent in answer to an HTTP/1.0 request. RFC 2616
// §10.1 and RFC 9110 §15.2: a server MUST NOT send a 1xx to an HTTP/1.0 client, which cannot parse
// it. The status line is in the capture, so one capture proves it.
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"

namespace hs::kb {
namespace {

class ContinueToHttp10Client final : public Detector {
public:
    using Detector::Detector;

    void onConnection(DetectContext &ctx, const Connection *, std::span<const Transaction> txs) override
    {
        for (const Transaction &t : txs) {
            if (t.requestVersion != HttpVersion::Http10 || t.interims.empty())
                continue;
            const InterimResponse &in = t.interims.front();
            hits_.add(ctx, t, in.frame, in.time, [&] {
                return requestText(ctx, t) + " HTTP/1.0 → " + statusText(ctx, in.status) +
                       " (1xx to an HTTP/1.0 client)" + (t.expectsContinue() ? "" : ", no Expect in the request");
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
        b.setConfidence(Confidence::High, "the capture shows the interim status line sent to an HTTP/1.0 request");
        b.setSummary(std::to_string(hits_.count()) +
                     " HTTP/1.0 request(s) received an interim 1xx response. HTTP/1.0 clients do not know 1xx "
                     "responses and may take the 100 for the final answer or fail to parse what follows. The sender "
                     "is the server or an intermediary in front of it.");
        out.push_back(b.take());
    }

private:
    HitCollector hits_;
};

} // namespace

std::unique_ptr<Detector> makeContinueToHttp10Client(const SymptomEntry &entry)
{
    return std::make_unique<ContinueToHttp10Client>(entry);
}

} // namespace hs::kb
