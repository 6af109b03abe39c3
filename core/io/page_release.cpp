// SPDX-License-Identifier: MIT
#include "io/page_release.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace hs {

void releasePages(const void *data, std::size_t bytes) noexcept
{
#if defined(__linux__)
    constexpr std::uintptr_t kPage = 4096;
    const auto at = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t begin = (at + kPage - 1) & ~(kPage - 1);
    const std::uintptr_t end = (at + bytes) & ~(kPage - 1);
    if (end > begin)
        ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_DONTNEED);
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace hs
