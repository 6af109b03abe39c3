// SPDX-License-Identifier: MIT
// Sparse line index: the byte offset of every 64th line, so a record's raw line (for evidence and
// the detail pane) is found with one binary search and a short scan instead of storing an offset
// per record. Built per chunk by parallel readers.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace hs {

class LineIndex {
public:
    static constexpr std::uint32_t kStride = 64;

    struct Chunk {
        std::uint64_t firstLine = 1;            // line number of checkpoints[0]
        std::vector<std::uint64_t> checkpoints; // offsets of lines firstLine, firstLine+64, …
    };

    void addChunk(Chunk &&chunk); // chunks must be added in file order
    // The text of a 1-based line without its line terminator; empty if out of range.
    std::string_view line(std::string_view bytes, std::uint64_t lineNo) const noexcept;
    std::uint64_t offsetOf(std::string_view bytes, std::uint64_t lineNo) const noexcept;
    std::size_t memoryBytes() const noexcept;

private:
    std::vector<Chunk> chunks_;
};

// Helper for readers: records checkpoints while scanning lines in order.
class LineIndexBuilder {
public:
    explicit LineIndexBuilder(std::uint64_t firstLine = 1) { chunk_.firstLine = firstLine; }
    void onLine(std::uint64_t localLineNo, std::uint64_t offset) // localLineNo counts from 0
    {
        if (localLineNo % LineIndex::kStride == 0)
            chunk_.checkpoints.push_back(offset);
    }
    LineIndex::Chunk take(std::uint64_t firstLine)
    {
        chunk_.firstLine = firstLine;
        return std::move(chunk_);
    }

private:
    LineIndex::Chunk chunk_;
};

} // namespace hs
