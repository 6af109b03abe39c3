// SPDX-License-Identifier: MIT
#include "formats/line_splitter.h"

namespace hs {

std::uint64_t countLineFeeds(std::string_view bytes, std::uint64_t begin, std::uint64_t end) noexcept
{
    if (begin >= end)
        return 0;
    return lineKernel().countLineFeeds(bytes.data() + begin, static_cast<std::size_t>(end - begin));
}

std::uint64_t countLines(std::string_view bytes, std::uint64_t begin, std::uint64_t end) noexcept
{
    if (begin >= end)
        return 0;
    const std::uint64_t n = countLineFeeds(bytes, begin, end);
    return bytes[end - 1] == '\n' ? n : n + 1;
}

} // namespace hs
