// SPDX-License-Identifier: MIT
// Splits a range of log text into lines and each line into space-separated fields in one pass.
// W3C and HTTPERR ingestion used to find each line end with memchr and then scan the same bytes
// again for spaces; here every 64-byte block is loaded once and turned into bit masks (spaces,
// line feeds, NULs, bytes >= 0x80), and lines and fields are read off the set bits.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#include <emmintrin.h>
#define HS_LINE_SPLITTER_SSE2 1
#endif

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
    // Splits bytes[begin, end). Reads only inside that range.
    LineSplitter(std::string_view bytes, std::uint64_t begin, std::uint64_t end) noexcept
        : base_(bytes.data()), end_(end), block_(begin), next_(begin)
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

    // Masks of the block at block_; bits past end_ stay clear. A block that would cross end_ is
    // copied into a padded buffer first, so no load leaves the range.
    void load() noexcept
    {
        const char *p = base_ + block_;
        const std::uint64_t avail = end_ - block_;
        alignas(16) char padded[kBlock];
        if (avail < kBlock) {
            std::memset(padded, 'x', sizeof padded); // 'x': no space, line feed, NUL or high bit
            std::memcpy(padded, p, static_cast<std::size_t>(avail));
            p = padded;
        }
#if defined(HS_LINE_SPLITTER_SSE2)
        const __m128i space = _mm_set1_epi8(' '), lf = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
        std::uint64_t s = 0, l = 0, z = 0, h = 0;
        for (int i = 0; i < 4; ++i) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * i));
            const int shift = 16 * i;
            s |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, space))))
                 << shift;
            l |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)))) << shift;
            z |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)))) << shift;
            h |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(v))) << shift;
        }
        spaces_ = s;
        newlines_ = l;
        nuls_ = z;
        high_ = h;
#else
        std::uint64_t s = 0, l = 0, z = 0, h = 0;
        for (unsigned i = 0; i < kBlock; ++i) {
            const auto c = static_cast<unsigned char>(p[i]);
            const std::uint64_t bit = std::uint64_t{1} << i;
            s |= c == ' ' ? bit : 0;
            l |= c == '\n' ? bit : 0;
            z |= c == 0 ? bit : 0;
            h |= c >= 0x80 ? bit : 0;
        }
        spaces_ = s;
        newlines_ = l;
        nuls_ = z;
        high_ = h;
#endif
    }

    const char *base_;
    std::uint64_t end_;
    std::uint64_t block_;                                           // offset of the block the masks describe
    std::uint64_t next_;                                            // offset where the next line starts
    std::uint64_t spaces_ = 0, newlines_ = 0, nuls_ = 0, high_ = 0; // bits of bytes not yet consumed
};

// Number of lines in bytes[begin, end) as LineSplitter would return them.
std::uint64_t countLines(std::string_view bytes, std::uint64_t begin, std::uint64_t end) noexcept;
// Number of line feeds in bytes[begin, end).
std::uint64_t countLineFeeds(std::string_view bytes, std::uint64_t begin, std::uint64_t end) noexcept;

} // namespace hs
