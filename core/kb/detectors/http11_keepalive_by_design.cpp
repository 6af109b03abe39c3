// SPDX-License-Identifier: MIT
// http11-keepalive-by-design (Q195179): with "HTTP Keep-Alives Enabled" unchecked, IIS 4.0 closes
// HTTP/1.0 connections that ask for keep-alive, while HTTP/1.1 connections stay persistent — the
// setting only governs HTTP/1.0 clients; HTTP/1.1 is persistent by default and a client that wants
// otherwise must send Connection: close. By design, so always informational. On later IIS versions
// the same picture has another cause (setting not applied, client pooling), said so with low
// confidence.
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"
#include "kb/server_identity.h"

namespace hs::kb {
namespace {

class Http11KeepAliveByDesign final : public Detector {
public:
    using Detector::Detector;

    void onConnection(DetectContext &ctx, const Connection *conn, std::span<const Transaction> txs) override
    {
        if (!conn || txs.empty())
            return;
        const Transaction &last = txs.back();
        if (last.requestVersion == HttpVersion::Http10 && last.hasResponse &&
            headerHasToken(ctx.str(last.request.connection), "keep-alive")) {
            const bool saidClose = headerHasToken(ctx.str(last.response.connection), "close");
            const bool serverClosed = conn->end.kind != ConnectionEnd::Kind::Open && conn->end.by == Peer::Server &&
                                      last.responseEndTime != kNoTime &&
                                      conn->end.time - last.responseEndTime <= 2 * kUsPerSecond;
            if (saidClose || serverClosed) {
                noteServer(ctx, txs);
                http10_.add(ctx, last, last.responseFrame, last.responseTime, [&] {
                    return requestText(ctx, last) +
                           " HTTP/1.0 with Connection: " + std::string(ctx.str(last.request.connection)) + " → " +
                           statusText(ctx, last.status, last.reason) +
                           (saidClose ? ", Connection: close" : ", then the server closed the connection");
                });
            }
        }
        std::size_t persistent = 0;
        for (const Transaction &t : txs)
            persistent +=
                t.requestVersion == HttpVersion::Http11 && !headerHasToken(ctx.str(t.request.connection), "close");
        if (persistent >= 2) {
            noteServer(ctx, txs);
            const Transaction &second = txs[1];
            http11_.add(ctx, second, second.requestFrame, second.requestTime, [&] {
                return std::to_string(txs.size()) + " HTTP/1.1 requests on one connection (keep-alive), e.g. " +
                       requestText(ctx, second);
            });
        }
    }

    void finish(DetectContext &ctx, std::vector<Finding> &out) override
    {
        if (http10_.empty() || http11_.empty())
            return;
        FindingBuilder b(entry());
        http10_.cite(ctx, b, false);
        http11_.cite(ctx, b, false);
        b.setCount(http10_.count() + http11_.count());
        b.setSeverity(Severity::Info);
        if (server_.isIis(4))
            b.setConfidence(Confidence::High, "IIS 4.0 (" + server_.from +
                                                  ") closes HTTP/1.0 keep-alive requests "
                                                  "while HTTP/1.1 connections persist: Q195179's by-design behaviour");
        else if (!server_.known())
            b.setConfidence(Confidence::Medium, "the capture shows the pattern; the server version is unknown");
        else
            b.setConfidence(Confidence::Low, "the server is " + server_.describe() +
                                                 "; Q195179 describes IIS 4.0, so look for another cause");
        std::string summary =
            std::to_string(http10_.count()) +
            " HTTP/1.0 connection(s) asked for keep-alive and were closed after one response, while " +
            std::to_string(http11_.count()) +
            " HTTP/1.1 connection(s) carried several requests. The keep-alive setting only governs "
            "HTTP/1.0 clients: HTTP/1.1 connections are persistent unless the client sends "
            "Connection: close.";
        if (server_.known() && !server_.isIis(4))
            summary += " On " + server_.text +
                       " disabling keep-alives applies to all clients, so check that the setting is in effect and "
                       "whether the HTTP/1.1 clients pool connections.";
        b.setSummary(std::move(summary));
        out.push_back(b.take());
    }

private:
    void noteServer(DetectContext &ctx, std::span<const Transaction> txs)
    {
        if (server_.known())
            return;
        server_ = serverFor(ctx, txs);
    }

    HitCollector http10_, http11_;
    ServerIdentity server_;
};

} // namespace

std::unique_ptr<Detector> makeHttp11KeepAliveByDesign(const SymptomEntry &entry)
{
    return std::make_unique<Http11KeepAliveByDesign>(entry);
}

} // namespace hs::kb
