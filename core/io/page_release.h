// SPDX-License-Identifier: MIT
// Gives back the pages behind memory that is about to be freed or unmapped, without unmapping it.
// Two threads that unmap (or free big blocks, which glibc unmaps) take the process's memory-map
// lock for writing and wait for each other: tearing down a 1 GB analysis on two threads took as
// long as on one. Dropping the pages first (Linux MADV_DONTNEED) needs that lock only for reading,
// so two threads free pages side by side, and the unmaps that follow have nothing left to free.
#pragma once

#include <cstddef>

namespace hs {

// Drops the whole pages inside [data, data + bytes): anonymous pages read as zero afterwards, the
// pages of a file mapping are read from the file again. Call it only on memory whose contents are
// no longer needed. A no-op where the system has no such call.
void releasePages(const void *data, std::size_t bytes) noexcept;

} // namespace hs
