// SPDX-License-Identifier: MIT
#include "report/html_transaction.h"

#include "formats/text_scan.h"
#include "report/html_context.h"

namespace hs::html {
namespace {

std::string statusLabel(const Analysis &a, std::uint16_t status, StrId reason)
{
    std::string s = std::to_string(status);
    const std::string_view r = a.str(reason);
    if (!r.empty()) {
        s += ' ';
        s.append(r);
    } else if (status == 100) {
        s += " Continue";
    }
    return s;
}

std::string_view peerName(Peer p) noexcept
{
    return p == Peer::Client ? "client" : p == Peer::Server ? "server" : "unknown side";
}

std::string relative(TimeUs from, TimeUs t)
{
    if (from == kNoTime || t == kNoTime)
        return {};
    const TimeUs d = t - from;
    return d >= 0 ? "+" + formatDuration(d) : "\xE2\x88\x92" + formatDuration(-d);
}

std::string_view framingText(BodyFraming f) noexcept
{
    switch (f) {
    case BodyFraming::None: return "no body";
    case BodyFraming::ContentLength: return "Content-Length";
    case BodyFraming::Chunked: return "chunked";
    case BodyFraming::ChunkedAndLength: return "chunked and Content-Length (ambiguous)";
    case BodyFraming::UntilClose: return "until close";
    case BodyFraming::Unknown: return "unknown framing";
    }
    return "";
}

std::string_view stepClass(TxStep::Kind k) noexcept
{
    switch (k) {
    case TxStep::Kind::Request: return "step";
    case TxStep::Kind::Interim: return "step interim";
    case TxStep::Kind::Final: return "step ok";
    case TxStep::Kind::Stray: return "step stray";
    case TxStep::Kind::Missing:
    case TxStep::Kind::EndError: return "step err";
    case TxStep::Kind::End: return "step";
    }
    return "step";
}

} // namespace

std::vector<TxStep> transactionSteps(const Analysis &a, const Transaction &t,
                                     const std::function<std::string(std::string_view)> &target)
{
    std::vector<TxStep> steps;
    if (t.hasRequest) {
        std::string label(a.str(t.method));
        const std::string_view raw = a.str(t.target);
        if (!raw.empty()) {
            label += ' ';
            label += target ? target(raw) : std::string(raw);
        }
        steps.push_back({TxStep::Kind::Request, label, t.requestTime, t.requestFrame});
    } else {
        steps.push_back({TxStep::Kind::Missing, "no request seen", kNoTime, 0});
    }
    for (const auto &i : t.interims)
        if (!i.afterFinal)
            steps.push_back({TxStep::Kind::Interim, statusLabel(a, i.status, kEmptyStr), i.time, i.frame});
    if (t.hasResponse) {
        TxStep final{TxStep::Kind::Final, statusLabel(a, t.status, t.reason), t.responseTime, t.responseFrame};
        if (t.status >= 400)
            final.kind = TxStep::Kind::EndError;
        if (!t.responseComplete)
            final.label += " (incomplete)";
        steps.push_back(std::move(final));
    } else {
        steps.push_back({TxStep::Kind::Missing, "no final response", kNoTime, 0});
    }
    for (const auto &i : t.interims)
        if (i.afterFinal)
            steps.push_back({TxStep::Kind::Stray, statusLabel(a, i.status, kEmptyStr) + " (stray)", i.time, i.frame});
    // How the connection ended, when this was its last request.
    if (t.connection.valid() && t.connection.value < a.connections.size()) {
        const Connection &conn = a.connections[t.connection.value];
        const bool last = conn.transactionCount == 0 || t.indexInConnection + 1 >= conn.transactionCount;
        if (last && conn.reset.kind == ConnectionEnd::Kind::Rst)
            steps.push_back({TxStep::Kind::EndError, "RST by " + std::string(peerName(conn.reset.by)), conn.reset.time,
                             conn.reset.frame});
        else if (last && conn.end.kind == ConnectionEnd::Kind::Fin)
            steps.push_back(
                {TxStep::Kind::End, "FIN by " + std::string(peerName(conn.end.by)), conn.end.time, conn.end.frame});
    }
    return steps;
}

std::string transactionSummary(const std::vector<TxStep> &steps)
{
    std::string s;
    for (const auto &step : steps) {
        if (!s.empty())
            s += " \xE2\x86\x92 ";
        if (step.kind == TxStep::Kind::Request)
            s += step.label.substr(0, step.label.find(' '));
        else
            s += step.label;
    }
    return s;
}

void writeTransaction(Context &c, const Transaction &t)
{
    const Analysis &a = c.a;
    const auto steps = transactionSteps(a, t, [&](std::string_view u) { return c.uri(u); });
    c.raw("<div class=\"tx\" role=\"list\">");
    const TimeUs t0 = t.requestTime != kNoTime ? t.requestTime : t.responseTime;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const TxStep &s = steps[i];
        if (i)
            c.raw("<span class=\"arrow\" aria-hidden=\"true\">\xE2\x86\x92</span>");
        c.raw("<span role=\"listitem\" class=\"");
        c.raw(stepClass(s.kind));
        c.raw("\"");
        if (s.frame) {
            c.raw(" title=\"frame ");
            c.count(s.frame);
            c.raw("\"");
        }
        c.raw(">");
        c.text(s.label, 160);
        const std::string rel = i ? relative(t0, s.time) : std::string();
        if (!rel.empty()) {
            c.raw(" <span class=\"muted\">");
            c.text(rel);
            c.raw("</span>");
        }
        c.raw("</span>");
    }
    c.raw("</div><div class=\"txmeta\">");
    std::vector<std::string> facts;
    if (const Source *src = c.source(t.source)) {
        std::string where = c.path(src->path);
        if (t.requestFrame)
            where += " #" + std::to_string(t.requestFrame);
        if (t.responseEndFrame && t.responseEndFrame != t.requestFrame)
            where += "\xE2\x80\x93" + std::to_string(t.responseEndFrame);
        facts.push_back(where);
    }
    if (t.requestTime != kNoTime) {
        const Source *src = c.source(t.source);
        facts.push_back(formatHuman(t.requestTime + (src ? src->clockOffset : 0)));
    }
    if (t.connection.valid() && t.connection.value < a.connections.size())
        facts.push_back(c.connectionKey(a.connections[t.connection.value].key()) + " (request " +
                        std::to_string(t.indexInConnection + 1) + " on it)");
    if (t.requestVersion != HttpVersion::Unknown)
        facts.push_back(std::string(toString(t.requestVersion)));
    if (t.request.expect != kEmptyStr)
        facts.push_back("Expect: " + std::string(a.str(t.request.expect)));
    if (t.hasRequest && (t.requestFraming != BodyFraming::None || t.requestBodyBytes)) {
        std::string body = "request body: " + std::string(framingText(t.requestFraming));
        if (t.requestChunks)
            body += ", " + plural(t.requestChunks, "chunk", "chunks");
        body += ", " + plural(t.requestBodyBytes, "byte", "bytes");
        if (!t.requestComplete)
            body += ", incomplete";
        facts.push_back(body);
    }
    if (t.request.host != kEmptyStr)
        facts.push_back("Host: " + c.freeText(a.str(t.request.host)));
    if (t.request.userAgent != kEmptyStr)
        facts.push_back("User-Agent: " + c.freeText(a.str(t.request.userAgent)));
    if (t.response.server != kEmptyStr)
        facts.push_back("Server: " + c.freeText(a.str(t.response.server)));
    for (std::size_t i = 0; i < facts.size(); ++i) {
        if (i)
            c.raw(" \xC2\xB7 ");
        c.text(facts[i], 300);
    }
    c.raw("</div>");

