// SPDX-License-Identifier: MIT
// chunked-post-reset (KB967853): HTTP.sys on IIS 6.0 resets a keep-alive connection after roughly
// 4,000 POSTs with Transfer-Encoding: chunked, and logs Timer_HeaderWait with empty request fields
// for that 4-tuple. Evidence paths:
//   capture: one connection with many chunked POSTs, then a server RST and/or the HTTPERR line on
//            its exact 4-tuple (high when both, medium with one);
//   logs only: the HTTPERR line plus a burst of W3C POSTs from that client up to its time (medium:
//            W3C has no client port, so the count may mix connections).
// The request count at the reset is reported: it is the fingerprint.
#include "formats/text_scan.h"
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"
#include "kb/finding_builder.h"
#include "kb/server_identity.h"

namespace hs::kb {
namespace {

struct CaptureHit {
    ConnectionId connection;
    std::uint64_t requestsAtReset = 0; // requests sent before the reset, including the one in flight
    std::uint64_t chunkedPosts = 0;
    std::uint64_t answered2xx = 0;
    TransactionId lastChunked;
    bool serverRst = false;
    std::vector<LogRef> headerWait; // HTTPERR lines on the 4-tuple
    ServerIdentity server;
};

struct LogHit {
    LogRef line;
    std::uint64_t posts = 0;
    TimeUs burstStart = kNoTime, burstEnd = kNoTime;
    LogRef lastPost;
};

class ChunkedPostReset final : public Detector {
public:
    using Detector::Detector;

    void onConnection(DetectContext &ctx, const Connection *conn, std::span<const Transaction> txs) override
    {
        if (!conn || txs.empty())
            return;
        if (!postLooked_) {
            post_ = literalId(ctx, "POST");
            postLooked_ = true;
        }
        const auto minPosts = static_cast<std::uint64_t>(entry().param("min_chunked_posts", 1000));
        if (txs.size() < minPosts)
            return;
        CaptureHit hit;
        hit.connection = conn->id;
        const TimeUs resetAt = conn->reset.kind == ConnectionEnd::Kind::Rst ? conn->reset.time : kNoTime;
        for (const Transaction &t : txs) {
            if (resetAt != kNoTime && t.requestTime > resetAt)
                break;
            ++hit.requestsAtReset;
            if (t.method != post_ ||
                (t.requestFraming != BodyFraming::Chunked && t.requestFraming != BodyFraming::ChunkedAndLength))
                continue;
            ++hit.chunkedPosts;
            hit.lastChunked = t.id;
            if (t.hasResponse && t.status >= 200 && t.status < 300)
                ++hit.answered2xx;
        }
        if (hit.chunkedPosts < minPosts)
            return;
        hit.serverRst = conn->reset.kind == ConnectionEnd::Kind::Rst && conn->reset.by == Peer::Server;
        for (const auto &[c, ref] : ctx.corr.httpErr.linesOn(conn->id)) {
            const HttpErrContext &line = httpErrContext(ctx.analysis, ref);
            if (line.method == kEmptyStr && isWatchedReason(ctx, line.reason))
                hit.headerWait.push_back(ref);
        }
        if (!hit.serverRst && hit.headerWait.empty())
            return; // many chunked POSTs on a healthy connection: nothing wrong with that
        hit.server = serverFor(ctx, txs);
        captureHits_.push_back(std::move(hit));
    }

