// SPDX-License-Identifier: MIT
#include "capture/http/http_transaction_builder.h"

#include <iterator>
#include <limits>

namespace hs::http {

TransactionBuilder::TransactionBuilder(StringPool &pool, InternCache *cache, CaptureData &out,
                                       std::uint32_t connectionIndex, std::size_t headArenaBudget)
    : pool_(pool), cache_(cache), out_(out), connectionIndex_(connectionIndex), headArenaBudget_(headArenaBudget)
{
}

TransactionBuilder::~TransactionBuilder() = default;

StrId TransactionBuilder::intern(std::string_view text, std::size_t maxBytes)
{
    if (text.empty())
        return kEmptyStr;
    text = text.substr(0, maxBytes);
    return cache_ ? cache_->intern(text) : pool_.intern(text);
}

void TransactionBuilder::storeHead(std::string_view raw, std::uint64_t &offset, std::uint32_t &size)
{
    if (raw.empty() || raw.size() > std::numeric_limits<std::uint32_t>::max())
        return;
    if (out_.headArena.size() + raw.size() > headArenaBudget_)
        return; // budget spent: the transaction keeps its figures, the GUI shows no raw head
    offset = out_.headArena.size();
    size = static_cast<std::uint32_t>(raw.size());
    out_.headArena.append(raw);
}

void TransactionBuilder::fillHeaders(TransactionHeaders &h, const ParsedHead &head, bool request)
{
    h.expect = intern(head.value(HeaderId::Expect), kMaxValueBytes);
    h.connection = intern(head.value(HeaderId::Connection), kMaxValueBytes);
    h.transferEncoding = intern(head.value(HeaderId::TransferEncoding), kMaxValueBytes);
    h.via = intern(head.value(HeaderId::Via), kMaxValueBytes);
    if (request) {
        h.userAgent = intern(head.value(HeaderId::UserAgent), kMaxValueBytes);
        h.host = intern(head.value(HeaderId::Host), kMaxValueBytes);
    } else {
        h.server = intern(head.value(HeaderId::Server), kMaxValueBytes);
    }
    h.contentLength = head.contentLength;
}

std::uint32_t TransactionBuilder::newTransaction()
{
    const auto index = static_cast<std::uint32_t>(txs_.size());
    Transaction &tx = txs_.emplace_back();
    facts_.emplace_back();
    tx.connection = ConnectionId(connectionIndex_);
    tx.indexInConnection = index;
    return index;
}

std::uint32_t TransactionBuilder::addRequest(const ParsedHead &head, const MessageProgress &progress,
                                             std::string_view raw, bool damaged)
{
    const std::uint32_t index = newTransaction();
    fillRequest(index, head, progress, raw, damaged);
    return index;
}

void TransactionBuilder::fillRequest(std::uint32_t index, const ParsedHead &head, const MessageProgress &progress,
                                     std::string_view raw, bool damaged)
{
    Transaction &tx = txs_[index];
    tx.hasRequest = true;
    tx.method = intern(head.method, kMaxValueBytes);
    tx.target = intern(head.target, kMaxTargetBytes);
    // A cut request line without version reads like HTTP/0.9; we do not know that it was.
    tx.requestVersion = damaged && head.simpleRequest ? HttpVersion::Unknown : head.version;
    fillHeaders(tx.request, head, true);
    tx.requestTime = progress.startTime;
    tx.requestFrame = progress.startFrame;
    tx.requestHeadEndTime = progress.headEndTime;
    tx.requestHeadEndFrame = progress.headEndFrame;
    tx.requestHeaderBytes = progress.headerBytes;
    tx.requestFraming = damaged ? BodyFraming::Unknown : BodyFraming::None;
    tx.violations |= head.violations | progress.violations;
    storeHead(raw, tx.requestHeadOffset, tx.requestHeadSize);
    RequestFacts &facts = facts_[index];
    facts.head = head.method == "HEAD";
    facts.connect = head.method == "CONNECT";
    facts.expect = head.counts[static_cast<std::size_t>(HeaderId::Expect)] > 0;
}

void TransactionBuilder::setRequestFraming(std::uint32_t index, const BodyPlan &plan) noexcept
{
    txs_[index].requestFraming = plan.framing;
    txs_[index].violations |= plan.violations;
}

std::uint32_t TransactionBuilder::addOrphan()
{
    const std::uint32_t index = newTransaction();
    txs_[index].violations |= kViolationResponseWithoutRequest;
    return index;
}

void TransactionBuilder::addInterim(std::uint32_t index, const ParsedHead &head, const MessageProgress &progress,
                                    bool afterFinal)
{
    Transaction &tx = txs_[index];
    tx.interims.push_back(InterimResponse{head.status, progress.startTime, progress.startFrame, afterFinal});
    // RFC 9110 §15.2: a server must not send a 1xx response to an HTTP/1.0 client.
    if (tx.hasRequest && (tx.requestVersion == HttpVersion::Http10 || tx.requestVersion == HttpVersion::Http09))
        tx.violations |= kViolationInterimToHttp10;
    tx.violations |= head.violations | progress.violations;
}

void TransactionBuilder::setFinalResponse(std::uint32_t index, const ParsedHead &head, const MessageProgress &progress,
                                          std::string_view raw)
{
    Transaction &tx = txs_[index];
    tx.hasResponse = true;
    tx.status = head.status;
    tx.reason = intern(head.reason, kMaxValueBytes);
    tx.responseVersion = head.version;
    fillHeaders(tx.response, head, false);
    tx.responseTime = progress.startTime;
    tx.responseFrame = progress.startFrame;
    tx.responseEndTime = progress.headEndTime;
    tx.responseEndFrame = progress.headEndFrame;
    tx.responseHeaderBytes = progress.headerBytes;
    tx.responseFraming = progress.headComplete ? BodyFraming::None : BodyFraming::Unknown;
    tx.violations |= head.violations | progress.violations;
    storeHead(raw, tx.responseHeadOffset, tx.responseHeadSize);
}

void TransactionBuilder::setResponseFraming(std::uint32_t index, BodyFraming framing, std::uint32_t violations) noexcept
{
    txs_[index].responseFraming = framing;
    txs_[index].violations |= violations;
}

void TransactionBuilder::setRawResponse(std::uint32_t index, TimeUs time, std::uint64_t frame)
{
    Transaction &tx = txs_[index];
    tx.hasResponse = true;
    tx.responseTime = time;
    tx.responseFrame = frame;
    tx.responseFraming = BodyFraming::UntilClose;
    if (tx.requestVersion == HttpVersion::Http09) {
        tx.responseVersion = HttpVersion::Http09; // what HTTP/0.9 servers send: the document, then close
    } else {
        tx.violations |= kViolationBadStatusLine;
    }
}

void TransactionBuilder::endRequest(std::uint32_t index, const MessageProgress &p) noexcept
{
    Transaction &tx = txs_[index];
    tx.requestBodyFirstTime = p.bodyFirstTime;
    tx.requestBodyFirstFrame = p.bodyFirstFrame;
    tx.requestBodyLastTime = p.bodyLastTime;
    tx.requestBodyLastFrame = p.bodyLastFrame;
    tx.requestBodyBytes = p.bodyBytes;
    tx.requestChunks = p.chunks;
    tx.requestComplete = p.complete;
    tx.violations |= p.violations;
}

void TransactionBuilder::endResponse(std::uint32_t index, const MessageProgress &p) noexcept
{
    Transaction &tx = txs_[index];
    tx.responseBodyBytes = p.bodyBytes;
    if (p.bodyBytes) {
        tx.responseEndTime = p.bodyLastTime;
        tx.responseEndFrame = p.bodyLastFrame;
    } else {
        tx.responseEndTime = p.headEndTime;
        tx.responseEndFrame = p.headEndFrame;
    }
    tx.responseComplete = p.complete;
    tx.violations |= p.violations;
}

void TransactionBuilder::appendTo(Connection &connection)
{
    const auto base = static_cast<std::uint32_t>(out_.transactions.size());
    for (std::size_t i = 0; i < txs_.size(); ++i) {
        Transaction &tx = txs_[i];
        tx.id = TransactionId(base + static_cast<std::uint32_t>(i));
        out_.httpRequests += tx.hasRequest ? 1 : 0;
        out_.httpResponses += tx.hasResponse ? 1 : 0;
        out_.httpInterim += tx.interims.size();
    }
    out_.transactions.insert(out_.transactions.end(), std::make_move_iterator(txs_.begin()),
                             std::make_move_iterator(txs_.end()));
    connection.firstTransaction = base;
    connection.transactionCount = static_cast<std::uint32_t>(txs_.size());
    txs_.clear();
    facts_.clear();
}

} // namespace hs::http
