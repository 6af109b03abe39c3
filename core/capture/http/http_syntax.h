// SPDX-License-Identifier: MIT
// Byte-level HTTP/1.x vocabulary shared by the head parser, the body decoder and the stream
// framer: character classes, number parsing with overflow checks, and the start-of-message
// classifiers used to recognise HTTP by content, to resynchronise after a gap and to tell TLS
// apart. Everything here works on std::string_view and never allocates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hs::http {

// RFC 9110 tchar: the characters of a method or a header name.
bool isTokenChar(unsigned char c) noexcept;
inline bool isSpaceOrTab(char c) noexcept
{
    return c == ' ' || c == '\t';
}

// ASCII case-insensitive equality; `lower` must already be lower case.
bool equalsLower(std::string_view text, std::string_view lower) noexcept;
bool startsWithLower(std::string_view text, std::string_view lower) noexcept;
// Strips spaces and tabs (RFC 9110 OWS) from both ends.
std::string_view trimSpaces(std::string_view text) noexcept;

// Decimal Content-Length style number: digits only, no sign, fails on overflow past 2^63-1.
bool parseDecimal(std::string_view digits, std::uint64_t &value) noexcept;

// The methods a request stream may start with when we decide by content that a connection carries
// HTTP (RFC 9110, WebDAV, RFC 5789, Outlook Anywhere RPC over HTTP, SSDP). Case-sensitive.
bool isKnownMethod(std::string_view method) noexcept;

// What the first bytes of a message (or of a whole stream) are.
enum class StartClass : std::uint8_t {
    NeedMore, // a prefix of something plausible: wait for more bytes
    Yes,      // a message starts here
    No,       // not a message start
    Tls,      // a TLS (or SSLv2) record header
};

// Longest prefix any classifier needs before it can decide: a caller that holds this many bytes
// always gets Yes or No.
inline constexpr std::size_t kClassifyBytes = 32;

// "GET /", "OPTIONS *": a known method, one space, then a target character.
// `extensionMethods` also accepts an upper-case token (extension method) followed by a target that
// starts with '/', '*' or "http" — used between messages of a stream already known to be HTTP.
StartClass classifyRequestStart(std::string_view bytes, bool extensionMethods = false) noexcept;
// "HTTP/1.1 200": HTTP/, a digit, '.', a digit and a space.
StartClass classifyResponseStart(std::string_view bytes) noexcept;
// A TLS record header (content type 20-23, version 3.x) or an SSLv2 ClientHello.
StartClass classifyTls(std::string_view bytes) noexcept;

} // namespace hs::http
