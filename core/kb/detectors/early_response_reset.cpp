// SPDX-License-Identifier: MIT
// early-response-reset: the server sent its final status (401, 413, 404.13, a 400 or 503 from
// HTTP.sys…) before it had read the request body, closed, and the client — still sending — got a
// TCP reset that can erase the unread response from its receive buffer (RFC 9112 §9.6, "the TCP
// reset problem"). The capture shows all of it: response time before the body's end, then a server
// RST while the body was in flight.
#include "formats/text_scan.h"
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"

#include <map>

namespace hs::kb {
namespace {

class EarlyResponseReset final : public Detector {
public:
    using Detector::Detector;

    void onConnection(DetectContext &ctx, const Connection *conn, std::span<const Transaction> txs) override
    {
        if (!conn || conn->reset.kind != ConnectionEnd::Kind::Rst || conn->reset.by != Peer::Server)
            return;
        const auto maxDelay = static_cast<TimeUs>(entry().param("max_reset_delay_s", 30) * kUsPerSecond);
        for (const Transaction &t : txs) {
            if (!t.hasResponse || !hasRequestBody(t) || t.responseTime == kNoTime)
                continue;
            const bool bodyUnfinished =
                !t.requestComplete || (t.requestBodyLastTime != kNoTime && t.requestBodyLastTime > t.responseTime);
            if (!bodyUnfinished || conn->reset.time < t.responseTime || conn->reset.time - t.responseTime > maxDelay)
                continue;
            hits_.add(ctx, t, conn->reset.frame, conn->reset.time, [&] {
                std::string text = requestText(ctx, t);
                if (t.request.contentLength > 0)
                    text += " (Content-Length " +
                            text::groupThousands(static_cast<std::uint64_t>(t.request.contentLength)) + ")";
                text += " → " + statusText(ctx, t.status, t.reason) + " before the body was read";
                if (t.request.contentLength > 0 && t.requestBodyBytes > 0)
                    text +=
                        " (" +
                        std::to_string(t.requestBodyBytes * 100 / static_cast<std::uint64_t>(t.request.contentLength)) +
                        " % sent)";
                text += " → RST from the server " + millis(conn->reset.time - t.responseTime) +
                        " later while the client was still sending";
                return text;
            });
            statuses_[t.status]++;
        }
    }

    void finish(DetectContext &ctx, std::vector<Finding> &out) override
    {
        if (hits_.empty())
            return;
        FindingBuilder b(entry());
        hits_.cite(ctx, b, true);
        b.setCount(hits_.count());
        if (hits_.w3cMatched() || hits_.httpErrOnConnections())
            b.setConfidence(Confidence::High,
                            "the capture's timing and the server's log line for the same request agree");
        else
            b.setConfidence(Confidence::Medium,
                            "capture timing: final status before the body's end, then a server RST");
        std::string statuses;
        for (const auto &[status, n] : statuses_)
            statuses += (statuses.empty() ? "" : ", ") + std::to_string(n) + " × " + std::to_string(status);
        b.setSummary(std::to_string(hits_.count()) + " upload(s) were answered early (" + statuses +
                     ") and the connection was reset while the client was still sending; the client most likely "
                     "reports a connection reset instead of the status. Typical triggers on IIS: a 401 challenge on a "
                     "large POST, request filtering's maxAllowedContentLength (404.13), 413 with client "
                     "certificates, HTTP.sys' own 400/503.");
        out.push_back(b.take());
    }

private:
    HitCollector hits_;
    std::map<std::uint16_t, std::uint64_t> statuses_;
};

} // namespace

std::unique_ptr<Detector> makeEarlyResponseReset(const SymptomEntry &entry)
{
    return std::make_unique<EarlyResponseReset>(entry);
}

} // namespace hs::kb
