// SPDX-License-Identifier: MIT
#include "formats/text_scan.h"

#include <bit>

namespace hs::text {
namespace {

inline char lower(char c) noexcept
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

// Windows-1252 0x80-0x9F; 0 marks the five undefined positions (mapped to U+FFFD).
constexpr char16_t kCp1252High[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void appendUtf8(std::string &out, char32_t cp)
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

} // namespace

bool startsWithNoCase(std::string_view s, std::string_view prefix) noexcept
{
    if (s.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lower(s[i]) != lower(prefix[i]))
            return false;
    return true;
}

bool equalsNoCase(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && startsWithNoCase(a, b);
}

std::optional<std::int64_t> parseIsoDate(std::string_view s) noexcept
{
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return std::nullopt;
    unsigned y = 0, m = 0, d = 0;
    if (!parseUnsigned(s.substr(0, 4), y) || !parseUnsigned(s.substr(5, 2), m) || !parseUnsigned(s.substr(8, 2), d))
        return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(static_cast<int>(y), m))
        return std::nullopt;
    return daysFromCivil(static_cast<int>(y), m, d);
}

std::optional<TimeOfDay> parseTimeOfDay(std::string_view s) noexcept
{
    // hh:mm:ss with optional .fff (IIS itself writes whole seconds; some tools add milliseconds)
    if (s.size() < 8 || s[2] != ':' || s[5] != ':')
        return std::nullopt;
    unsigned h = 0, m = 0, sec = 0;
    if (!parseUnsigned(s.substr(0, 2), h) || !parseUnsigned(s.substr(3, 2), m) || !parseUnsigned(s.substr(6, 2), sec) ||
        h > 23 || m > 59 || sec > 60)
        return std::nullopt;
    TimeOfDay t;
    t.micros = (static_cast<TimeUs>(h) * 3600 + m * 60 + sec) * kUsPerSecond;
    if (s.size() > 8) {
        if (s[8] != '.' || s.size() == 9 || s.size() > 15)
            return std::nullopt;
        TimeUs frac = 0;
        std::size_t digits = 0;
        for (std::size_t i = 9; i < s.size(); ++i, ++digits) {
            if (s[i] < '0' || s[i] > '9')
                return std::nullopt;
            frac = frac * 10 + (s[i] - '0');
        }
        for (; digits < 6; ++digits)
            frac *= 10;
        t.micros += frac;
        t.hadFraction = true;
    }
    return t;
}

namespace {

// The first byte >= 0x80 at or after p, or end: 8 bytes a step. A non-ASCII line (a UTF-8 path)
// is mostly ASCII; validation only needs to look closely at the bytes this stops at.
const unsigned char *skipAscii(const unsigned char *p, const unsigned char *end) noexcept
{
    while (end - p >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        if (const std::uint64_t high = w & 0x8080808080808080ULL) {
            if constexpr (std::endian::native == std::endian::little)
                return p + std::countr_zero(high) / 8; // the lowest set bit is in the first byte
            else
                return p + std::countl_zero(high) / 8;
        }
        p += 8;
    }
    while (p < end && *p < 0x80)
        ++p;
    return p;
}

} // namespace

bool isAscii(std::string_view s) noexcept
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    return skipAscii(p, p + s.size()) == p + s.size();
}

bool isValidUtf8(std::string_view s) noexcept
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const auto *end = p + s.size();
    while ((p = skipAscii(p, end)) < end) {
        const unsigned char c = *p;
        int len = 0;
        char32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p < len)
            return false;
        for (int i = 1; i < len; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        // Reject overlong forms, surrogates and out-of-range code points.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += len;
    }
    return true;
}

std::string toDisplayUtf8(std::string_view bytes)
{
    if (isValidUtf8(bytes))
        return std::string(bytes);
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 4);
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80)
            out += static_cast<char>(c);
        else if (c < 0xA0)
            appendUtf8(out, kCp1252High[c - 0x80] ? kCp1252High[c - 0x80] : 0xFFFD);
        else
            appendUtf8(out, c);
    }
    return out;
}

bool looksBinary(std::string_view head) noexcept
{
    std::size_t control = 0;
    for (const char ch : head) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            ++control;
    }
    return control * 100 > head.size();
}

std::string groupThousands(std::uint64_t n)
{
    const std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

} // namespace hs::text
