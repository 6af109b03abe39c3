// SPDX-License-Identifier: MIT
// The seam between TCP reassembly (core/capture/tcp) and the HTTP/1.x parser (this folder).
//
// The TCP layer owns one HttpConversation per connection and feeds it the reassembled, in-order
// byte stream of each direction, plus gaps (bytes the capture lost), FINs and RSTs. The
// conversation parses both directions, pairs requests with responses (linking 1xx interim
// responses to the request they answer), fills the HTTP-related fields of its Connection and, on
// finish(), appends its transactions to CaptureData::transactions as one contiguous range.
//
// Ownership of Connection fields:
//   TCP layer:  client/server endpoints, times, frames, packets/bytes/gaps/retransmissions,
//               sawSyn/sawSynAck/midstream/clientGuessed, end/reset kind+by+time+frame, finTime.
//   HTTP layer: protocol, upgraded, firstTransaction/transactionCount, and at onReset/onFin the
//               HTTP state fields of end/reset (unansweredRequests, duringRequestBody).
//
// Calling order: feed both directions in capture order (interleaved as the packets came). The
// parser pairs a response with the requests seen before it, and needs the request to know that a
// response to HEAD has no body or that a 2xx to CONNECT opens a tunnel.
//
// What the transactions record (see model/transaction.h for the fields):
//   - times/frames are those of the onData call that carried the byte in question;
//   - *HeaderBytes: start line through the empty line; *BodyBytes: wire bytes after the head,
//     chunk-size lines, chunk CRLFs and trailers included (bytes lost in a gap that framing could
//     bridge are counted too); requestChunks: chunks with data, the final zero chunk not counted;
//   - a body the client withheld after an Expect that got a final response (RFC 9110 §10.1.1) is
//     complete with 0 bytes; a 1xx with no request waiting is recorded on the request answered
//     last with InterimResponse::afterFinal (KB898708); 101 is a final response.
// Irregular input is never an error: it sets HttpViolation bits on the transaction it concerns.
#pragma once

#include "model/connection.h"
#include "model/source.h"
#include "model/string_pool.h"
#include "model/time.h"

#include <cstdint>
#include <memory>
#include <string_view>

namespace hs {

struct HttpConversationOptions {
    std::size_t headArenaBudget = 64u << 20; // raw heads kept in CaptureData::headArena, per source
    std::size_t maxHeaderBytes = 256u << 10; // a header block longer than this is a violation; resync
    // After a gap (or garbage) the next message start is searched for in at most this many bytes;
    // past it the direction is dropped until the next gap (or, for responses, the next request).
    std::uint64_t resyncLookahead = 1u << 20;
    // The worker's cache in front of `strings` (one per thread, outliving the conversation).
    // Without one every header value takes the pool's lock: pass one in bulk readers.
    InternCache *internCache = nullptr;
};

// Content checks used by the TCP layer to decide roles without a SYN and to skip non-HTTP
// connections early. `bytes` is the first payload seen in one direction.
bool looksLikeHttpRequestStart(std::string_view bytes) noexcept;  // "GET / HTTP/1.1", "POST …"
bool looksLikeHttpResponseStart(std::string_view bytes) noexcept; // "HTTP/1.1 200 …"

class HttpConversation {
public:
    // `connectionIndex` is the connection's index in CaptureData::connections (the local id the
    // transactions refer to). `connection` must outlive the conversation.
    HttpConversation(StringPool &strings, CaptureData &out, Connection &connection, std::uint32_t connectionIndex,
                     const HttpConversationOptions &options = {});
    ~HttpConversation();
    HttpConversation(const HttpConversation &) = delete;
    HttpConversation &operator=(const HttpConversation &) = delete;

    // In-order bytes of one direction; `frame` is the capture frame (1-based) that carried the first
    // of these bytes, `time` its timestamp.
    void onData(Dir dir, std::string_view bytes, TimeUs time, std::uint64_t frame);
    // `length` bytes are missing in `dir` before the next onData (capture loss / snaplen). The parser
    // records a violation on the message it was in and resynchronises at the next message start.
    void onGap(Dir dir, std::uint64_t length, TimeUs time, std::uint64_t frame);
    void onFin(Dir dir, TimeUs time, std::uint64_t frame);
    void onReset(Dir sender, TimeUs time, std::uint64_t frame);
    // End of connection or of the capture: completes close-delimited bodies, marks unfinished
    // messages truncated, and appends the transactions to CaptureData.
    void finish(TimeUs time);

    // After the first bytes: false once the stream is known not to be HTTP (TLS, SMB, …), so the TCP
    // layer can stop buffering it; true while undecided or HTTP.
    bool mayBeHttp() const noexcept;
    // CONNECT or 101 Switching Protocols: HTTP parsing stopped; the TCP layer can drop payload.
    bool upgraded() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace hs
