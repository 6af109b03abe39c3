// SPDX-License-Identifier: MIT
#include "model/line_index.h"

#include <algorithm>
#include <cstring>

namespace hs {

void LineIndex::addChunk(Chunk &&chunk)
{
    if (!chunk.checkpoints.empty())
        chunks_.push_back(std::move(chunk));
}

std::uint64_t LineIndex::offsetOf(std::string_view bytes, std::uint64_t lineNo) const noexcept
{
    if (lineNo == 0 || chunks_.empty())
        return ~std::uint64_t{0};
    auto it = std::upper_bound(chunks_.begin(), chunks_.end(), lineNo,
                               [](std::uint64_t n, const Chunk &c) { return n < c.firstLine; });
    if (it == chunks_.begin())
        return ~std::uint64_t{0};
    const Chunk &c = *(it - 1);
    const std::uint64_t rel = lineNo - c.firstLine;
    const std::uint64_t cp = std::min<std::uint64_t>(rel / kStride, c.checkpoints.size() - 1);
    std::uint64_t offset = c.checkpoints[cp];
    for (std::uint64_t n = cp * kStride; n < rel; ++n) {
        if (offset >= bytes.size())
            return ~std::uint64_t{0};
        const void *nl = std::memchr(bytes.data() + offset, '\n', bytes.size() - offset);
        if (!nl)
            return ~std::uint64_t{0};
        offset = static_cast<std::uint64_t>(static_cast<const char *>(nl) - bytes.data()) + 1;
    }
    return offset;
}

std::string_view LineIndex::line(std::string_view bytes, std::uint64_t lineNo) const noexcept
{
    const std::uint64_t offset = offsetOf(bytes, lineNo);
    if (offset >= bytes.size())
        return {};
    const void *nl = std::memchr(bytes.data() + offset, '\n', bytes.size() - offset);
    std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char *>(nl) - bytes.data()) : bytes.size();
    if (end > offset && bytes[end - 1] == '\r')
        --end;
    return bytes.substr(offset, end - offset);
}

std::size_t LineIndex::memoryBytes() const noexcept
{
    std::size_t n = 0;
    for (const auto &c : chunks_)
        n += c.checkpoints.capacity() * sizeof(std::uint64_t) + sizeof(Chunk);
    return n;
}

} // namespace hs
