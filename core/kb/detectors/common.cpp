// SPDX-License-Identifier: MIT
#include "kb/detectors/common.h"

#include "formats/text_scan.h"
#include "kb/evidence.h"

namespace hs::kb {

bool isContinueExpectation(std::string_view value) noexcept
{
    return text::equalsNoCase(text::trim(value), "100-continue");
}

bool isLowercaseContinue(std::string_view value) noexcept
{
    return text::trim(value) == "100-continue";
}

bool headerHasToken(std::string_view value, std::string_view token) noexcept
{
    while (!value.empty()) {
        const auto comma = value.find(',');
        if (text::equalsNoCase(text::trim(value.substr(0, comma)), token))
            return true;
        if (comma == std::string_view::npos)
            break;
        value.remove_prefix(comma + 1);
    }
    return false;
}

bool hasRequestBody(const Transaction &t) noexcept
{
    return t.requestFraming != BodyFraming::None;
}

StrId literalId(const DetectContext &ctx, std::string_view text)
{
    return ctx.analysis.strings->find(text);
}

const InterimResponse *firstInterim(const Transaction &t, std::uint16_t status) noexcept
{
    for (const auto &i : t.interims)
        if (i.status == status && !i.afterFinal)
            return &i;
    return nullptr;
}

std::string millis(TimeUs duration)
{
    return text::groupThousands(static_cast<std::uint64_t>(duration < 0 ? 0 : (duration + 500) / 1000)) + " ms";
}

void HitCollector::record(const DetectContext &ctx, const Transaction &t, TimeUs rawTime)
{
    ++count_;
    const TimeUs aligned = ctx.aligned(t, rawTime);
    if (aligned != kNoTime) {
        if (first_ == kNoTime || aligned < first_)
            first_ = aligned;
        if (last_ == kNoTime || aligned > last_)
            last_ = aligned;
    }
    if (ctx.corr.w3cOf(t.id).valid())
        ++w3c_;
    if (t.connection.valid() && seenConnections_.insert(t.connection.value).second) {
        if (connections_.size() < FindingBuilder::kMaxConnections)
            connections_.push_back(t.connection);
        if (!ctx.corr.httpErr.linesOn(t.connection).empty())
            ++httpErr_;
    }
}

void HitCollector::cite(const DetectContext &ctx, FindingBuilder &b, bool citeHttpErr) const
{
    b.coverTime(first_);
    b.coverTime(last_);
    for (const ConnectionId c : connections_)
        b.addConnection(ctx.analysis.connections[c.value]);
    std::unordered_set<std::uint64_t> citedLines;
    for (const Hit &h : kept_) {
        const Transaction &t = ctx.analysis.transactions[h.tx.value];
        b.addEvidence(captureEvidence(ctx, t, h.frame, h.time, h.text));
        if (const LogRef w3c = ctx.corr.w3cOf(t.id); w3c.valid() && citedLines.insert(w3c.packed()).second)
            b.addEvidence(logEvidence(ctx, w3c));
        if (citeHttpErr && t.connection.valid())
            for (const auto &[conn, ref] : ctx.corr.httpErr.linesOn(t.connection))
                if (citedLines.insert(ref.packed()).second)
                    b.addEvidence(logEvidence(ctx, ref));
    }
    // Hits beyond the kept ones are counted as evidence too.
    b.finding().evidenceTotal += count_ - kept_.size();
}

} // namespace hs::kb