    void finish(DetectContext &ctx, std::vector<Finding> &out) override
    {
        collectLogOnly(ctx);
        if (captureHits_.empty() && logHits_.empty())
            return;
        FindingBuilder b(entry());
        const Analysis &a = ctx.analysis;
        std::string summary;
        bool anyBoth = false, anyIis6 = false, anyOtherServer = false;
        for (const CaptureHit &h : captureHits_) {
            const Connection &conn = a.connections[h.connection.value];
            b.addConnection(conn);
            const Transaction &last = a.transactions[h.lastChunked.value];
            b.addEvidence(captureEvidence(ctx, last, last.requestFrame, last.requestTime,
                                          requestText(ctx, last) + " (chunked) #" +
                                              text::groupThousands(last.indexInConnection + 1) + " on the connection" +
                                              (last.hasResponse ? " → " + statusText(ctx, last.status, last.reason)
                                                                : std::string(" → no response"))));
            if (h.serverRst)
                b.addEvidence(connectionEvidence(
                    ctx, conn, conn.reset.frame, conn.reset.time,
                    "RST from the server after " + text::groupThousands(h.requestsAtReset) + " requests (" +
                        text::groupThousands(h.chunkedPosts) + " chunked POSTs) on this keep-alive connection; " +
                        std::to_string(conn.reset.unansweredRequests) + " unanswered"));
            for (const LogRef &ref : h.headerWait)
                b.addEvidence(logEvidence(ctx, ref));
            if (const LogRef w3c = ctx.corr.w3cOf(last.id); w3c.valid())
                b.addEvidence(logEvidence(ctx, w3c));
            anyBoth |= h.serverRst && !h.headerWait.empty();
            anyIis6 |= h.server.isIis(6);
            anyOtherServer |= h.server.known() && !h.server.isIis(6);
            summary += (summary.empty() ? "" : " ") + std::string("Connection ") + conn.key() + " carried " +
                       text::groupThousands(h.chunkedPosts) + " chunked POSTs (" + text::groupThousands(h.answered2xx) +
                       " answered 2xx); the reset came at request #" + text::groupThousands(h.requestsAtReset) +
                       (h.serverRst ? " with a server RST" : "") +
                       (h.headerWait.empty() ? ""
                                             : std::string(h.serverRst ? " and" : " with") +
                                                   " HTTPERR Timer_HeaderWait on the same 4-tuple") +
                       ". Server: " + h.server.describe() + ".";
        }
        for (const LogHit &h : logHits_) {
            const HttpErrRecord &r = httpErrRecord(a, h.line);
            b.addEvidence(logEvidence(ctx, h.line));
            b.addEvidence(logEvidence(ctx, h.lastPost));
            const IpAddress client = ctx.addresses.resolve(r.clientIp);
            const IpAddress &server = ctx.addresses.resolve(httpErrContext(a, h.line).serverIp);
            if (client.valid() && server.valid()) {
                b.addConnectionKey(connectionKey(Endpoint{client, r.clientPort}, Endpoint{server, r.serverPort}));
                b.addClient(client.toString());
            }
            summary += (summary.empty() ? "" : " ") +
                       std::string("HTTPERR logged Timer_HeaderWait with empty request "
                                   "fields for ") +
                       a.addr(r.clientIp) + ":" + std::to_string(r.clientPort) + " at " + formatHuman(r.time) +
                       " UTC; the W3C log shows " + text::groupThousands(h.posts) + " POSTs from that client between " +
                       formatHuman(h.burstStart) + " and " + formatHuman(h.burstEnd) +
                       " (W3C has no client port, so the count may span several connections).";
        }
        b.setCount(captureHits_.size() + logHits_.size());
        const ServerIdentity logsServer = serverFromLogs(ctx);
        if (!captureHits_.empty()) {
            if (anyOtherServer && !anyIis6) {
                b.setConfidence(Confidence::Low, "the reset pattern matches, but the server is not IIS 6.0; KB967853 "
                                                 "affects IIS 6.0 only");
                b.setSeverity(Severity::Warning);
            } else if (anyBoth) {
                b.setConfidence(Confidence::High, "the capture (chunked POSTs, server RST) and the HTTPERR "
                                                  "Timer_HeaderWait line agree on the exact 4-tuple");
            } else {
                b.setConfidence(Confidence::Medium,
                                "one source shows the reset: " +
                                    std::string(captureHits_.front().serverRst
                                                    ? "the capture's server RST (no HTTPERR line on "
                                                      "that 4-tuple)"
                                                    : "the HTTPERR line on the captured 4-tuple (no "
                                                      "RST in the capture)"));
            }
        } else {
            b.setConfidence(Confidence::Medium, "HTTPERR Timer_HeaderWait with empty request fields and a burst of W3C "
                                                "POSTs from the same client up to that time; no capture");
        }
        if (logsServer.known() && !logsServer.isIis(6) && captureHits_.empty()) {
            b.setConfidence(Confidence::Low,
                            "the W3C log says " + logsServer.text + ", and KB967853 affects IIS 6.0 only");
            b.setSeverity(Severity::Warning);
        }
        b.setSummary(std::move(summary));
        out.push_back(b.take());
    }

private:
    bool isWatchedReason(const DetectContext &ctx, StrId reason) const
    {
        const std::string_view name = ctx.str(reason);
        for (const auto &r : entry().httpErrReasons)
            if (text::equalsNoCase(name, r))
                return true;
        return false;
    }

