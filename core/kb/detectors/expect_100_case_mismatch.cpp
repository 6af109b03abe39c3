// SPDX-License-Identifier: MIT
// expect-100-case-mismatch: the request says Expect: 100-Continue (not all lower case); HTTP.sys
// on Windows Server 2003 SP2 compared the token case-sensitively, did not recognise it, sent no 100,
// and a client that waits for the 100 stalls until HTTP.sys' entity-body timer (Timer_EntityBody)
// resets the connection. RFC 7231/9110 make the token case-insensitive, so the server is at fault.
// Only Microsoft servers (or unknown ones) qualify; the HTTPERR line on the exact 4-tuple confirms.
#include "formats/text_scan.h"
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"
#include "kb/server_identity.h"

namespace hs::kb {
namespace {

class Expect100CaseMismatch final : public Detector {
public:
    using Detector::Detector;

    void onConnection(DetectContext &ctx, const Connection *conn, std::span<const Transaction> txs) override
    {
        const auto minStall = static_cast<TimeUs>(entry().param("min_stall_ms", 200) * kUsPerMs);
        bool serverChecked = false, microsoftOrUnknown = true;
        for (const Transaction &t : txs) {
            const std::string_view expect = ctx.str(t.request.expect);
            if (!t.expectsContinue() || !isContinueExpectation(expect) || isLowercaseContinue(expect) ||
                !hasRequestBody(t) || firstInterim(t))
                continue;
            if (!serverChecked) {
                const ServerIdentity s = serverFor(ctx, txs);
                microsoftOrUnknown = s.kind != ServerIdentity::Kind::Other;
                serverChecked = true;
            }
            if (!microsoftOrUnknown)
                return;
            const bool neverSent = t.requestBodyFirstTime == kNoTime;
            const TimeUs held = neverSent ? kNoTime : t.requestBodyFirstTime - t.requestHeadEndTime;
            std::uint64_t entityBodyLines = 0;
            if (conn)
                for (const auto &[c, ref] : ctx.corr.httpErr.linesOn(conn->id))
                    entityBodyLines +=
                        text::equalsNoCase(ctx.str(httpErrContext(ctx.analysis, ref).reason), "Timer_EntityBody");
            if (!neverSent && held < minStall && entityBodyLines == 0)
                continue;
            confirmed_ += entityBodyLines > 0;
            const std::uint64_t frame = neverSent ? t.requestHeadEndFrame : t.requestBodyFirstFrame;
            const TimeUs time = neverSent ? t.requestHeadEndTime : t.requestBodyFirstTime;
            hits_.add(ctx, t, frame, time, [&] {
                std::string text =
                    requestText(ctx, t) + ": Expect: " + std::string(expect) + " (not lower case), no 100 Continue; ";
                if (neverSent) {
                    text += "the body never came";
                    if (conn && conn->end.kind != ConnectionEnd::Kind::Open)
                        text += ", " + std::string(conn->end.kind == ConnectionEnd::Kind::Rst ? "RST" : "FIN") +
                                " from the " + std::string(peerName(conn->end.by)) + " " +
                                millis(conn->end.time - t.requestHeadEndTime) + " after the headers";
                } else {
                    text += "body held back " + millis(held);
                }
                return text;
            });
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
            b.setConfidence(Confidence::High,
                            "the capture shows the non-lowercase expectation with no 100, and HTTPERR "
                            "logged Timer_EntityBody on the same 4-tuple");
        else
            b.setConfidence(Confidence::Medium, "the capture shows the non-lowercase expectation, no 100 and a stalled "
                                                "body; no HTTPERR line on the same 4-tuple");
        b.setSummary(std::to_string(hits_.count()) +
                     " upload(s) asked for 100-continue with a capitalised token and got no 100 Continue. HTTP.sys "
                     "versions that compare the token case-sensitively ignore it; a client that waits for the 100 "
                     "then stalls until the server's entity-body timer (connectionTimeout) resets the connection.");
        out.push_back(b.take());
    }

private:
    HitCollector hits_;
    std::uint64_t confirmed_ = 0;
};

} // namespace

std::unique_ptr<Detector> makeExpect100CaseMismatch(const SymptomEntry &entry)
{
    return std::make_unique<Expect100CaseMismatch>(entry);
}

} // namespace hs::kb
