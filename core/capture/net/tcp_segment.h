// SPDX-License-Identifier: MIT
// The TCP header fields reassembly needs.
#pragma once

#include <cstdint>
#include <string_view>

namespace hs::net {

enum TcpFlag : std::uint8_t {
    kTcpFin = 0x01,
    kTcpSyn = 0x02,
    kTcpRst = 0x04,
    kTcpPsh = 0x08,
    kTcpAck = 0x10,
    kTcpUrg = 0x20,
};

struct TcpSegment {
    std::uint16_t srcPort = 0, dstPort = 0;
    std::uint32_t seq = 0, ack = 0;
    std::uint8_t flags = 0;
    std::string_view payload;      // as captured
    std::uint32_t missingTail = 0; // payload bytes the capture cut off (snaplen)

    bool has(TcpFlag f) const noexcept { return (flags & f) != 0; }
    std::uint32_t length() const noexcept { return static_cast<std::uint32_t>(payload.size()) + missingTail; }
};

enum class TcpStatus : std::uint8_t { Ok, Truncated, Malformed };

// `bytes` is the IP payload; `missingTail` what the IP layer says the capture lacks of it. A header
// cut by the snaplen is Truncated (nothing usable).
TcpStatus parseTcp(std::string_view bytes, std::uint32_t missingTail, TcpSegment &out) noexcept;

} // namespace hs::net
