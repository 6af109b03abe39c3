// SPDX-License-Identifier: MIT
#include "capture/net/link_layer.h"

#include "capture/net/byte_io.h"

#include <string>

namespace hs::net {
namespace {

constexpr std::uint16_t kEtherIpv4 = 0x0800;
constexpr std::uint16_t kEtherIpv6 = 0x86DD;
constexpr std::uint16_t kEtherVlan = 0x8100;     // 802.1Q
constexpr std::uint16_t kEtherQinQ = 0x88A8;     // 802.1ad service tag
constexpr std::uint16_t kEtherQinQOld1 = 0x9100; // pre-standard QinQ tags still seen on switches
constexpr std::uint16_t kEtherQinQOld2 = 0x9200;
constexpr std::uint16_t kEtherPppoe = 0x8864;
constexpr std::uint16_t kEtherMpls = 0x8847;
constexpr std::uint16_t kEtherMplsMulticast = 0x8848;
constexpr int kMaxEncapsulations = 16; // tags/labels followed before giving up (crafted frames)

LinkPayload ip(NetProto proto, std::string_view bytes) noexcept
{
    return {proto, bytes};
}

LinkPayload truncated() noexcept
{
    return {NetProto::Truncated, {}};
}

// Raw IP: the version nibble says which.
LinkPayload rawIp(std::string_view bytes) noexcept
{
    if (bytes.empty())
        return truncated();
    switch (load8(bytes.data()) >> 4) {
    case 4: return ip(NetProto::Ipv4, bytes);
    case 6: return ip(NetProto::Ipv6, bytes);
    default: return {};
    }
}

// 802.2 LLC with a SNAP header carrying an EtherType (802.3 length frames, 802.11 data).
LinkPayload llcSnap(std::string_view bytes) noexcept
{
    if (bytes.size() < 8)
        return truncated();
    const auto *u = reinterpret_cast<const unsigned char *>(bytes.data());
    if (u[0] != 0xAA || u[1] != 0xAA || u[2] != 0x03)
        return {};
    return decodeEtherType(loadBe16(bytes.data() + 6), bytes.substr(8));
}

LinkPayload ethernet(std::string_view frame) noexcept
{
    if (frame.size() < 14)
        return truncated();
    const std::uint16_t type = loadBe16(frame.data() + 12);
    if (type < 0x0600) // 802.3 length field: LLC follows
        return llcSnap(frame.substr(14, type));
    return decodeEtherType(type, frame.substr(14));
}

// BSD loopback: a 4-byte address family, in the capturing host's byte order (NULL) or network
// order (LOOP). IPv6's AF value differs per OS (Linux 10, FreeBSD 28, OpenBSD/NetBSD 24, macOS 30).
LinkPayload bsdLoopback(std::string_view frame, bool networkOrder) noexcept
{
    if (frame.size() < 4)
        return truncated();
    std::uint32_t family = networkOrder ? loadBe32(frame.data()) : loadLe32(frame.data());
    if (!networkOrder && family > 0xFFFF) // written on a big-endian host
        family = loadBe32(frame.data());
    const std::string_view rest = frame.substr(4);
    switch (family) {
    case 2: return ip(NetProto::Ipv4, rest);
    case 10:
    case 24:
    case 28:
    case 30: return ip(NetProto::Ipv6, rest);
    default: return {};
    }
}

LinkPayload linuxSll(std::string_view frame) noexcept
{
    if (frame.size() < 16)
        return truncated();
    return decodeEtherType(loadBe16(frame.data() + 14), frame.substr(16));
}

LinkPayload linuxSll2(std::string_view frame) noexcept
{
    if (frame.size() < 20)
        return truncated();
    return decodeEtherType(loadBe16(frame.data()), frame.substr(20));
}

// 802.11 data frames: MAC header (24 bytes, +6 with four addresses, +2 QoS, +4 HT control),
// then LLC/SNAP. Protected (encrypted) frames and non-data frames carry nothing we can read.
LinkPayload ieee80211(std::string_view frame) noexcept
{
    if (frame.size() < 24)
        return truncated();
    const auto fc0 = load8(frame.data());
    const auto fc1 = load8(frame.data() + 1);
    const unsigned type = (fc0 >> 2) & 0x3;
    const unsigned subtype = (fc0 >> 4) & 0xF;
    if (type != 2 || (subtype & 0x4)) // not data, or a null-data subtype
        return {};
    if (fc1 & 0x40) // protected frame
        return {};
    std::size_t header = 24;
    if ((fc1 & 0x03) == 0x03) // ToDS and FromDS: fourth address
        header += 6;
    const bool qos = (subtype & 0x8) != 0;
    if (qos)
        header += 2;
    if (qos && (fc1 & 0x80)) // +HTC
        header += 4;
    if (frame.size() < header)
        return truncated();
    return llcSnap(frame.substr(header));
}

LinkPayload radiotap(std::string_view frame) noexcept
{
    if (frame.size() < 8)
        return truncated();
    const std::uint16_t length = loadLe16(frame.data() + 2);
    if (load8(frame.data()) != 0 || length < 8)
        return {};
    if (frame.size() < length)
        return truncated();
    // Flags field (bit 1 of the present word) may announce a trailing FCS; the IP length bounds
    // the packet, so a trailing FCS is ignored without parsing the field list.
    return ieee80211(frame.substr(length));
}

} // namespace

LinkPayload decodeEtherType(std::uint16_t etherType, std::string_view payload) noexcept
{
    for (int depth = 0; depth < kMaxEncapsulations; ++depth) {
        switch (etherType) {
        case kEtherIpv4: return ip(NetProto::Ipv4, payload);
        case kEtherIpv6: return ip(NetProto::Ipv6, payload);
        case kEtherVlan:
        case kEtherQinQ:
        case kEtherQinQOld1:
        case kEtherQinQOld2:
            if (payload.size() < 4)
                return truncated();
            etherType = loadBe16(payload.data() + 2);
            payload.remove_prefix(4);
            if (etherType < 0x0600)
                return llcSnap(payload.substr(0, etherType));
            continue;
        case kEtherPppoe: {
            if (payload.size() < 8)
                return truncated();
            const std::uint16_t ppp = loadBe16(payload.data() + 6);
            payload.remove_prefix(8);
            if (ppp == 0x0021)
                return ip(NetProto::Ipv4, payload);
            if (ppp == 0x0057)
                return ip(NetProto::Ipv6, payload);
            return {};
        }
        case kEtherMpls:
        case kEtherMplsMulticast:
            // Labels until the bottom-of-stack bit; the payload's version nibble says what follows.
            for (int labels = 0; labels < kMaxEncapsulations; ++labels) {
                if (payload.size() < 4)
                    return truncated();
                const bool bottom = (load8(payload.data() + 2) & 0x01) != 0;
                payload.remove_prefix(4);
                if (bottom)
                    return rawIp(payload);
            }
            return {};
        default: return {};
        }
    }
    return {};
}

bool isSupportedLinkType(std::uint32_t linkType) noexcept
{
    switch (linkType) {
    case kLinkNull:
    case kLinkEthernet:
    case kLinkRawDlt12:
    case kLinkRawDlt14:
    case kLinkRaw:
    case kLinkIeee80211:
    case kLinkLoop:
    case kLinkLinuxSll:
    case kLinkIeee80211Radiotap:
    case kLinkIpv4:
    case kLinkIpv6:
    case kLinkLinuxSll2: return true;
    default: return false;
    }
}

std::string linkTypeName(std::uint32_t linkType)
{
    switch (linkType) {
    case kLinkNull: return "BSD loopback (NULL)";
    case kLinkEthernet: return "Ethernet";
    case kLinkRawDlt12:
    case kLinkRawDlt14:
    case kLinkRaw: return "raw IP";
    case kLinkIeee80211: return "IEEE 802.11";
    case kLinkLoop: return "OpenBSD loopback (LOOP)";
    case kLinkLinuxSll: return "Linux cooked (SLL)";
    case kLinkIeee80211Radiotap: return "IEEE 802.11 with radiotap";
    case kLinkIpv4: return "raw IPv4";
    case kLinkIpv6: return "raw IPv6";
    case kLinkLinuxSll2: return "Linux cooked (SLL2)";
    default: return "LINKTYPE " + std::to_string(linkType);
    }
}

LinkPayload decodeLink(std::uint32_t linkType, std::string_view frame) noexcept
{
    switch (linkType) {
    case kLinkEthernet: return ethernet(frame);
    case kLinkNull: return bsdLoopback(frame, false);
    case kLinkLoop: return bsdLoopback(frame, true);
    case kLinkRaw:
    case kLinkRawDlt12:
    case kLinkRawDlt14: return rawIp(frame);
    case kLinkIpv4: return ip(NetProto::Ipv4, frame);
    case kLinkIpv6: return ip(NetProto::Ipv6, frame);
    case kLinkLinuxSll: return linuxSll(frame);
    case kLinkLinuxSll2: return linuxSll2(frame);
    case kLinkIeee80211: return ieee80211(frame);
    case kLinkIeee80211Radiotap: return radiotap(frame);
    default: return {};
    }
}

} // namespace hs::net
