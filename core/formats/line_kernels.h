// SPDX-License-Identifier: MIT
// The byte-classifying inner loops of line splitting, in one version per instruction set. Every
// byte of a log passes through them, and the baseline x86-64 build can only use SSE2: a 64-byte
// block then takes four loads and sixteen compare-and-extract steps, where AVX-512BW takes one load
// and four mask compares. The version is chosen once, at run time, from what the CPU supports, so
// one binary (the .deb, the Windows installer) runs everywhere and fast where it can.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace hs {

// One bit per byte of a 64-byte block (bit i = byte i).
struct BlockMasks {
    std::uint64_t spaces = 0;
    std::uint64_t lineFeeds = 0;
    std::uint64_t nuls = 0;
    std::uint64_t high = 0; // bytes >= 0x80
};

struct LineKernel {
    std::string_view name;
    // Fills out[0, blocks) with the masks of the blocks at p, p + 64, ...; reads only p[0, avail)
    // and leaves the bits of bytes past avail clear. Requires avail > 64 * (blocks - 1).
    void (*blockMasks)(const char *p, std::uint64_t avail, BlockMasks *out, std::size_t blocks) noexcept;
    // Number of line feeds in p[0, size).
    std::uint64_t (*countLineFeeds)(const char *p, std::size_t size) noexcept;
};

// The fastest kernel this CPU runs, chosen on first use. HS_LINE_KERNEL=<name> picks a slower one
// among those the CPU runs (for benchmarks and for ruling the kernels out when hunting a bug).
const LineKernel &lineKernel() noexcept;
// Every kernel this CPU runs, the portable one first: tests check each against it.
std::vector<const LineKernel *> availableLineKernels();

} // namespace hs
