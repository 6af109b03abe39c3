// SPDX-License-Identifier: MIT
// Unaligned loads from packet bytes. Capture headers come in both byte orders (pcap, pcapng
// sections) and protocol headers in network order; memcpy compiles to a single load.
#pragma once

#include <cstdint>
#include <cstring>

namespace hs::net {

inline std::uint8_t load8(const char *p) noexcept
{
    return static_cast<std::uint8_t>(*p);
}

inline std::uint16_t loadBe16(const char *p) noexcept
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return static_cast<std::uint16_t>((u[0] << 8) | u[1]);
}

inline std::uint32_t loadBe32(const char *p) noexcept
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return (std::uint32_t{u[0]} << 24) | (std::uint32_t{u[1]} << 16) | (std::uint32_t{u[2]} << 8) | u[3];
}

inline std::uint16_t loadLe16(const char *p) noexcept
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return static_cast<std::uint16_t>(u[0] | (u[1] << 8));
}

inline std::uint32_t loadLe32(const char *p) noexcept
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return u[0] | (std::uint32_t{u[1]} << 8) | (std::uint32_t{u[2]} << 16) | (std::uint32_t{u[3]} << 24);
}

// Reads fields of a file whose byte order is known only at run time (pcap header magic, pcapng
// section header byte-order magic).
struct Endian {
    bool big = false;
    std::uint16_t u16(const char *p) const noexcept { return big ? loadBe16(p) : loadLe16(p); }
    std::uint32_t u32(const char *p) const noexcept { return big ? loadBe32(p) : loadLe32(p); }
    std::uint64_t u64(const char *p) const noexcept
    {
        // pcapng stores 64-bit option values (if_tsoffset) in the section's byte order.
        return big ? (std::uint64_t{loadBe32(p)} << 32) | loadBe32(p + 4)
                   : (std::uint64_t{loadLe32(p + 4)} << 32) | loadLe32(p);
    }
};

} // namespace hs::net
