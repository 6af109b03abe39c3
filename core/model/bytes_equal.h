// SPDX-License-Identifier: MIT
// Equality of two byte ranges of the same, usually short, length (methods, addresses, URIs), inline.
// The interning caches and the string pool compare a value with a candidate for almost every field
// of every log line; a call into the library's memcmp, with its size dispatch, was 7 % of W3C
// ingestion. Reads stay inside both ranges: the loads overlap instead of running past the end.
#pragma once

#include "model/hash.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace hs {

inline bool bytesEqual(const char *a, const char *b, std::size_t n) noexcept
{
    using detail::load64;
    if (n >= 8) {
        // Whole words, then the last 8 bytes (which may overlap the previous word).
        for (std::size_t i = 0; i + 8 < n; i += 8)
            if (load64(a + i) != load64(b + i))
                return false;
        return load64(a + n - 8) == load64(b + n - 8);
    }
    if (n >= 4) {
        std::uint32_t x0, y0, x1, y1;
        std::memcpy(&x0, a, 4);
        std::memcpy(&y0, b, 4);
        std::memcpy(&x1, a + n - 4, 4);
        std::memcpy(&y1, b + n - 4, 4);
        return x0 == y0 && x1 == y1;
    }
    // 0 to 3 bytes: the first, middle and last cover all of them.
    return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

} // namespace hs
