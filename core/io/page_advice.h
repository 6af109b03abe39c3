// SPDX-License-Identifier: MIT
// Advice to the kernel about the pages of big buffers (anonymous record vectors, file maps of the
// inputs), on whole pages inside a buffer. Linux only; elsewhere both are no-ops and pages fault
// and are freed as usual.
//
// WritePrefaulter faults in the pages of a reserved buffer shortly before a parser writes them.
// Each chunk's record vector is reserved for every line and filled front to back; left alone, each
// 4 KiB page faults on its first write, and on the 1 GB W3C log those 110,000 faults were most of
// the 0.4-0.6 s of system time. One madvise(MADV_POPULATE_WRITE) call faults in a window of pages
// without the trap per page. Only a window ahead of the writes: the reservation is an upper bound
// (a file of rejected lines fills none of it), so populating all of it could cost memory no record
// uses.
//
// releasePages gives back the pages behind memory that is about to be freed or unmapped, without
// unmapping it. Two threads that unmap (or free big blocks, which glibc unmaps) take the process's
// memory-map lock for writing and wait for each other: tearing down a 1 GB analysis on two threads
// took as long as on one. Dropping the pages first (MADV_DONTNEED) needs that lock only for
// reading, so two threads free pages side by side, and the unmaps that follow have nothing left to
// free.
#pragma once

#include <cstddef>

namespace hs {

class WritePrefaulter {
public:
    // Keeps [data, data + capacityBytes) faulted in up to a window past usedBytes. Cheap when
    // nothing is due; call it every few dozen records.
    void advance(const void *data, std::size_t usedBytes, std::size_t capacityBytes) noexcept
    {
        if (data != data_ || usedBytes + kWindow / 2 > populated_)
            populate(data, usedBytes, capacityBytes);
    }

private:
    static constexpr std::size_t kWindow = 256 * 1024;
    void populate(const void *data, std::size_t usedBytes, std::size_t capacityBytes) noexcept;
    const void *data_ = nullptr;
    std::size_t populated_ = 0; // bytes from data_ known to be faulted in
};

// Drops the whole pages inside [data, data + bytes): anonymous pages read as zero afterwards, the
// pages of a file mapping are read from the file again. Call it only on memory whose contents are
// no longer needed.
void releasePages(const void *data, std::size_t bytes) noexcept;

} // namespace hs
