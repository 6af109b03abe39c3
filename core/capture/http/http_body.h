// SPDX-License-Identifier: MIT
// Message body framing (RFC 9112 §6.3) and a decoder that walks a body by counting: it never
// copies or stores body bytes and never allocates, so a declared 10 GB chunk costs nothing but the
// bytes that actually arrive. Chunk sizes are checked for overflow; extensions and trailers are
// skipped with bounded look-ahead.
#pragma once

#include "capture/http/http_head_parser.h"
#include "model/transaction.h"

#include <cstdint>
#include <string_view>

namespace hs::http {

// How the bytes after a head are delimited.
enum class BodyKind : std::uint8_t {
    None,       // no body: the message ends with its head
    Length,     // Content-Length bytes
    Chunked,    // chunked transfer coding (possibly under other codings)
    UntilClose, // everything until the connection closes (responses only)
    Unknown,    // a request whose length cannot be known: the framer resynchronises
};

struct BodyPlan {
    BodyKind kind = BodyKind::None;
    std::uint64_t length = 0;                  // BodyKind::Length
    BodyFraming framing = BodyFraming::None;   // what the transaction records
    std::uint32_t violations = kViolationNone; // framing irregularities (TE+CL, TE in HTTP/1.0, …)
};

BodyPlan planRequestBody(const ParsedHead &request) noexcept;
// `requestMethodHead`: the response answers a HEAD request, so it has no body whatever it says.
// 1xx responses have no body; callers handle 101 and a 2xx to CONNECT (the connection is tunnelled).
BodyPlan planResponseBody(const ParsedHead &response, bool requestMethodHead) noexcept;

class BodyDecoder {
public:
    // Longest chunk-size line extension and trailer section we walk through before calling the
    // body broken: a lost chunk boundary must not swallow the rest of the stream as "trailers".
    static constexpr std::uint64_t kMaxChunkLineBytes = 4096;
    static constexpr std::uint64_t kMaxTrailerBytes = 64 * 1024;

    void start(const BodyPlan &plan) noexcept;
    // Consumes body bytes from the front of `data`; returns how many. Stops at the end of the body
    // (done()) or at bytes it cannot frame (failed(); the bytes are left unconsumed).
    std::size_t consume(std::string_view data) noexcept;
    // The capture lost `length` bytes inside the body. True if framing survives (the gap lies in
    // Content-Length data, chunk data or a close-delimited body); the bytes count as consumed.
    bool skipGap(std::uint64_t length) noexcept;

    bool done() const noexcept { return state_ == State::Done; }
    bool failed() const noexcept { return state_ == State::Failed; }
    bool untilClose() const noexcept { return state_ == State::UntilClose; }
    // Switches a failed or unfinished body to "until close" (a response whose chunking broke).
    void continueUntilClose() noexcept { state_ = State::UntilClose; }
    std::uint32_t chunks() const noexcept { return chunks_; }
    std::uint32_t violations() const noexcept { return violations_; }

private:
    enum class State : std::uint8_t {
        Done,
        Failed,
        Length,
        UntilClose,
        SizeDigits, // hex digits of a chunk size
        SizeSpace,  // spaces after the digits
        SizeExt,    // ";ext=value" up to the line end
        SizeLf,     // CR seen, LF expected
        Data,       // chunk data
        DataCr,     // CRLF after chunk data
        DataLf,
        TrailerStart, // start of a trailer line (or of the final empty line)
        TrailerLine,  // inside a trailer field line
        TrailerLf,    // CR of the final empty line seen
    };
    void endSizeLine() noexcept;
    void fail(std::uint32_t violation) noexcept
    {
        violations_ |= violation;
        state_ = State::Failed;
    }

    State state_ = State::Done;
    bool sawDigit_ = false;
    bool prevCr_ = false;         // the previous call ended on a CR inside an extension or trailer line
    std::uint64_t remaining_ = 0; // Length / Data bytes left, or the chunk size being read
    std::uint64_t lineBytes_ = 0; // bytes of the current size line extension or trailer section
    std::uint32_t chunks_ = 0;
    std::uint32_t violations_ = kViolationNone;
};

} // namespace hs::http
