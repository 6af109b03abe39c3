// SPDX-License-Identifier: MIT
#include "formats/line_kernels.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#include <immintrin.h>
// Kernels for instruction sets beyond the build's baseline are compiled per function (target
// attribute) and called only after __builtin_cpu_supports, which also checks that the OS saves the
// wider registers. MSVC has no per-function targets: it gets the SSE2 and portable kernels.
#define HS_LINE_KERNELS_X86 1
#define HS_TARGET(isa) __attribute__((target(isa)))
#endif
#if defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#include <emmintrin.h>
#define HS_LINE_KERNELS_SSE2 1
#endif

namespace hs {
namespace {

constexpr std::size_t kBlock = 64;

// Block i of p, or, for a block that would cross avail, a copy padded with 'x' (no space, line
// feed, NUL or high bit), so no load leaves the range.
inline const char *blockOrPadded(const char *p, std::uint64_t avail, std::size_t i, char *padded) noexcept
{
    const std::uint64_t at = i * kBlock;
    if (avail - at >= kBlock)
        return p + at;
    std::memset(padded, 'x', kBlock);
    std::memcpy(padded, p + at, static_cast<std::size_t>(avail - at));
    return padded;
}

void blockMasksPortable(const char *p, std::uint64_t avail, BlockMasks *out, std::size_t blocks) noexcept
{
    char padded[kBlock];
    for (std::size_t b = 0; b < blocks; ++b) {
        const char *q = blockOrPadded(p, avail, b, padded);
        BlockMasks m;
        for (unsigned i = 0; i < kBlock; ++i) {
            const auto c = static_cast<unsigned char>(q[i]);
            const std::uint64_t bit = std::uint64_t{1} << i;
            m.spaces |= c == ' ' ? bit : 0;
            m.lineFeeds |= c == '\n' ? bit : 0;
            m.nuls |= c == 0 ? bit : 0;
            m.high |= c >= 0x80 ? bit : 0;
        }
        out[b] = m;
    }
}

std::uint64_t countLineFeedsPortable(const char *p, std::size_t size) noexcept
{
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < size; ++i)
        n += p[i] == '\n';
    return n;
}

constexpr LineKernel kPortable{"portable", blockMasksPortable, countLineFeedsPortable};

#if defined(HS_LINE_KERNELS_SSE2)
inline std::uint64_t maskOf(__m128i eq, int shift) noexcept
{
    return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(eq))) << shift;
}

void blockMasksSse2(const char *p, std::uint64_t avail, BlockMasks *out, std::size_t blocks) noexcept
{
    alignas(16) char padded[kBlock];
    const __m128i space = _mm_set1_epi8(' '), lf = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    for (std::size_t b = 0; b < blocks; ++b) {
        const char *q = blockOrPadded(p, avail, b, padded);
        BlockMasks m;
        for (int i = 0; i < 4; ++i) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(q + 16 * i));
            m.spaces |= maskOf(_mm_cmpeq_epi8(v, space), 16 * i);
            m.lineFeeds |= maskOf(_mm_cmpeq_epi8(v, lf), 16 * i);
            m.nuls |= maskOf(_mm_cmpeq_epi8(v, zero), 16 * i);
            m.high |= maskOf(v, 16 * i);
        }
        out[b] = m;
    }
}

std::uint64_t countLineFeedsSse2(const char *p, std::size_t size) noexcept
{
    // Each compare adds 1 per line feed to 16 byte counters; they are summed (psadbw) before any
    // can pass 255.
    const __m128i lf = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    std::uint64_t n = 0;
    std::size_t i = 0;
    while (i + 16 <= size) {
        __m128i counts = zero;
        const std::size_t stop = std::min(size - 15, i + 255 * 16);
        for (; i < stop; i += 16)
            counts =
                _mm_sub_epi8(counts, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i)), lf));
        const __m128i sums = _mm_sad_epu8(counts, zero);
        n += static_cast<std::uint64_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<std::uint64_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums)));
    }
    return n + countLineFeedsPortable(p + i, size - i);
}

constexpr LineKernel kSse2{"sse2", blockMasksSse2, countLineFeedsSse2};
#endif

