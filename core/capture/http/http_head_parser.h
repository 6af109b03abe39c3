// SPDX-License-Identifier: MIT
// Parses one HTTP/1.x header block (start line + header fields) that is already in memory: the
// stream framer hands it complete heads from a capture, the SAZ reader hands it the head of a raw
// request/response file. Tolerant: every irregularity becomes an HttpViolation bit and parsing
// goes on. Only the fields detectors and body framing need are kept, as views into the block (or
// into the ParsedHead's own scratch strings when a value had to be unfolded or combined).
#pragma once

#include "model/http_types.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace hs::http {

// The header fields we look at. Values of repeated list fields (Connection, Transfer-Encoding,
// Expect, Via, Upgrade, Content-Length) are combined with ", " as RFC 9110 §5.3 allows;
// of the others (Server, User-Agent, Host) the first one is kept.
enum class HeaderId : std::uint8_t {
    Expect,
    Connection,
    TransferEncoding,
    ContentLength,
    Server,
    UserAgent,
    Host,
    Via,
    Upgrade,
    Count
};
inline constexpr std::size_t kHeaderIdCount = static_cast<std::size_t>(HeaderId::Count);

// Looks a header name up, ASCII case-insensitively; HeaderId::Count when it is not one of ours.
HeaderId headerIdOf(std::string_view name) noexcept;

struct ParsedHead {
    // Request line
    std::string_view method;
    std::string_view target;
    bool simpleRequest = false; // HTTP/0.9 "GET /path": no version, no headers, raw response
    // Status line
    std::uint16_t status = 0; // 0 when the status line had no valid 3-digit code
    std::string_view reason;
    HttpVersion version = HttpVersion::Unknown;

    std::array<std::string_view, kHeaderIdCount> values{}; // empty when absent
    std::array<std::uint16_t, kHeaderIdCount> counts{};    // how many field lines carried each

    // Framing facts derived from the fields above.
    bool hasContentLength = false;
    std::int64_t contentLength = -1;  // -1 when absent or invalid (duplicates that disagree, garbage)
    bool hasTransferEncoding = false; // a Transfer-Encoding other than (only) "identity"
    bool chunked = false;             // ... whose final coding is chunked
    bool connectionClose = false;     // Connection: close
    bool connectionKeepAlive = false; // Connection: keep-alive
    bool connectionUpgrade = false;   // Connection: upgrade

    std::uint32_t violations = 0; // HttpViolation bits
    std::uint32_t fieldLines = 0; // header field lines (continuations not counted)

    std::string_view value(HeaderId id) const noexcept { return values[static_cast<std::size_t>(id)]; }

    // Storage for unfolded/combined values; kept between parses so a reused ParsedHead stops
    // allocating once it has seen the longest such value.
    std::array<std::string, kHeaderIdCount> scratch;
};

// `head` is the header block from the first byte of the start line, up to and including the empty
// line that ends it. A block without its empty line (cut by a gap or the end of the capture) is
// parsed as far as it goes. Line ends may be CRLF or bare LF (flagged).
void parseRequestHead(std::string_view head, ParsedHead &out);
void parseResponseHead(std::string_view head, ParsedHead &out);

// The parts of a request line.
struct RequestLine {
    std::string_view method;
    std::string_view target;
    HttpVersion version = HttpVersion::Unknown;
    bool simpleRequest = false;
    bool bad = false; // kViolationBadRequestLine
};

// The start line alone (without its line end). The stream framer uses parseRequestLine to
// recognise HTTP/0.9 simple requests, whose head is that one line.
RequestLine parseRequestLine(std::string_view line) noexcept;
void parseStatusLine(std::string_view line, ParsedHead &out);

// Quick test for the common case: the request line ends in " HTTP/d.d" (so it is not a simple
// request). `line` may still carry its CR.
bool requestLineHasVersion(std::string_view line) noexcept;

} // namespace hs::http
