// SPDX-License-Identifier: MIT
// Byte-level helpers for the text log readers' hot loops: no allocation, no locale, no QString.
#pragma once

#include "model/time.h"

#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace hs::text {

inline bool startsWith(std::string_view s, std::string_view prefix) noexcept
{
    return s.size() >= prefix.size() && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) noexcept;
bool equalsNoCase(std::string_view a, std::string_view b) noexcept;

inline std::string_view trim(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Whether trim(s) is empty, without walking a line that starts with text (nearly every log line).
inline bool isBlank(std::string_view s) noexcept
{
    return s.empty() || ((s.front() == ' ' || s.front() == '\t' || s.front() == '\r') && trim(s).empty());
}

// The largest value parseUnsigned stores in T: T::kMax for packed types (ByteCount40), else the
// type's own maximum.
template <typename T>
constexpr std::uint64_t unsignedMax() noexcept
{
    if constexpr (requires { T::kMax; })
        return T::kMax;
    else
        return std::numeric_limits<T>::max();
}

// Unsigned decimal; false on empty, non-digits or overflow. Up to 19 digits cannot overflow 64 bits,
// so the loop needs no per-digit overflow check (this runs several times per log line).
template <typename T>
inline bool parseUnsigned(std::string_view s, T &out) noexcept
{
    if (s.empty() || s.size() > 19)
        return false;
    std::uint64_t v = 0;
    for (const char c : s) {
        const auto d = static_cast<unsigned>(static_cast<unsigned char>(c) - '0');
        if (d > 9)
            return false;
        v = v * 10 + d;
    }
    if (v > unsignedMax<T>())
        return false;
    out = static_cast<T>(v);
    return true;
}

// parseUnsigned for a value inside `readable` (the mapped input it was split from): up to 8 digits are
// checked and converted together in one 64-bit word (no loop, no branch per digit; ports, status
// codes and times are parsed several times per line). The word load may read past the value but
// never past `readable`; values elsewhere (unescaped copies) or near its end take parseUnsigned.
template <typename T>
inline bool parseUnsignedIn(std::string_view s, std::string_view readable, T &out) noexcept
{
    const auto at = reinterpret_cast<std::uintptr_t>(s.data());
    const auto from = reinterpret_cast<std::uintptr_t>(readable.data());
    const std::size_t n = s.size();
    if (n == 0 || n > 8 || at < from || at + 8 > from + readable.size())
        return parseUnsigned(s, out);
    std::uint64_t word;
    std::memcpy(&word, s.data(), 8);                              // the first character in the lowest byte
    const std::uint64_t keep = ~std::uint64_t{0} >> (64 - 8 * n); // the value's n bytes
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL, kZeros = 0x3030303030303030ULL;
    // A byte is a digit when subtracting '0' does not wrap (no high bit) and adding 0x46 does not
    // reach 0x80 (it is at most '9'); one of the two sets the high bit of any other byte. Borrows
    // and carries run only from a non-digit to the bytes above it, so they cannot hide one.
    if ((((word - kZeros) | (word + 0x4646464646464646ULL)) & kHigh & keep) != 0)
        return false;
    std::uint64_t digits = ((word & keep) - (kZeros & keep)) << (8 * (8 - n)); // leading zeros
    digits = (digits * 2561) >> 8;                                             // pairs
    digits = ((digits & 0x00FF00FF00FF00FFULL) * 6553601) >> 16;               // groups of four
    const std::uint64_t v = ((digits & 0x0000FFFF0000FFFFULL) * 42949672960001ULL) >> 32;
    if (v > unsignedMax<T>())
        return false;
    out = static_cast<T>(v);
    return true;
}

// "2026-11-21" -> days since epoch
std::optional<std::int64_t> parseIsoDate(std::string_view s) noexcept;

// "10:00:01" (or "10:00:01.234" when allowFraction) -> microseconds since midnight
struct TimeOfDay {
    TimeUs micros = 0;
    bool hadFraction = false;
};
std::optional<TimeOfDay> parseTimeOfDay(std::string_view s) noexcept;

// True if every byte is 7-bit ASCII (fast path), else whether it is valid UTF-8.
bool isValidUtf8(std::string_view s) noexcept;
bool isAscii(std::string_view s) noexcept;

// Text for display: valid UTF-8 is returned as is; anything else is taken as Windows-1252 (the ANSI
// code page IIS writes on Western systems) and converted, so the output is always valid UTF-8.
std::string toDisplayUtf8(std::string_view bytes);

// "1,234,567"
std::string groupThousands(std::uint64_t n);

// For sniffers: a text log may hold a stray NUL or control byte on a damaged line; a binary file
// holds many. True when more than 1 % of the bytes are NULs or non-whitespace C0 controls.
bool looksBinary(std::string_view head) noexcept;

} // namespace hs::text
