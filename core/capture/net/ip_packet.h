// SPDX-License-Identifier: MIT
// IPv4 and IPv6 headers: addresses, the transport protocol, the transport payload as captured,
// and how many payload bytes the capture cut off (snaplen). IPv6 extension headers are walked;
// fragments (IPv4, or an IPv6 Fragment header) are handed to the defragmenter.
#pragma once

#include "model/ip_address.h"

#include <cstdint>
#include <string_view>

namespace hs::net {

inline constexpr std::uint8_t kIpProtoTcp = 6;

enum class IpStatus : std::uint8_t {
    Ok,
    Fragment,     // part of a fragmented datagram: see IpPacket::fragment
    Truncated,    // the capture ends inside the IP header
    Malformed,    // bad version, header length or total length
    NotTransport, // no transport payload we can read (IPv6 no-next-header, ESP, …)
};

struct IpFragment {
    std::uint32_t id = 0;     // IPv4 identification (16 bits) or IPv6 fragment identification
    std::uint32_t offset = 0; // in bytes
    bool more = false;        // more fragments follow
};

struct IpPacket {
    IpAddress src, dst;
    std::uint8_t protocol = 0;     // transport protocol (after IPv6 extension headers)
    std::string_view payload;      // transport bytes as captured (trailer padding removed)
    std::uint32_t missingTail = 0; // transport bytes the IP header declares but the capture lacks
    IpFragment fragment;           // valid when parse returned Fragment
};

// `bytes` starts at the IP header. IPv4 total length 0 (TCP segmentation offload on the capturing
// host) means "as captured".
IpStatus parseIpv4(std::string_view bytes, IpPacket &out) noexcept;
// Payload length 0 (jumbogram, or offload) likewise means "as captured".
IpStatus parseIpv6(std::string_view bytes, IpPacket &out) noexcept;

} // namespace hs::net
