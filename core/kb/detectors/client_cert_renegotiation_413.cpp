// SPDX-License-Identifier: MIT
// client-cert-renegotiation-413: a site that requires a client certificate for one path makes IIS
// renegotiate TLS after the request headers; the body must first be buffered up to
// uploadReadAheadSize, and a larger POST gets 413 and a close (deadlock avoidance documented for
// IIS 6.0, seen on later IIS and App Service). Evidence: 413 on POST/PUT over HTTPS in W3C or in a
// decrypted export, and HTTPERR Timer_SslRenegotiation when the renegotiation itself stalls.
#include "formats/text_scan.h"
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"

namespace hs::kb {
namespace {

class ClientCertRenegotiation413 final : public Detector {
public:
    using Detector::Detector;

    void onConnection(DetectContext &ctx, const Connection *conn, std::span<const Transaction> txs) override
    {
        const auto httpsPort = static_cast<std::uint16_t>(entry().param("https_port", 443));
        for (const Transaction &t : txs) {
            if (!t.hasResponse || t.status != 413 || !hasRequestBody(t))
                continue;
            const bool https =
                (conn && conn->server.port == httpsPort) || text::startsWithNoCase(ctx.str(t.target), "https://");
            if (!https)
                continue;
            hits_.add(ctx, t, t.responseFrame, t.responseTime, [&] {
                return requestText(ctx, t) + " over HTTPS" +
                       (t.request.contentLength > 0
                            ? " (Content-Length " +
                                  text::groupThousands(static_cast<std::uint64_t>(t.request.contentLength)) + ")"
                            : std::string()) +
                       " → " + statusText(ctx, t.status, t.reason);
            });
        }
    }

    void finish(DetectContext &ctx, std::vector<Finding> &out) override
    {
        const auto httpsPort = static_cast<std::uint16_t>(entry().param("https_port", 443));
        std::vector<LogRef> w3c;
        std::uint64_t w3cCount = 0;
        for (const LogRef &ref : ctx.corr.w3c.rejected413.samples) {
            const AccessRecord &r = accessRecord(ctx.analysis, ref);
            if (r.serverPort == httpsPort)
                w3c.push_back(ref);
        }
        // The digest keeps samples only; count all HTTPS rows when every sample was HTTPS.
        w3cCount = w3c.size() == ctx.corr.w3c.rejected413.samples.size() ? ctx.corr.w3c.rejected413.count : w3c.size();
        std::span<const LogRef> renegotiation;
        for (const auto &reason : entry().httpErrReasons)
            if (renegotiation.empty())
                renegotiation = ctx.corr.httpErr.reason(ctx.analysis, reason);
        if (hits_.empty() && w3c.empty() && renegotiation.empty())
            return;
        FindingBuilder b(entry());
        hits_.cite(ctx, b, false);
        for (std::size_t i = 0; i < w3c.size() && i < 8; ++i)
            b.addEvidence(logEvidence(ctx, w3c[i]));
        for (std::size_t i = 0; i < renegotiation.size() && i < 5; ++i)
            b.addEvidence(logEvidence(ctx, renegotiation[i]));
        const bool rejected = !hits_.empty() || !w3c.empty();
        b.setCount(rejected ? std::max<std::uint64_t>(hits_.count(), w3cCount) : renegotiation.size());
        if (rejected && !renegotiation.empty())
            b.setConfidence(Confidence::High, "413 on HTTPS uploads and HTTPERR Timer_SslRenegotiation agree");
        else if (rejected)
            b.setConfidence(Confidence::Medium, "413 on POST/PUT over HTTPS; nothing shows the renegotiation itself");
        else {
            b.setConfidence(Confidence::Low, "HTTPERR Timer_SslRenegotiation only; no rejected upload is visible");
            b.setSeverity(Severity::Info);
        }
        std::string summary;
        if (rejected)
            summary = std::to_string(std::max<std::uint64_t>(hits_.count(), w3cCount)) +
                      " upload(s) over HTTPS were refused with 413. When a client certificate is required for the "
                      "path, IIS renegotiates TLS after the headers and can only buffer uploadReadAheadSize bytes of "
                      "body meanwhile; larger bodies are refused.";
        if (!renegotiation.empty())
            summary +=
                std::string(summary.empty() ? "" : " ") + std::to_string(renegotiation.size()) +
                " HTTPERR line(s) record a TLS renegotiation that did not finish in time (Timer_SslRenegotiation).";
        b.setSummary(std::move(summary));
        out.push_back(b.take());
    }

private:
    HitCollector hits_;
};

} // namespace

std::unique_ptr<Detector> makeClientCertRenegotiation413(const SymptomEntry &entry)
{
    return std::make_unique<ClientCertRenegotiation413>(entry);
}

} // namespace hs::kb
