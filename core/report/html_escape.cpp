// SPDX-License-Identifier: MIT
#include "report/html_escape.h"

#include "formats/text_scan.h"

#include <cstdio>

namespace hs::html {
namespace {

// Windows-1252 for the bytes 0x80-0x9F (0 = undefined in the code page).
constexpr std::uint16_t kCp1252[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                       0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                       0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                       0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Decodes the code point at s[i]: a well-formed UTF-8 sequence as such, any other byte as
// Windows-1252 (the ANSI code page IIS writes on Western systems). Decoding per sequence keeps the
// UTF-8 we add around log text (dashes, arrows) intact when the log text itself is not UTF-8.
std::uint32_t decode(std::string_view s, std::size_t &i) noexcept
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    const std::size_t len = b0 >= 0xC2 && b0 <= 0xDF   ? 2
                            : b0 >= 0xE0 && b0 <= 0xEF ? 3
                            : b0 >= 0xF0 && b0 <= 0xF4 ? 4
                                                       : 0;
    if (len && i + len <= s.size()) {
        std::uint32_t cp = b0 & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
        bool ok = true;
        for (std::size_t k = 1; k < len && ok; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            ok = (b & 0xC0) == 0x80;
            cp = (cp << 6) | (b & 0x3Fu);
        }
        const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (ok && !overlong && !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF) {
            i += len;
            return cp;
        }
    }
    ++i;
    if (b0 < 0xA0)
        return kCp1252[b0 - 0x80] ? kCp1252[b0 - 0x80] : 0xFFFD;
    return b0; // Latin-1 range of Windows-1252
}

void appendUtf8(std::string &out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool isBidiControl(std::uint32_t cp) noexcept
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
           cp == 0x061C;
}

void appendCodePoint(std::string &out, std::uint32_t cp)
{
    switch (cp) {
    case '&': out += "&amp;"; return;
    case '<': out += "&lt;"; return;
    case '>': out += "&gt;"; return;
    case '"': out += "&quot;"; return;
    case '\'': out += "&#39;"; return;
    case '\t':
    case '\n': out += static_cast<char>(cp); return;
    default: break;
    }
    if (cp < 0x20) {
        appendUtf8(out, 0x2400 + cp); // control pictures: NUL -> U+2400 "␀"
    } else if (cp == 0x7F) {
        appendUtf8(out, 0x2421); // "␡"
    } else if ((cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xFDD0 && cp <= 0xFDEF)) {
        appendUtf8(out, 0xFFFD);
    } else if (isBidiControl(cp)) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "[U+%04X]", static_cast<unsigned>(cp));
        out += buf;
    } else {
        appendUtf8(out, cp);
    }
}

} // namespace

void appendEscaped(std::string &out, std::string_view s, std::size_t maxChars)
{
    std::size_t i = 0, written = 0;
    while (i < s.size()) {
        if (written == maxChars) {
            std::size_t rest = 0;
            while (i < s.size()) {
                decode(s, i);
                ++rest;
            }
            out += "\xE2\x80\xA6 [";
            out += text::groupThousands(rest);
            out += rest == 1 ? " more character]" : " more characters]";
            return;
        }
        const auto c = static_cast<unsigned char>(s[i]);
        // Fast path for the common printable ASCII bytes.
        if (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') {
            out += static_cast<char>(c);
            ++i;
        } else {
            appendCodePoint(out, decode(s, i));
        }
        ++written;
    }
}

std::string escape(std::string_view raw, std::size_t maxChars)
{
    std::string out;
    out.reserve(raw.size() + 16);
    appendEscaped(out, raw, maxChars);
    return out;
}

bool isSafeLink(std::string_view url) noexcept
{
    if (!(text::startsWith(url, "https://") || text::startsWith(url, "http://")) || url.size() > 2048)
        return false;
    for (const char ch : url) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`')
            return false;
    }
    return true;
}

} // namespace hs::html
