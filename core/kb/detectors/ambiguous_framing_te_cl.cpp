// SPDX-License-Identifier: MIT
// ambiguous-framing-te-cl: a request whose body length can be read two ways — Transfer-Encoding
// together with Content-Length, an unknown or obfuscated transfer coding, or conflicting
// Content-Length values. Front-end and back-end may disagree on where it ends (request smuggling,
// RFC 9112 §6.1/§6.3/§11.2); a server that accepts such a request MUST close the connection after
// responding. HTTPERR N/I (unknown transfer encoding) is the log-side trace: alone it is low
// confidence, on the 4-tuple of a captured ambiguous request it confirms.
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"

namespace hs::kb {
namespace {

constexpr std::uint32_t kAmbiguous =
    kViolationTeAndCl | kViolationUnknownTransferCoding | kViolationDuplicateContentLength;

class AmbiguousFraming final : public Detector {
public:
    using Detector::Detector;

    void onConnection(DetectContext &ctx, const Connection *, std::span<const Transaction> txs) override
    {
        for (std::size_t i = 0; i < txs.size(); ++i) {
            const Transaction &t = txs[i];
            if (t.requestFraming != BodyFraming::ChunkedAndLength && (t.violations & kAmbiguous) == 0)
                continue;
            const bool keptOpen = i + 1 < txs.size();
            keptOpen_ += keptOpen;
            hits_.add(ctx, t, t.requestFrame, t.requestTime, [&] {
                std::string text = requestText(ctx, t) + " with";
                if (t.request.transferEncoding != kEmptyStr)
                    text += " Transfer-Encoding: " + std::string(ctx.str(t.request.transferEncoding));
                if (t.request.contentLength >= 0)
                    text += (t.request.transferEncoding != kEmptyStr ? " and" : "") + std::string(" Content-Length: ") +
                            std::to_string(t.request.contentLength);
                if (t.violations & kViolationDuplicateContentLength)
                    text += " (conflicting Content-Length headers)";
                if (t.violations & kViolationUnknownTransferCoding)
                    text += " (unknown transfer coding)";
                text += keptOpen ? "; the connection carried further requests" : "";
                return text;
            });
        }
    }

    void finish(DetectContext &ctx, std::vector<Finding> &out) override
    {
        std::span<const LogRef> notImplemented;
        for (const auto &reason : entry().httpErrReasons)
            if (notImplemented.empty())
                notImplemented = ctx.corr.httpErr.reason(ctx.analysis, reason);
        if (hits_.empty() && notImplemented.empty())
            return;
        FindingBuilder b(entry());
        if (!hits_.empty()) {
            hits_.cite(ctx, b, true);
            b.setCount(hits_.count());
            if (hits_.httpErrOnConnections())
                b.setConfidence(Confidence::High, "the request headers are in the capture and HTTPERR logged the same "
                                                  "4-tuple");
            else
                b.setConfidence(Confidence::High, "the request headers are in the capture");
            std::string summary = std::to_string(hits_.count()) +
                                  " request(s) framed their body ambiguously. If any hop in front of IIS reads the "
                                  "length differently, the remainder is taken as another request (request smuggling).";
            if (keptOpen_)
                summary += " " + std::to_string(keptOpen_) +
                           " connection(s) stayed open after such a request; RFC 9112 §6.1 requires closing it.";
            b.setSummary(std::move(summary));
        } else {
            for (std::size_t i = 0; i < notImplemented.size() && i < 5; ++i)
                b.addEvidence(logEvidence(ctx, notImplemented[i]));
            b.finding().evidenceTotal = notImplemented.size();
            for (const LogRef &ref : notImplemented)
                b.coverTime(httpErrRecord(ctx.analysis, ref).time);
            b.setCount(notImplemented.size());
            b.setSeverity(Severity::Info);
            b.setConfidence(Confidence::Low, "HTTPERR N/I only: an unknown transfer coding or an unimplemented method; "
                                             "no capture shows the request");
            b.setSummary(std::to_string(notImplemented.size()) +
                         " HTTPERR line(s) with s-reason N/I: HTTP.sys refused a request with an unknown transfer "
                         "coding (or a method it does not implement). Scanners probing for request smuggling "
                         "produce these; a capture would show the framing.");
        }
        out.push_back(b.take());
    }

private:
    HitCollector hits_;
    std::uint64_t keptOpen_ = 0;
};

} // namespace

std::unique_ptr<Detector> makeAmbiguousFramingTeCl(const SymptomEntry &entry)
{
    return std::make_unique<AmbiguousFraming>(entry);
}

} // namespace hs::kb
