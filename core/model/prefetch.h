// SPDX-License-Identifier: MIT
// A cache hint for loops that look up millions of keys in tables bigger than the CPU caches: the
// loads of a dependent probe wait one after the other, but a hint issued a few keys ahead lets
// them overlap. A hint never faults, so a stale or past-the-end address is harmless.
#pragma once

namespace hs {

inline void prefetchForWrite(const void *address) noexcept
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address, 1);
#else
    (void)address;
#endif
}

inline void prefetchForRead(const void *address) noexcept
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address, 0);
#else
    (void)address;
#endif
}

} // namespace hs
