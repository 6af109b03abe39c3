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
