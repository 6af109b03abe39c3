// SPDX-License-Identifier: MIT
#include "kb/evidence.h"

#include "formats/text_scan.h"
#include "kb/status_text.h"

namespace hs::kb {
namespace {

constexpr std::size_t kMaxTargetChars = 100;

std::string shortened(std::string_view s, std::size_t max)
{
    if (s.size() <= max)
        return std::string(s);
    return std::string(s.substr(0, max)) + "…";
}

} // namespace

std::string requestText(const DetectContext &ctx, const Transaction &t)
{
    std::string out(ctx.str(t.method));
    out += ' ';
    out += shortened(ctx.str(t.target), kMaxTargetChars);
    return out;
}

std::string statusText(const DetectContext &ctx, std::uint16_t status, StrId reason)
{
    std::string out = std::to_string(status);
    std::string_view phrase = reason != kEmptyStr ? ctx.str(reason) : standardReasonPhrase(status);
    if (phrase.empty())
        phrase = standardReasonPhrase(status);
    if (!phrase.empty()) {
        out += ' ';
        out += shortened(phrase, 40);
    }
    return out;
}

std::string_view peerName(Peer p) noexcept
{
    switch (p) {
    case Peer::Client: return "client";
    case Peer::Server: return "server";
    case Peer::None: break;
    }
    return "?";
}

Evidence logEvidence(const DetectContext &ctx, LogRef ref)
{
    Evidence e;
    e.source = ref.source;
    const Source &src = ctx.analysis.source(ref.source);
    if (!src.log)
        return e;
    std::uint64_t line = 0;
    if (!src.log->httpErr.empty() && ref.index < src.log->httpErr.size()) {
        const HttpErrRecord &r = src.log->httpErr[ref.index];
        line = r.line;
        e.time = r.time;
    } else if (ref.index < src.log->access.size()) {
        const AccessRecord &r = src.log->access[ref.index];
        line = r.line;
        e.time = r.time;
    }
    e.line = line;
    std::string_view raw = src.rawLine(line);
    while (!raw.empty() && (raw.back() == '\r' || raw.back() == '\n'))
        raw.remove_suffix(1);
    e.text = std::string(raw);
    return e;
}

Evidence captureEvidence(const DetectContext &ctx, const Transaction &t, std::uint64_t frame, TimeUs rawTime,
                         std::string text)
{
    Evidence e;
    e.source = t.source;
    e.frame = frame;
    e.time = ctx.aligned(t.source, rawTime);
    e.text = std::move(text);
    e.connection = t.connection;
    e.transaction = t.id;
    return e;
}

Evidence connectionEvidence(const DetectContext &ctx, const Connection &c, std::uint64_t frame, TimeUs rawTime,
                            std::string text)
{
    Evidence e;
    e.source = c.source;
    e.frame = frame;
    e.time = ctx.aligned(c.source, rawTime);
    e.text = std::move(text);
    e.connection = c.id;
    return e;
}

std::string userAgentText(const DetectContext &ctx, StrId ua)
{
    if (ua == kEmptyStr)
        return "(no User-Agent)";
    return shortened(ctx.str(ua), 80);
}

} // namespace hs::kb
