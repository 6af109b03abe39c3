// SPDX-License-Identifier: MIT
// expectation-failed-417: a 417 Expectation Failed answer, normally from an intermediary (an
// HTTP/1.0-era proxy such as Squid 2.x, old lighttpd) that cannot honour Expect: 100-continue —
// IIS itself supports the expectation. The response's Via/Server name the sender; whether the
// client retried without Expect (RFC 7231 says it SHOULD; curl does since 7.69) is reported.
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"
#include "kb/server_identity.h"

namespace hs::kb {
namespace {

class ExpectationFailed417 final : public Detector {
public:
    using Detector::Detector;

    void onConnection(DetectContext &ctx, const Connection *, std::span<const Transaction> txs) override
    {
        for (std::size_t i = 0; i < txs.size(); ++i) {
            const Transaction &t = txs[i];
            if (!t.hasResponse || t.status != 417)
                continue;
            const ServerIdentity sender = identifyBanner(ctx.str(t.response.server));
            const bool viaProxy = t.response.via != kEmptyStr;
            const bool intermediary = viaProxy || (sender.known() && sender.kind != ServerIdentity::Kind::Iis &&
                                                   sender.kind != ServerIdentity::Kind::HttpApi);
            intermediaries_ += intermediary;
            bool retried = false;
            for (std::size_t k = i + 1; k < txs.size() && k < i + 4; ++k)
                retried |= txs[k].method == t.method && txs[k].target == t.target && !txs[k].expectsContinue();
            retried_ += retried;
            hits_.add(ctx, t, t.responseFrame, t.responseTime, [&] {
                std::string text =
                    requestText(ctx, t) +
                    (t.expectsContinue() ? " (Expect: " + std::string(ctx.str(t.request.expect)) + ")" : "") + " → " +
                    statusText(ctx, t.status, t.reason);
                if (viaProxy)
                    text += " via " + std::string(ctx.str(t.response.via));
                if (sender.known())
                    text += " from " + sender.text;
                text +=
                    retried ? "; the client retried without Expect" : "; no retry without Expect on this connection";
                return text;
            });
        }
    }

    void finish(DetectContext &ctx, std::vector<Finding> &out) override
    {
        const W3cGroup &w3c = ctx.corr.w3c.expectationFailed417;
        if (hits_.empty() && w3c.count == 0)
            return;
        FindingBuilder b(entry());
        hits_.cite(ctx, b, false);
        for (std::size_t i = 0; i < w3c.samples.size() && i < 5; ++i)
            b.addEvidence(logEvidence(ctx, w3c.samples[i]));
        b.setCount(hits_.count() + (hits_.empty() ? w3c.count : 0));
        if (!hits_.empty() && intermediaries_)
            b.setConfidence(Confidence::High, "the capture shows the 417 and its Via/Server headers name an "
                                              "intermediary");
        else if (!hits_.empty())
            b.setConfidence(Confidence::Medium, "the capture shows the 417; its sender is not named by Via/Server");
        else
            b.setConfidence(Confidence::Medium, "W3C rows with status 417; no capture");
        std::string summary =
            std::to_string(hits_.empty() ? w3c.count : hits_.count()) +
            " request(s) were refused with 417 Expectation Failed. An intermediary that cannot forward "
            "Expect: 100-continue (HTTP/1.0 proxies such as Squid 2.x) answers this way; IIS itself supports the "
            "expectation.";
        if (!hits_.empty())
            summary += " " + std::to_string(retried_) + " of them were retried without Expect.";
        b.setSummary(std::move(summary));
        out.push_back(b.take());
    }

private:
    HitCollector hits_;
    std::uint64_t intermediaries_ = 0, retried_ = 0;
};

} // namespace

std::unique_ptr<Detector> makeExpectationFailed417(const SymptomEntry &entry)
{
    return std::make_unique<ExpectationFailed417>(entry);
}

} // namespace hs::kb
