// SPDX-License-Identifier: MIT
// For a parser helper that must be inlined at each call: the readers call their field reader with
// constant field kinds for the common field sets, and only an inlined call shrinks to its one case.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define HS_FORCE_INLINE inline __attribute__((always_inline))
#elif defined(_MSC_VER)
#define HS_FORCE_INLINE __forceinline
#else
#define HS_FORCE_INLINE inline
#endif
