// SPDX-License-Identifier: MIT
// kb898708 / continue-after-final-response: a "100 Continue" arrives after the final response of
// the same request. IIS 6.0 did this on POSTs (KB898708, fixed in Http.sys 5.2.3790.2433); on a
// server known to be something else the same evidence is the generic protocol violation. The server
// is identified by its Server header, else by the W3C logs' #Software; unknown counts as IIS 6.0
// (the KB is the likelier explanation), with lower confidence.
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"
#include "kb/finding_builder.h"
#include "kb/server_identity.h"

namespace hs::kb {
namespace {

struct Hit {
    TransactionId tx;
    std::size_t interim = 0;
};

struct Group {
    std::vector<Hit> hits;
    ServerIdentity server; // the first identified server of the group
    std::uint64_t withExpect = 0, clientResetAfter = 0, w3cMatched = 0;
};

class StrayContinue final : public Detector {
public:
    StrayContinue(const SymptomEntry &kb898708, const SymptomEntry *generic) : Detector(kb898708), generic_(generic) {}

    void onConnection(DetectContext &ctx, const Connection *conn, std::span<const Transaction> txs) override
    {
        ServerIdentity server;
        bool identified = false;
        for (const Transaction &t : txs) {
            for (std::size_t i = 0; i < t.interims.size(); ++i) {
                const InterimResponse &in = t.interims[i];
                if (!in.afterFinal || in.status != 100)
                    continue;
                if (!identified) {
                    server = serverFor(ctx, txs);
                    identified = true;
                }
                const bool iis6 = !server.known() || server.isIis(6);
                Group &g = iis6 || !generic_ ? kb_ : genericGroup_;
                if (g.hits.empty() || (!g.server.known() && server.known()))
                    g.server = server;
                g.hits.push_back({t.id, i});
                if (t.expectsContinue())
                    ++g.withExpect;
                if (ctx.corr.w3cOf(t.id).valid())
                    ++g.w3cMatched;
                if (conn && conn->reset.kind == ConnectionEnd::Kind::Rst && conn->reset.by == Peer::Client &&
                    conn->reset.time >= in.time)
                    ++g.clientResetAfter;
            }
        }
    }

    void finish(DetectContext &ctx, std::vector<Finding> &out) override
    {
        if (!kb_.hits.empty())
            out.push_back(build(ctx, entry(), kb_, true));
        if (generic_ && !genericGroup_.hits.empty())
            out.push_back(build(ctx, *generic_, genericGroup_, false));
    }

private:
    Finding build(DetectContext &ctx, const SymptomEntry &e, const Group &g, bool isKb) const
    {
        FindingBuilder b(e);
        const Analysis &a = ctx.analysis;
        for (const Hit &h : g.hits) {
            const Transaction &t = a.transactions[h.tx.value];
            const InterimResponse &in = t.interims[h.interim];
            if (const Connection *c = ctx.connectionOf(t))
                b.addConnection(*c);
            b.addEvidence(captureEvidence(ctx, t, in.frame, in.time,
                                          requestText(ctx, t) + " → " + statusText(ctx, t.status, t.reason) +
                                              " → 100 Continue (stray, " + millis(in.time - t.responseTime) +
                                              " after the final response)"));
            if (const LogRef w3c = ctx.corr.w3cOf(t.id); w3c.valid() && b.evidenceKept() < FindingBuilder::kMaxEvidence)
                b.addEvidence(logEvidence(ctx, w3c));
            if (const Connection *c = ctx.connectionOf(t); c && c->reset.kind == ConnectionEnd::Kind::Rst &&
                                                           c->reset.by == Peer::Client && c->reset.time >= in.time &&
                                                           b.evidenceKept() < FindingBuilder::kMaxEvidence)
                b.addEvidence(connectionEvidence(ctx, *c, c->reset.frame, c->reset.time,
                                                 "RST from the client " + millis(c->reset.time - in.time) +
                                                     " after the stray 100 Continue"));
        }
        b.setCount(g.hits.size());
        const bool serverFromLogs = g.server.known() && g.server.from.rfind("#Software", 0) == 0;
        if (isKb) {
            if (g.server.isIis(6) && (serverFromLogs || g.w3cMatched > 0))
                b.setConfidence(Confidence::High, "the capture shows a 100 after the final response and the W3C log (" +
                                                      std::string(g.w3cMatched ? "the same request" : "#Software") +
                                                      ") confirms IIS 6.0");
            else if (g.server.isIis(6))
                b.setConfidence(Confidence::High,
                                "the capture shows a 100 after the final response from a server announcing itself as "
                                "Microsoft-IIS/6.0");
            else
                b.setConfidence(Confidence::Medium, "the capture shows a 100 after the final response; the server's "
                                                    "version is unknown (no Server header, no W3C #Software)");
        } else {
            b.setConfidence(Confidence::High, "the capture shows a 100 after the final response; the server is " +
                                                  g.server.describe() + ", not IIS 6.0");
        }
        std::string summary = std::to_string(g.hits.size()) + " \"100 Continue\" response" +
                              (g.hits.size() == 1 ? "" : "s") + " arrived after the final response of the same request";
        summary += " on " + std::to_string(b.finding().connections.size()) +
                   " connection(s). Server: " + g.server.describe() + ".";
        summary += " " + std::to_string(g.withExpect) +
                   " of these requests carried Expect: 100-continue (the defect does "
                   "not need it).";
        if (g.clientResetAfter)
            summary += " The client reset " + std::to_string(g.clientResetAfter) +
                       " connection(s) after the stray 100, the usual consequence for WinINet clients.";
        if (!isKb)
            summary += " A 1xx after the final response breaks clients that expect the next message to answer their "
                       "next request.";
        b.setSummary(std::move(summary));
        return b.take();
    }

    const SymptomEntry *generic_;
    Group kb_, genericGroup_;
};

} // namespace

std::unique_ptr<Detector> makeStrayContinue(const SymptomEntry &kb898708, const SymptomEntry *generic)
{
    return std::make_unique<StrayContinue>(kb898708, generic);
}

} // namespace hs::kb