    // HTTPERR lines not tied to a capture: look for the W3C POST burst of that client.
    void collectLogOnly(DetectContext &ctx)
    {
        if (ctx.corr.w3c.postsByClient.size() == 0)
            return; // no W3C POST was tracked: no line has a burst before it
        const auto minPosts = static_cast<std::uint64_t>(entry().param("min_w3c_posts", 1000));
        const TimeUs maxGap = static_cast<TimeUs>(entry().param("burst_max_gap_s", 60) * kUsPerSecond);
        const TimeUs timeout = static_cast<TimeUs>(entry().param("connection_timeout_s", 130) * kUsPerSecond);
        for (const std::string &reason : entry().httpErrReasons) {
            for (const LogRef &ref : ctx.corr.httpErr.reason(ctx.analysis, reason)) {
                const HttpErrRecord &r = httpErrRecord(ctx.analysis, ref);
                if (httpErrContext(ctx.analysis, ref).method != kEmptyStr || r.time == kNoTime)
                    continue;
                if (const ConnectionId c = ctx.corr.httpErr.connectionOf(ref); c.valid())
                    continue; // tied to a captured connection: the capture decides (above)
                const std::span<const PostMark> posts = postsOf(ctx.analysis, ctx.corr.w3c, r.clientIp, ctx.addresses);
                if (posts.empty())
                    continue;
                // The burst ends at most `timeout` before the line (HeaderWait fires after the idle
                // wait) and runs back while consecutive POSTs are less than `maxGap` apart.
                auto endIt = std::upper_bound(posts.begin(), posts.end(), r.time,
                                              [](TimeUs t, const PostMark &m) { return t < m.time; });
                std::size_t end = static_cast<std::size_t>(endIt - posts.begin());
                while (end > 0 && r.serverPort && posts[end - 1].serverPort &&
                       posts[end - 1].serverPort != r.serverPort)
                    --end;
                if (end == 0 || r.time - posts[end - 1].time > timeout)
                    continue;
                std::size_t begin = end - 1;
                std::uint64_t count = 1;
                while (begin > 0 && posts[begin].time - posts[begin - 1].time <= maxGap) {
                    --begin;
                    if (!r.serverPort || !posts[begin].serverPort || posts[begin].serverPort == r.serverPort)
                        ++count;
                }
                if (count < minPosts)
                    continue;
                logHits_.push_back({ref, count, posts[begin].time, posts[end - 1].time, posts[end - 1].ref});
            }
        }
    }

    StrId post_ = kEmptyStr;
    bool postLooked_ = false;
    std::vector<CaptureHit> captureHits_;
    std::vector<LogHit> logHits_;
};

} // namespace

std::unique_ptr<Detector> makeChunkedPostReset(const SymptomEntry &entry)
{
    return std::make_unique<ChunkedPostReset>(entry);
}

} // namespace hs::kb
