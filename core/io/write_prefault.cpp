// SPDX-License-Identifier: MIT
#include "io/write_prefault.h"

#include <algorithm>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace hs {

void WritePrefaulter::populate(const void *data, std::size_t usedBytes, std::size_t capacityBytes) noexcept
{
    if (data != data_) { // a new buffer
        data_ = data;
        populated_ = 0;
    }
    const std::size_t from = std::max(populated_, usedBytes);
    const std::size_t to = std::min(capacityBytes, usedBytes + kWindow);
    if (to <= from)
        return;
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    // Whole pages inside the buffer only: the partial page at its start or end faults as usual.
    // An error (EINVAL on a kernel older than 5.14) leaves the pages to fault on first write.
    constexpr std::uintptr_t kPage = 4096;
    const auto base = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t begin = (base + from + kPage - 1) & ~(kPage - 1);
    const std::uintptr_t end = (base + to) & ~(kPage - 1);
    if (end > begin)
        ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_POPULATE_WRITE);
    // Up to the page boundary, so the next window starts with the page this one left out.
    populated_ = to == capacityBytes ? to : std::max<std::size_t>(from, end - base);
#else
    populated_ = to;
#endif
}

} // namespace hs
