// SPDX-License-Identifier: MIT
#include "capture/net/ip_packet.h"

#include "capture/net/byte_io.h"

#include <cstring>

namespace hs::net {
namespace {

constexpr std::uint8_t kIpv6HopByHop = 0;
constexpr std::uint8_t kIpv6Routing = 43;
constexpr std::uint8_t kIpv6Fragment = 44;
constexpr std::uint8_t kIpv6Esp = 50;
constexpr std::uint8_t kIpv6Auth = 51;
constexpr std::uint8_t kIpv6NoNext = 59;
constexpr std::uint8_t kIpv6DestOptions = 60;
constexpr std::uint8_t kIpv6Mobility = 135;
constexpr std::uint8_t kIpv6Hip = 139;
constexpr std::uint8_t kIpv6Shim6 = 140;
constexpr int kMaxExtensionHeaders = 16; // a crafted chain cannot keep us walking

void setAddress(IpAddress &a, const char *p, bool v6) noexcept
{
    // Written in place: IpAddress::v4/v6 return by value, and this runs for every packet.
    std::memcpy(a.bytes.data(), p, v6 ? 16 : 4);
    if (!v6)
        std::memset(a.bytes.data() + 4, 0, 12);
    a.family = v6 ? IpAddress::Family::V6 : IpAddress::Family::V4;
}

} // namespace

IpStatus parseIpv4(std::string_view bytes, IpPacket &out) noexcept
{
    if (bytes.size() < 20)
        return IpStatus::Truncated;
    const char *p = bytes.data();
    const std::uint8_t vihl = load8(p);
    if ((vihl >> 4) != 4)
        return IpStatus::Malformed;
    const std::size_t headerLength = std::size_t{vihl & 0x0Fu} * 4;
    if (headerLength < 20)
        return IpStatus::Malformed;
    if (bytes.size() < headerLength)
        return IpStatus::Truncated;
    std::size_t total = loadBe16(p + 2);
    if (total == 0)
        total = bytes.size();
    else if (total < headerLength)
        return IpStatus::Malformed;
    setAddress(out.src, p + 12, false);
    setAddress(out.dst, p + 16, false);
    out.protocol = load8(p + 9);
    const std::size_t declared = total - headerLength;
    const std::size_t captured = bytes.size() - headerLength;
    const std::size_t kept = captured < declared ? captured : declared; // drops Ethernet padding/FCS
    out.payload = bytes.substr(headerLength, kept);
    out.missingTail = static_cast<std::uint32_t>(declared - kept);
    const std::uint16_t flagsOffset = loadBe16(p + 6);
    const bool more = (flagsOffset & 0x2000) != 0;
    const std::uint32_t offset = std::uint32_t{flagsOffset & 0x1FFFu} * 8;
    if (more || offset != 0) {
        out.fragment = {loadBe16(p + 4), offset, more};
        return IpStatus::Fragment;
    }
    return IpStatus::Ok;
}

IpStatus parseIpv6(std::string_view bytes, IpPacket &out) noexcept
{
    if (bytes.size() < 40)
        return IpStatus::Truncated;
    const char *p = bytes.data();
    if ((load8(p) >> 4) != 6)
        return IpStatus::Malformed;
    std::size_t declared = loadBe16(p + 4);
    const std::size_t captured = bytes.size() - 40;
    if (declared == 0)
        declared = captured;
    setAddress(out.src, p + 8, true);
    setAddress(out.dst, p + 24, true);
    std::string_view rest = bytes.substr(40, captured < declared ? captured : declared);
    std::size_t remainingDeclared = declared;
    std::uint8_t next = load8(p + 6);
    for (int i = 0; i < kMaxExtensionHeaders; ++i) {
        std::size_t length = 0;
        switch (next) {
        case kIpv6HopByHop:
        case kIpv6Routing:
        case kIpv6DestOptions:
        case kIpv6Mobility:
        case kIpv6Hip:
        case kIpv6Shim6:
            if (rest.size() < 2)
                return IpStatus::Truncated;
            length = (std::size_t{load8(rest.data() + 1)} + 1) * 8;
            break;
        case kIpv6Auth:
            if (rest.size() < 2)
                return IpStatus::Truncated;
            length = (std::size_t{load8(rest.data() + 1)} + 2) * 4;
            break;
        case kIpv6Fragment: {
            if (rest.size() < 8)
                return IpStatus::Truncated;
            const std::uint16_t offsetFlags = loadBe16(rest.data() + 2);
            out.fragment = {loadBe32(rest.data() + 4), std::uint32_t{offsetFlags & 0xFFF8u}, (offsetFlags & 1) != 0};
            // An atomic fragment (offset 0, no more fragments) is a whole datagram (RFC 6946).
            if (out.fragment.more || out.fragment.offset != 0) {
                // The bytes after the Fragment header are the fragmentable part: continuation data
                // in later fragments, so nothing further is walked here.
                out.protocol = load8(rest.data());
                out.payload = rest.substr(8);
                out.missingTail = static_cast<std::uint32_t>(remainingDeclared - 8 - out.payload.size());
                return IpStatus::Fragment;
            }
            length = 8;
            break;
        }
        case kIpv6NoNext:
        case kIpv6Esp: return IpStatus::NotTransport;
        default: {
            out.protocol = next;
            out.payload = rest;
            out.missingTail = static_cast<std::uint32_t>(remainingDeclared - rest.size());
            return IpStatus::Ok;
        }
        }
        if (length > remainingDeclared)
            return IpStatus::Malformed;
        if (rest.size() < length)
            return IpStatus::Truncated;
        next = load8(rest.data());
        rest.remove_prefix(length);
        remainingDeclared -= length;
    }
    return IpStatus::Malformed;
}

} // namespace hs::net
