// SPDX-License-Identifier: MIT
#include "capture/net/tcp_segment.h"

#include "capture/net/byte_io.h"

namespace hs::net {

TcpStatus parseTcp(std::string_view bytes, std::uint32_t missingTail, TcpSegment &out) noexcept
{
    if (bytes.size() < 20)
        return TcpStatus::Truncated;
    const char *p = bytes.data();
    const std::size_t headerLength = static_cast<std::size_t>(load8(p + 12) >> 4) * 4;
    if (headerLength < 20)
        return TcpStatus::Malformed;
    if (bytes.size() < headerLength)
        return TcpStatus::Truncated;
    out.srcPort = loadBe16(p);
    out.dstPort = loadBe16(p + 2);
    out.seq = loadBe32(p + 4);
    out.ack = loadBe32(p + 8);
    out.flags = load8(p + 13);
    out.payload = bytes.substr(headerLength);
    out.missingTail = missingTail;
    return TcpStatus::Ok;
}

} // namespace hs::net