    // Raw header blocks, when the capture reader kept them in its arena.
    const Source *src = c.source(t.source);
    if (src && src->capture) {
        const std::string &arena = src->capture->headArena;
        auto block = [&](std::uint64_t off, std::uint32_t size) -> std::string_view {
            if (size == 0 || off > arena.size() || size > arena.size() - off)
                return {};
            return std::string_view(arena).substr(off, size);
        };
        const std::string_view req = block(t.requestHeadOffset, t.requestHeadSize);
        const std::string_view resp = block(t.responseHeadOffset, t.responseHeadSize);
        if (!req.empty() || !resp.empty()) {
            c.raw("<details class=\"block\"><summary>Raw headers");
            if (t.requestFrame) {
                c.raw(" (request frame ");
                c.count(t.requestFrame);
                if (t.responseFrame) {
                    c.raw(", response frame ");
                    c.count(t.responseFrame);
                }
                c.raw(")");
            }
            c.raw("</summary><pre class=\"raw\">");
            std::string both(req);
            if (!resp.empty()) {
                if (!both.empty())
                    both += "\n";
                both.append(resp);
            }
            // CRLF shown as line breaks, not as control pictures.
            std::string normalised;
            normalised.reserve(both.size());
            for (std::size_t i = 0; i < both.size(); ++i)
                if (!(both[i] == '\r' && i + 1 < both.size() && both[i + 1] == '\n'))
                    normalised += both[i];
            c.text(c.headerBlock(normalised), c.o.maxHeaderBlockChars);
            c.raw("</pre></details>");
        }
    }
}

} // namespace hs::html
