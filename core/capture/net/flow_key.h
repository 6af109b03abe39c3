// SPDX-License-Identifier: MIT
// A TCP connection's 4-tuple in canonical order (lower endpoint first), so both directions of a
// connection find the same flow-table entry. 40 plain bytes: hashed and compared as memory.
#pragma once

#include "model/endpoint.h"
#include "model/hash.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace hs::net {

struct FlowKey {
    // [0,16) lower address, [16,32) higher address, [32,34) lower port, [34,36) higher port,
    // [36] address family, rest zero.
    std::array<std::uint8_t, 40> bytes{};

    std::uint64_t hash() const noexcept
    {
        return hashBytes(std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
    }
    friend bool operator==(const FlowKey &a, const FlowKey &b) noexcept
    {
        return std::memcmp(a.bytes.data(), b.bytes.data(), a.bytes.size()) == 0;
    }
};

// Builds the key; returns which side (0 = lower, 1 = higher endpoint) `src` is.
inline int makeFlowKey(const IpAddress &src, std::uint16_t srcPort, const IpAddress &dst, std::uint16_t dstPort,
                       FlowKey &key) noexcept
{
    int order = std::memcmp(src.bytes.data(), dst.bytes.data(), 16);
    if (order == 0)
        order = srcPort < dstPort ? -1 : srcPort > dstPort ? 1 : 0;
    const bool srcLow = order <= 0;
    const IpAddress &lo = srcLow ? src : dst;
    const IpAddress &hi = srcLow ? dst : src;
    const std::uint16_t loPort = srcLow ? srcPort : dstPort;
    const std::uint16_t hiPort = srcLow ? dstPort : srcPort;
    std::memcpy(key.bytes.data(), lo.bytes.data(), 16);
    std::memcpy(key.bytes.data() + 16, hi.bytes.data(), 16);
    std::memcpy(key.bytes.data() + 32, &loPort, 2);
    std::memcpy(key.bytes.data() + 34, &hiPort, 2);
    key.bytes[36] = static_cast<std::uint8_t>(src.family);
    return srcLow ? 0 : 1;
}

} // namespace hs::net
