// SPDX-License-Identifier: MIT
#include "http_script.h"

#include <sstream>

namespace hs::test {

ConversationScript &ConversationScript::add(ScriptStep::Kind kind, Dir dir, std::string_view bytes)
{
    ScriptStep s;
    s.kind = kind;
    s.dir = dir;
    s.bytes = std::string(bytes);
    s.time = timeOf(steps_.size());
    s.frame = steps_.size() + 1;
    steps_.push_back(std::move(s));
    return *this;
}

ConversationScript &ConversationScript::gap(Dir dir, std::uint64_t length)
{
    add(ScriptStep::Kind::Gap, dir, {});
    steps_.back().gapLength = length;
    return *this;
}

std::string_view ConversationRun::rawRequestHead(std::size_t i) const
{
    const Transaction &t = tx(i);
    return std::string_view(capture.headArena).substr(t.requestHeadOffset, t.requestHeadSize);
}

std::string_view ConversationRun::rawResponseHead(std::size_t i) const
{
    const Transaction &t = tx(i);
    return std::string_view(capture.headArena).substr(t.responseHeadOffset, t.responseHeadSize);
}

ConversationRun runScript(const ConversationScript &script, const DataFeeder &feed, HttpConversationOptions options)
{
    ConversationRun run;
    run.connection.sawSyn = !script.isMidstream();
    run.connection.sawSynAck = !script.isMidstream();
    run.connection.midstream = script.isMidstream();
    TimeUs last = ConversationScript::timeOf(0);
    {
        HttpConversation conversation(*run.pool, run.capture, run.connection, 0, options);
        for (const ScriptStep &s : script.steps()) {
            last = s.time;
            switch (s.kind) {
            case ScriptStep::Kind::Data:
                if (feed)
                    feed(conversation, s);
                else
                    conversation.onData(s.dir, s.bytes, s.time, s.frame);
                break;
            case ScriptStep::Kind::Gap: conversation.onGap(s.dir, s.gapLength, s.time, s.frame); break;
            case ScriptStep::Kind::Fin: conversation.onFin(s.dir, s.time, s.frame); break;
            case ScriptStep::Kind::Rst: conversation.onReset(s.dir, s.time, s.frame); break;
            }
        }
        conversation.finish(last);
        run.mayBeHttp = conversation.mayBeHttp();
        run.upgraded = conversation.upgraded();
    }
    return run;
}

namespace {

void headers(std::ostringstream &o, const ConversationRun &run, const char *side, const TransactionHeaders &h)
{
    o << side << ".expect=" << run.str(h.expect) << "\n"
      << side << ".connection=" << run.str(h.connection) << "\n"
      << side << ".te=" << run.str(h.transferEncoding) << "\n"
      << side << ".server=" << run.str(h.server) << "\n"
      << side << ".ua=" << run.str(h.userAgent) << "\n"
      << side << ".host=" << run.str(h.host) << "\n"
      << side << ".via=" << run.str(h.via) << "\n"
      << side << ".cl=" << h.contentLength << "\n";
}

void end(std::ostringstream &o, const char *name, const ConnectionEnd &e)
{
    o << name << ".unanswered=" << e.unansweredRequests << " " << name << ".duringBody=" << e.duringRequestBody << "\n";
}

} // namespace

std::string describe(const ConversationRun &run)
{
    std::ostringstream o;
    const CaptureData &c = run.capture;
    o << "requests=" << c.httpRequests << " responses=" << c.httpResponses << " interim=" << c.httpInterim
      << " transactions=" << c.transactions.size() << "\n";
    const Connection &k = run.connection;
    o << "protocol=" << static_cast<int>(k.protocol) << " upgraded=" << k.upgraded << " first=" << k.firstTransaction
      << " count=" << k.transactionCount << " mayBeHttp=" << run.mayBeHttp << " upgradedCall=" << run.upgraded << "\n";
    end(o, "end", k.end);
    end(o, "reset", k.reset);
    for (std::size_t i = 0; i < c.transactions.size(); ++i) {
        const Transaction &t = c.transactions[i];
        o << "--- tx " << i << " id=" << t.id.value << " conn=" << t.connection.value
          << " index=" << t.indexInConnection << "\n";
        o << "request=" << t.hasRequest << " method=" << run.str(t.method) << " target=" << run.str(t.target)
          << " version=" << static_cast<int>(t.requestVersion) << " framing=" << static_cast<int>(t.requestFraming)
          << "\n";
        headers(o, run, "req", t.request);
        o << "req.time=" << t.requestTime << "/" << t.requestFrame << " headEnd=" << t.requestHeadEndTime << "/"
          << t.requestHeadEndFrame << " bodyFirst=" << t.requestBodyFirstTime << "/" << t.requestBodyFirstFrame
          << " bodyLast=" << t.requestBodyLastTime << "/" << t.requestBodyLastFrame << "\n";
        o << "req.headerBytes=" << t.requestHeaderBytes << " bodyBytes=" << t.requestBodyBytes
          << " chunks=" << t.requestChunks << " complete=" << t.requestComplete << "\n";
        for (const InterimResponse &r : t.interims)
            o << "interim " << r.status << " " << r.time << "/" << r.frame << " afterFinal=" << r.afterFinal << "\n";
        o << "response=" << t.hasResponse << " status=" << t.status << " reason=" << run.str(t.reason)
          << " version=" << static_cast<int>(t.responseVersion) << " framing=" << static_cast<int>(t.responseFraming)
          << "\n";
        headers(o, run, "resp", t.response);
        o << "resp.time=" << t.responseTime << "/" << t.responseFrame << " end=" << t.responseEndTime << "/"
          << t.responseEndFrame << " headerBytes=" << t.responseHeaderBytes << " bodyBytes=" << t.responseBodyBytes
          << " complete=" << t.responseComplete << "\n";
        o << "violations=0x" << std::hex << t.violations << std::dec << "\n";
        o << "reqHead=[" << run.rawRequestHead(i) << "]\nrespHead=[" << run.rawResponseHead(i) << "]\n";
    }
    return o.str();
}

namespace {

std::string firstDifferingLine(const std::string &expected, const std::string &actual)
{
    std::istringstream a(expected), b(actual);
    std::string la, lb;
    for (int line = 1;; ++line) {
        const bool ha = static_cast<bool>(std::getline(a, la));
        const bool hb = static_cast<bool>(std::getline(b, lb));
        if (!ha && !hb)
            return "identical";
        if (!ha || !hb || la != lb)
            return "line " + std::to_string(line) + ": expected [" + (ha ? la : "<end>") + "] got [" +
                   (hb ? lb : "<end>") + "]";
    }
}

} // namespace

std::string splitInvarianceFailure(const ConversationScript &script, HttpConversationOptions options)
{
    const std::string reference = describe(runScript(script, {}, options));
    const auto &steps = script.steps();
    for (std::size_t which = 0; which < steps.size(); ++which) {
        if (steps[which].kind != ScriptStep::Kind::Data)
            continue;
        for (std::size_t cut = 1; cut < steps[which].bytes.size(); ++cut) {
            const DataFeeder feeder = [&](HttpConversation &conv, const ScriptStep &s) {
                const std::string_view b = s.bytes;
                if (&s == &steps[which]) {
                    conv.onData(s.dir, b.substr(0, cut), s.time, s.frame);
                    conv.onData(s.dir, b.substr(cut), s.time, s.frame);
                } else {
                    conv.onData(s.dir, b, s.time, s.frame);
                }
            };
            const std::string d = describe(runScript(script, feeder, options));
            if (d != reference)
                return "step " + std::to_string(which) + " cut at " + std::to_string(cut) + ": " +
                       firstDifferingLine(reference, d);
        }
    }
    const DataFeeder bytewise = [](HttpConversation &conv, const ScriptStep &s) {
        for (std::size_t i = 0; i < s.bytes.size(); ++i)
            conv.onData(s.dir, std::string_view(s.bytes).substr(i, 1), s.time, s.frame);
    };
    const std::string d = describe(runScript(script, bytewise, options));
    if (d != reference)
        return "byte by byte: " + firstDifferingLine(reference, d);
    return {};
}

} // namespace hs::test
