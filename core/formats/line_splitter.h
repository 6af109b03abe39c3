// SPDX-License-Identifier: MIT
// Splits a range of log text into lines and each line into space-separated fields in one pass.
// W3C and HTTPERR ingestion used to find each line end with memchr and then scan the same bytes
// again for spaces; here every 64-byte block is turned into bit masks (spaces, line feeds, NULs,
// bytes >= 0x80), and lines and fields are read off the set bits. The masks are made 64 blocks at a
// time by the kernel for this CPU (line_kernels.h).
#pragma once

#include "formats/line_kernels.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string_view>

namespace hs {

// What splitting one line saw besides its fields.
struct LineScan {
    std::size_t fields = 0; // may exceed the capacity given; only that many views are filled
    bool hasNul = false;
    bool hasHighBytes = false; // bytes >= 0x80: UTF-8 or an ANSI code page
};

struct SplitLine {
    std::string_view text; // without its terminator (LF or CRLF)
    std::uint64_t offset = 0;
    bool terminated = true; // false only for a last line without a line feed
    LineScan scan;
};

class LineSplitter {
public:
    // Fields are stored without a test per slot while the line's count is this far below the
    // capacity (a block holds at most 64 spaces): give the splitter this many slots beyond the
    // fields it must keep (fieldSlotsFor does).
    static constexpr std::size_t kSpareSlots = 64;

    // Splits bytes[begin, end). Reads only inside that range.
    LineSplitter(std::string_view bytes, std::uint64_t begin, std::uint64_t end,
                 const LineKernel &kernel = lineKernel()) noexcept
        : base_(bytes.data()), blockMasks_(kernel.blockMasks), end_(end), block_(begin), next_(begin)
    {
        if (begin < end)
            load();
    }

    // The next line; its fields go to fields[0, capacity). False when the range is used up.
    bool next(SplitLine &line, std::string_view *fields, std::size_t capacity) noexcept
    {
        if (next_ >= end_)
            return false;
        const std::uint64_t start = next_;
        std::uint64_t fieldStart = start;
        std::size_t n = 0;
        std::uint64_t nuls = 0, high = 0;
        for (;;) {
            if (newlines_) {
                const int at = std::countr_zero(newlines_);
                const std::uint64_t below = (std::uint64_t{1} << at) - 1;
                emitFields(spaces_ & below, fieldStart, n, fields, capacity);
                nuls |= nuls_ & below;
                high |= high_ & below;
                const std::uint64_t rest = at == 63 ? 0 : ~std::uint64_t{0} << (at + 1);
                spaces_ &= rest;
                newlines_ &= rest;
                nuls_ &= rest;
                high_ &= rest;
                const std::uint64_t nl = block_ + static_cast<std::uint64_t>(at);
                next_ = nl + 1;
                finish(line, start, nl, true, fieldStart, n, fields, capacity, nuls, high);
                return true;
            }
            emitFields(spaces_, fieldStart, n, fields, capacity);
            nuls |= nuls_;
            high |= high_;
            block_ += kBlock;
            if (block_ >= end_) {
                next_ = end_;
                finish(line, start, end_, false, fieldStart, n, fields, capacity, nuls, high);
                return true;
            }
            load();
        }
    }

private:
    static constexpr std::uint64_t kBlock = 64;

    void emitFields(std::uint64_t spaces, std::uint64_t &fieldStart, std::size_t &n, std::string_view *fields,
                    std::size_t capacity) const noexcept
    {
        if (n + kSpareSlots <= capacity) {
            // A block has at most 64 spaces: no slot test per field.
            while (spaces) {
                const std::uint64_t at = block_ + static_cast<std::uint64_t>(std::countr_zero(spaces));
                fields[n++] = std::string_view(base_ + fieldStart, at - fieldStart);
                fieldStart = at + 1;
                spaces &= spaces - 1;
            }
            return;
        }
        while (spaces) {
            const std::uint64_t at = block_ + static_cast<std::uint64_t>(std::countr_zero(spaces));
            if (n < capacity)
                fields[n] = std::string_view(base_ + fieldStart, at - fieldStart);
            ++n;
            fieldStart = at + 1;
            spaces &= spaces - 1;
        }
    }

    void finish(SplitLine &line, std::uint64_t start, std::uint64_t stop, bool terminated, std::uint64_t fieldStart,
                std::size_t n, std::string_view *fields, std::size_t capacity, std::uint64_t nuls,
                std::uint64_t high) const noexcept
    {
        if (stop > start && base_[stop - 1] == '\r')
            --stop; // CRLF; a CR elsewhere is an ordinary byte of its field
        if (n < capacity)
            fields[n] = std::string_view(base_ + fieldStart, stop - fieldStart);
        line.text = std::string_view(base_ + start, stop - start);
        line.offset = start;
        line.terminated = terminated;
        line.scan.fields = n + 1;
        line.scan.hasNul = nuls != 0;
        line.scan.hasHighBytes = high != 0;
    }

    // Masks of the block at block_; bits past end_ stay clear.
    void load() noexcept
    {
        if (batchAt_ == batchSize_)
            refill();
        const BlockMasks &m = batch_[batchAt_++];
        spaces_ = m.spaces;
        newlines_ = m.lineFeeds;
        nuls_ = m.nuls;
        high_ = m.high;
    }

    // The masks of the next kBatch blocks (fewer at the range's end), starting at block_.
    void refill() noexcept
    {
        const std::uint64_t avail = end_ - block_;
        const auto blocks = static_cast<std::uint32_t>(std::min<std::uint64_t>(kBatch, (avail + kBlock - 1) / kBlock));
        blockMasks_(base_ + block_, avail, batch_, blocks);
        batchAt_ = 0;
        batchSize_ = blocks;
    }

    // 4 KiB of input per kernel call: enough to hide the call, small enough for L1 (2 KiB of masks).
    static constexpr std::uint32_t kBatch = 64;
    const char *base_;
    decltype(LineKernel::blockMasks) blockMasks_;
    std::uint64_t end_;
    std::uint64_t block_;                                           // offset of the block the masks describe
    std::uint64_t next_;                                            // offset where the next line starts
    std::uint64_t spaces_ = 0, newlines_ = 0, nuls_ = 0, high_ = 0; // bits of bytes not yet consumed
    std::uint32_t batchAt_ = 0, batchSize_ = 0;                     // next unused entry of batch_, its size
    BlockMasks batch_[kBatch];
};

// Number of lines in bytes[begin, end) as LineSplitter would return them.
std::uint64_t countLines(std::string_view bytes, std::uint64_t begin, std::uint64_t end) noexcept;
// Number of line feeds in bytes[begin, end).
std::uint64_t countLineFeeds(std::string_view bytes, std::uint64_t begin, std::uint64_t end) noexcept;

} // namespace hs
