// SPDX-License-Identifier: MIT
// Link layers: from a captured frame to the IP packet it carries. Supports the link types captures
// of IIS traffic come with: Ethernet (with 802.1Q/802.1ad/QinQ tags, 802.3 LLC/SNAP, PPPoE, MPLS),
// Linux cooked SLL and SLL2, raw IP (LINKTYPE_RAW, IPV4, IPV6), BSD NULL/LOOP loopback and
// 802.11 (plain or with a radiotap header).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hs::net {

// pcap/pcapng LINKTYPE_ values (https://www.tcpdump.org/linktypes.html).
enum LinkType : std::uint32_t {
    kLinkNull = 0,
    kLinkEthernet = 1,
    kLinkRawDlt12 = 12, // DLT_RAW as written by some old writers instead of LINKTYPE_RAW
    kLinkRawDlt14 = 14, // DLT_RAW on OpenBSD
    kLinkRaw = 101,
    kLinkIeee80211 = 105,
    kLinkLoop = 108,
    kLinkLinuxSll = 113,
    kLinkIeee80211Radiotap = 127,
    kLinkIpv4 = 228,
    kLinkIpv6 = 229,
    kLinkLinuxSll2 = 276,
};

enum class NetProto : std::uint8_t {
    Ipv4,
    Ipv6,
    Other,     // decoded, but not IP (ARP, LLDP, management frames, …)
    Truncated, // the frame ends inside the link header
};

struct LinkPayload {
    NetProto proto = NetProto::Other;
    std::string_view bytes; // the network-layer packet (IPv4/IPv6 header first)
};

bool isSupportedLinkType(std::uint32_t linkType) noexcept;
// "Ethernet", "Linux cooked (SLL2)", … ; "LINKTYPE 147" for unknown values.
std::string linkTypeName(std::uint32_t linkType);

// Removes the link header(s). Never reads outside `frame`.
LinkPayload decodeLink(std::uint32_t linkType, std::string_view frame) noexcept;

// The EtherType dispatcher shared by Ethernet and the Linux cooked headers: follows VLAN tags,
// PPPoE sessions and MPLS label stacks down to IPv4/IPv6.
LinkPayload decodeEtherType(std::uint16_t etherType, std::string_view payload) noexcept;

} // namespace hs::net
