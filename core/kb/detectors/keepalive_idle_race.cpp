// SPDX-License-Identifier: MIT
// keepalive-idle-race: a client reused a pooled keep-alive connection at the moment the server's
// idle timer closed it; the request crossed the server's FIN/RST and failed ("the underlying
// connection was closed", KB2017977). In the capture: a connection idle for a while after an
// answered request, a server close, and a new request within a second of that close left without
// an answer. HTTPERR Timer_ConnectionIdle on the same 4-tuple confirms it; those lines alone are
// everyday noise and never a finding.
#include "formats/text_scan.h"
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"

#include <cstdlib>

namespace hs::kb {
namespace {

class KeepAliveIdleRace final : public Detector {
public:
    using Detector::Detector;

    // Its Timer_ConnectionIdle lines are read per connection (HttpErrIndex::linesOn), never per
    // reason: those lines alone are everyday noise.
    std::vector<std::string> reasonsRead() const override { return {}; }

    void onConnection(DetectContext &ctx, const Connection *conn, std::span<const Transaction> txs) override
    {
        if (!conn || conn->end.kind == ConnectionEnd::Kind::Open || conn->end.by != Peer::Server || txs.size() < 2)
            return;
        const auto minIdle = static_cast<TimeUs>(entry().param("min_idle_s", 5) * kUsPerSecond);
        const auto window = static_cast<TimeUs>(entry().param("race_window_ms", 1000) * kUsPerMs);
        const auto timeout = static_cast<TimeUs>(entry().param("connection_timeout_s", 120) * kUsPerSecond);
        const TimeUs closeAt = conn->end.time;
        for (std::size_t i = 1; i < txs.size(); ++i) {
            const Transaction &prev = txs[i - 1], &t = txs[i];
            if (t.hasResponse || !prev.hasResponse || prev.responseEndTime == kNoTime || t.requestTime == kNoTime)
                continue;
            const TimeUs idle = closeAt - prev.responseEndTime;
            if (idle < minIdle || std::llabs(t.requestTime - closeAt) > window)
                continue;
            bool idleLine = false;
            for (const auto &[c, ref] : ctx.corr.httpErr.linesOn(conn->id)) {
                const HttpErrRecord &r = httpErrRecord(ctx.analysis, ref);
                idleLine |=
                    text::equalsNoCase(ctx.str(httpErrContext(ctx.analysis, ref).reason), "Timer_ConnectionIdle") &&
                    std::llabs(r.time - ctx.aligned(conn->source, closeAt)) <= 5 * kUsPerSecond;
            }
            confirmed_ += idleLine;
            matchesTimeout_ += std::llabs(idle - timeout) <= 1500 * kUsPerMs;
            hits_.add(ctx, t, t.requestFrame, t.requestTime, [&] {
                const TimeUs delta = t.requestTime - closeAt;
                return requestText(ctx, t) + " sent " + millis(std::llabs(delta)) + (delta < 0 ? " before" : " after") +
                       " the server's " + (conn->end.kind == ConnectionEnd::Kind::Rst ? "RST" : "FIN") + " after " +
                       formatDuration(idle) + " idle on a reused connection (request #" +
                       text::groupThousands(t.indexInConnection + 1) + "); no response";
            });
            break;
        }
    }

    void finish(DetectContext &ctx, std::vector<Finding> &out) override
    {
        if (hits_.empty())
            return;
        FindingBuilder b(entry());
        hits_.cite(ctx, b, true);
        b.setCount(hits_.count());
        if (confirmed_)
            b.setConfidence(Confidence::High, "the capture shows the crossing and HTTPERR logged Timer_ConnectionIdle "
                                              "on the same 4-tuple at the server's close");
        else
            b.setConfidence(Confidence::Medium, "capture timing only: a request within the race window of the "
                                                "server's idle close");
        std::string summary = std::to_string(hits_.count()) +
                              " request(s) were sent on a pooled keep-alive connection just as the server closed it "
                              "for being idle; they got no response and the client sees a closed or reset connection.";
        if (matchesTimeout_)
            summary += " " + std::to_string(matchesTimeout_) +
                       " of the idle periods match IIS' default connectionTimeout of 120 s: the client's pool keeps "
                       "connections idle longer than the server does.";
        b.setSummary(std::move(summary));
        out.push_back(b.take());
    }

private:
    HitCollector hits_;
    std::uint64_t confirmed_ = 0, matchesTimeout_ = 0;
};

} // namespace

std::unique_ptr<Detector> makeKeepAliveIdleRace(const SymptomEntry &entry)
{
    return std::make_unique<KeepAliveIdleRace>(entry);
}

} // namespace hs::kb
