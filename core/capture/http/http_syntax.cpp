// SPDX-License-Identifier: MIT
#include "capture/http/http_syntax.h"

#include "capture/http/http_conversation.h"

#include <array>

namespace hs::http {

namespace {

constexpr std::array<bool, 256> makeTokenTable() noexcept
{
    std::array<bool, 256> t{};
    for (int c = '0'; c <= '9'; ++c)
        t[static_cast<std::size_t>(c)] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        t[static_cast<std::size_t>(c)] = true;
    for (int c = 'A'; c <= 'Z'; ++c)
        t[static_cast<std::size_t>(c)] = true;
    for (const char c : std::string_view("!#$%&'*+-.^_`|~"))
        t[static_cast<unsigned char>(c)] = true;
    return t;
}
constexpr std::array<bool, 256> kTokenTable = makeTokenTable();

constexpr char lowerAscii(char c) noexcept
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

// Characters of the methods we know: upper-case letters, '-' (M-SEARCH, VERSION-CONTROL) and '_'
// (RPC_IN_DATA).
constexpr bool isMethodChar(char c) noexcept
{
    return (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}

constexpr std::size_t kMaxMethodLength = 20;

// Sorted by length so the lookup compares only candidates of the right size.
constexpr std::string_view kKnownMethods[] = {
    "ACL",
    "GET",
    "PUT",
    "BIND",
    "COPY",
    "HEAD",
    "LINK",
    "LOCK",
    "MOVE",
    "POST",
    "LABEL",
    "MERGE",
    "MKCOL",
    "PATCH",
    "PURGE",
    "QUERY",
    "TRACE",
    "DELETE",
    "NOTIFY",
    "REBIND",
    "REPORT",
    "SEARCH",
    "SOURCE",
    "UNBIND",
    "UNLINK",
    "UNLOCK",
    "UPDATE",
    "CHECKIN",
    "CONNECT",
    "OPTIONS",
    "CHECKOUT",
    "M-SEARCH",
    "PROPFIND",
    "PROPPATCH",
    "SUBSCRIBE",
    "MKACTIVITY",
    "MKCALENDAR",
    "ORDERPATCH",
    "UNCHECKOUT",
    "MKWORKSPACE",
    "RPC_IN_DATA",
    "UNSUBSCRIBE",
    "RPC_OUT_DATA",
    "VERSION-CONTROL",
    "BASELINE-CONTROL",
};

} // namespace

bool isTokenChar(unsigned char c) noexcept
{
    return kTokenTable[c];
}

bool equalsLower(std::string_view text, std::string_view lower) noexcept
{
    if (text.size() != lower.size())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (lowerAscii(text[i]) != lower[i])
            return false;
    return true;
}

bool startsWithLower(std::string_view text, std::string_view lower) noexcept
{
    return text.size() >= lower.size() && equalsLower(text.substr(0, lower.size()), lower);
}

std::string_view trimSpaces(std::string_view text) noexcept
{
    while (!text.empty() && isSpaceOrTab(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpaceOrTab(text.back()))
        text.remove_suffix(1);
    return text;
}

bool parseDecimal(std::string_view digits, std::uint64_t &value) noexcept
{
    if (digits.empty())
        return false;
    std::uint64_t v = 0;
    constexpr std::uint64_t kMax = static_cast<std::uint64_t>(INT64_MAX);
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return false;
        const auto d = static_cast<std::uint64_t>(c - '0');
        if (v > (kMax - d) / 10)
            return false;
        v = v * 10 + d;
    }
    value = v;
    return true;
}

bool isKnownMethod(std::string_view method) noexcept
{
    for (const std::string_view m : kKnownMethods) {
        if (m.size() > method.size())
            return false;
        if (m == method)
            return true;
    }
    return false;
}

StartClass classifyRequestStart(std::string_view b, bool extensionMethods) noexcept
{
    const bool canWait = b.size() < kClassifyBytes;
    std::size_t i = 0;
    while (i < b.size() && i <= kMaxMethodLength && isMethodChar(b[i]))
        ++i;
    if (i > kMaxMethodLength || i == 0)
        return i == 0 && b.empty() && canWait ? StartClass::NeedMore : StartClass::No;
    if (i == b.size())
        return canWait ? StartClass::NeedMore : StartClass::No;
    if (b[i] != ' ')
        return StartClass::No;
    const bool known = isKnownMethod(b.substr(0, i));
    if (!known && !extensionMethods)
        return StartClass::No;
    const std::string_view target = b.substr(i + 1);
    if (target.empty())
        return canWait ? StartClass::NeedMore : StartClass::No;
    const auto c = static_cast<unsigned char>(target.front());
    if (known)
        return c > ' ' && c != 0x7f ? StartClass::Yes : StartClass::No;
    if (c == '/' || c == '*')
        return StartClass::Yes;
    // An extension method with an absolute-form target ("FOO http://host/ HTTP/1.1").
    constexpr std::string_view kScheme = "http";
    const std::size_t n = std::min(target.size(), kScheme.size());
    if (!equalsLower(target.substr(0, n), kScheme.substr(0, n)))
        return StartClass::No;
    return n == kScheme.size() ? StartClass::Yes : (canWait ? StartClass::NeedMore : StartClass::No);
}

StartClass classifyResponseStart(std::string_view b) noexcept
{
    // "HTTP/" DIGIT "." DIGIT SP
    constexpr std::string_view kPrefix = "HTTP/";
    for (std::size_t i = 0; i < 9; ++i) {
        if (i >= b.size())
            return StartClass::NeedMore;
        const char c = b[i];
        bool ok = false;
        if (i < kPrefix.size())
            ok = c == kPrefix[i];
        else if (i == 5 || i == 7)
            ok = c >= '0' && c <= '9';
        else if (i == 6)
            ok = c == '.';
        else
            ok = isSpaceOrTab(c);
        if (!ok)
            return StartClass::No;
    }
    return StartClass::Yes;
}

StartClass classifyTls(std::string_view b) noexcept
{
    if (b.empty())
        return StartClass::NeedMore;
    const auto b0 = static_cast<unsigned char>(b[0]);
    if (b0 >= 20 && b0 <= 23) { // change_cipher_spec, alert, handshake, application_data
        if (b.size() < 3)
            return StartClass::NeedMore;
        return static_cast<unsigned char>(b[1]) == 3 && static_cast<unsigned char>(b[2]) <= 4 ? StartClass::Tls
                                                                                              : StartClass::No;
    }
    if (b0 & 0x80) { // SSLv2 record header: 2-byte length, then msg type 1 (ClientHello), version
        if (b.size() < 5)
            return StartClass::NeedMore;
        const auto type = static_cast<unsigned char>(b[2]), major = static_cast<unsigned char>(b[3]);
        return type == 1 && (major == 0 || major == 3) && static_cast<unsigned char>(b[4]) <= 4 ? StartClass::Tls
                                                                                                : StartClass::No;
    }
    return StartClass::No;
}

} // namespace hs::http

namespace hs {

bool looksLikeHttpRequestStart(std::string_view bytes) noexcept
{
    return http::classifyRequestStart(bytes) == http::StartClass::Yes;
}

bool looksLikeHttpResponseStart(std::string_view bytes) noexcept
{
    return http::classifyResponseStart(bytes) == http::StartClass::Yes;
}

} // namespace hs
