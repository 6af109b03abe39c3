// SPDX-License-Identifier: MIT
// Faults in the pages of a reserved buffer shortly before a parser writes them. Each chunk's record
// vector is reserved for every line and filled front to back; left alone, each 4 KiB page faults
// on its first write, and on the 1 GB W3C log those 110,000 faults were most of the 0.4-0.6 s of
// system time. One madvise(MADV_POPULATE_WRITE) call faults in a window of pages without the trap
// per page. Only a window ahead of the writes: the reservation is an upper bound (a file of rejected
// lines fills none of it), so populating all of it could cost memory no record uses.
#pragma once

#include <cstddef>

namespace hs {

class WritePrefaulter {
public:
    // Keeps [data, data + capacityBytes) faulted in up to a window past usedBytes. Cheap when
    // nothing is due; call it every few dozen records. A no-op where the system has no such call.
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

} // namespace hs
