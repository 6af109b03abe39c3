// SPDX-License-Identifier: MIT
#include "io/page_advice.h"

#include <algorithm>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace hs {
namespace {

#if defined(__linux__)
struct PageRange {
    std::uintptr_t begin = 0, end = 0; // empty when end <= begin
};

// The whole pages inside [at, at + bytes): the partial pages at either end are left alone (they
// hold other data, or fault as usual).
PageRange wholePages(std::uintptr_t at, std::size_t bytes) noexcept
{
    static const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    return PageRange{(at + page - 1) & ~(page - 1), (at + bytes) & ~(page - 1)};
}
#endif

} // namespace

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
    // An error (EINVAL on a kernel older than 5.14) leaves the pages to fault on first write.
    const auto base = reinterpret_cast<std::uintptr_t>(data);
    const PageRange r = wholePages(base + from, to - from);
    if (r.end > r.begin)
        ::madvise(reinterpret_cast<void *>(r.begin), r.end - r.begin, MADV_POPULATE_WRITE);
    // Up to the page boundary, so the next window starts with the page this one left out.
    populated_ = to == capacityBytes ? to : std::max<std::size_t>(from, r.end - base);
#else
    populated_ = to;
#endif
}

void releasePages(const void *data, std::size_t bytes) noexcept
{
#if defined(__linux__)
    const PageRange r = wholePages(reinterpret_cast<std::uintptr_t>(data), bytes);
    if (r.end > r.begin)
        ::madvise(reinterpret_cast<void *>(r.begin), r.end - r.begin, MADV_DONTNEED);
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace hs