#if defined(HS_LINE_KERNELS_X86)
HS_TARGET("avx2")
void blockMasksAvx2(const char *p, std::uint64_t avail, BlockMasks *out, std::size_t blocks) noexcept
{
    alignas(32) char padded[kBlock];
    const __m256i space = _mm256_set1_epi8(' '), lf = _mm256_set1_epi8('\n'), zero = _mm256_setzero_si256();
    for (std::size_t b = 0; b < blocks; ++b) {
        const char *q = blockOrPadded(p, avail, b, padded);
        const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(q));
        const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(q + 32));
        const auto join = [](int l, int h) {
            return static_cast<std::uint64_t>(static_cast<unsigned>(l)) |
                   static_cast<std::uint64_t>(static_cast<unsigned>(h)) << 32;
        };
        BlockMasks m;
        m.spaces = join(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, space)),
                        _mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, space)));
        m.lineFeeds =
            join(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, lf)), _mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, lf)));
        m.nuls =
            join(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, zero)), _mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, zero)));
        m.high = join(_mm256_movemask_epi8(lo), _mm256_movemask_epi8(hi));
        out[b] = m;
    }
}

HS_TARGET("avx2,popcnt")
std::uint64_t countLineFeedsAvx2(const char *p, std::size_t size) noexcept
{
    const __m256i lf = _mm256_set1_epi8('\n');
    std::uint64_t n = 0;
    std::size_t i = 0;
    for (; i + 32 <= size; i += 32) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + i));
        n += static_cast<std::uint64_t>(
            _mm_popcnt_u32(static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, lf)))));
    }
    return n + countLineFeedsPortable(p + i, size - i);
}

HS_TARGET("avx512bw")
void blockMasksAvx512(const char *p, std::uint64_t avail, BlockMasks *out, std::size_t blocks) noexcept
{
    alignas(64) char padded[kBlock];
    const __m512i space = _mm512_set1_epi8(' '), lf = _mm512_set1_epi8('\n');
    for (std::size_t b = 0; b < blocks; ++b) {
        const __m512i v = _mm512_loadu_si512(blockOrPadded(p, avail, b, padded));
        out[b] = BlockMasks{_mm512_cmpeq_epi8_mask(v, space), _mm512_cmpeq_epi8_mask(v, lf),
                            _mm512_testn_epi8_mask(v, v), _mm512_movepi8_mask(v)};
    }
}

HS_TARGET("avx512bw,popcnt")
std::uint64_t countLineFeedsAvx512(const char *p, std::size_t size) noexcept
{
    const __m512i lf = _mm512_set1_epi8('\n');
    std::uint64_t n = 0;
    std::size_t i = 0;
    for (; i + 64 <= size; i += 64)
        n += static_cast<std::uint64_t>(_mm_popcnt_u64(_mm512_cmpeq_epi8_mask(_mm512_loadu_si512(p + i), lf)));
    return n + countLineFeedsPortable(p + i, size - i);
}

constexpr LineKernel kAvx2{"avx2", blockMasksAvx2, countLineFeedsAvx2};
constexpr LineKernel kAvx512{"avx512bw", blockMasksAvx512, countLineFeedsAvx512};
#endif

const LineKernel *choose()
{
    const std::vector<const LineKernel *> kernels = availableLineKernels();
    if (const char *wanted = std::getenv("HS_LINE_KERNEL"))
        for (const LineKernel *k : kernels)
            if (k->name == wanted)
                return k;
    return kernels.back();
}

} // namespace

std::vector<const LineKernel *> availableLineKernels()
{
    std::vector<const LineKernel *> kernels{&kPortable};
#if defined(HS_LINE_KERNELS_SSE2)
    kernels.push_back(&kSse2);
#endif
#if defined(HS_LINE_KERNELS_X86)
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt"))
        kernels.push_back(&kAvx2);
    if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("popcnt"))
        kernels.push_back(&kAvx512);
#endif
    return kernels;
}

const LineKernel &lineKernel() noexcept
{
    static const LineKernel *const chosen = choose();
    return *chosen;
}

} // namespace hs
