// SPDX-License-Identifier: MIT
// Turns parsed heads and framed messages into Transaction records: interns the header values the
// detectors need (through an InternCache, so repeated values never reach the pool's lock), keeps
// the raw heads in the source's head arena while its budget lasts, and hands the connection's
// transactions to CaptureData as one contiguous range.
#pragma once

#include "capture/http/http_body.h"
#include "capture/http/http_head_parser.h"
#include "capture/http/http_message_stream.h"
#include "model/connection.h"
#include "model/source.h"
#include "model/string_pool.h"
#include "model/transaction.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace hs::http {

class TransactionBuilder {
public:
    // Longest values interned: a 300 KB target or header is a violation already and must not
    // balloon the shared pool.
    static constexpr std::size_t kMaxTargetBytes = 8192;
    static constexpr std::size_t kMaxValueBytes = 4096;

    // What the response side needs to know about a request.
    struct RequestFacts {
        bool head = false;    // HEAD: the response has no body
        bool connect = false; // CONNECT: a 2xx turns the connection into a tunnel
        bool expect = false;  // sent an Expect header
    };

    TransactionBuilder(StringPool &pool, InternCache *cache, CaptureData &out, std::uint32_t connectionIndex,
                       std::size_t headArenaBudget);
    ~TransactionBuilder();
    TransactionBuilder(const TransactionBuilder &) = delete;
    TransactionBuilder &operator=(const TransactionBuilder &) = delete;

    // A request head. `damaged`: cut by a gap, the head-size limit or the end of the stream.
    std::uint32_t addRequest(const ParsedHead &head, const MessageProgress &progress, std::string_view raw,
                             bool damaged);
    // A transaction for a request whose head is still arriving (a server may answer before it is
    // complete: 400, 408, 414); fillRequest completes it once the head is known.
    std::uint32_t addAwaitingRequestHead() { return newTransaction(); }
    void fillRequest(std::uint32_t tx, const ParsedHead &head, const MessageProgress &progress, std::string_view raw,
                     bool damaged);
    void setRequestFraming(std::uint32_t tx, const BodyPlan &plan) noexcept;
    // A transaction for a response whose request we never saw.
    std::uint32_t addOrphan();
    void markWithoutRequest(std::uint32_t tx) noexcept { txs_[tx].violations |= kViolationResponseWithoutRequest; }
    void addInterim(std::uint32_t tx, const ParsedHead &head, const MessageProgress &progress, bool afterFinal);
    void setFinalResponse(std::uint32_t tx, const ParsedHead &head, const MessageProgress &progress,
                          std::string_view raw);
    void setResponseFraming(std::uint32_t tx, BodyFraming framing, std::uint32_t violations) noexcept;
    // A response without status line (HTTP/0.9, or a server that sent no head): body until close.
    void setRawResponse(std::uint32_t tx, TimeUs time, std::uint64_t frame);
    // The message ended (complete or not): copy its body figures.
    void endRequest(std::uint32_t tx, const MessageProgress &progress) noexcept;
    void endResponse(std::uint32_t tx, const MessageProgress &progress) noexcept;

    Transaction &operator[](std::uint32_t tx) noexcept { return txs_[tx]; }
    const Transaction &operator[](std::uint32_t tx) const noexcept { return txs_[tx]; }
    const RequestFacts &facts(std::uint32_t tx) const noexcept { return facts_[tx]; }
    std::size_t size() const noexcept { return txs_.size(); }

    // Moves the transactions to CaptureData::transactions, sets the connection's range and adds to
    // the capture's request/response/interim counters.
    void appendTo(Connection &connection);

private:
    StrId intern(std::string_view text, std::size_t maxBytes);
    void storeHead(std::string_view raw, std::uint64_t &offset, std::uint32_t &size);
    void fillHeaders(TransactionHeaders &headers, const ParsedHead &head, bool request);
    std::uint32_t newTransaction();

    StringPool &pool_;
    InternCache *cache_; // may be null: then values go straight to the pool
    CaptureData &out_;
    std::uint32_t connectionIndex_;
    std::size_t headArenaBudget_;
    std::vector<Transaction> txs_;
    std::vector<RequestFacts> facts_;
};

} // namespace hs::http
