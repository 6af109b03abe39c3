// SPDX-License-Identifier: MIT
// Link layers, IPv4/IPv6 headers, fragment reassembly, TCP headers and the flow table, on bytes
// built here field by field.
#include "capture/net/flow_table.h"
#include "capture/net/ip_defragmenter.h"
#include "capture/net/ip_packet.h"
#include "capture/net/link_layer.h"
#include "capture/net/tcp_segment.h"
#include "support/catch.h"

#include <random>
#include <string>
#include <unordered_map>

using namespace hs;
using namespace hs::net;

namespace {

std::string bytes(std::initializer_list<int> list)
{
    std::string s;
    for (int b : list)
        s += static_cast<char>(b);
    return s;
}

std::string be16(unsigned v)
{
    return bytes({static_cast<int>((v >> 8) & 0xFF), static_cast<int>(v & 0xFF)});
}

std::string be32(std::uint32_t v)
{
    return be16(v >> 16) + be16(v & 0xFFFF);
}

std::string le32(std::uint32_t v)
{
    return bytes({static_cast<int>(v & 0xFF), static_cast<int>((v >> 8) & 0xFF), static_cast<int>((v >> 16) & 0xFF),
                  static_cast<int>(v >> 24)});
}

// IPv4 header (no options) + payload; total length as given (default: exact).
std::string ipv4(const std::string &payload, int proto = 6, unsigned flagsOffset = 0x4000, unsigned id = 7,
                 int totalLength = -1)
{
    const unsigned total = totalLength >= 0 ? static_cast<unsigned>(totalLength) : 20 + payload.size();
    return bytes({0x45, 0}) + be16(total) + be16(id) + be16(flagsOffset) + bytes({64, proto, 0, 0}) +
           bytes({10, 0, 0, 5}) + bytes({10, 0, 0, 50}) + payload;
}

std::string ipv6Address(int last)
{
    return bytes({0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last});
}

std::string ipv6(const std::string &afterHeader, int next, int payloadLength = -1)
{
    const unsigned len = payloadLength >= 0 ? static_cast<unsigned>(payloadLength) : afterHeader.size();
    return bytes({0x60, 0, 0, 0}) + be16(len) + bytes({next, 64}) + ipv6Address(5) + ipv6Address(0x50) + afterHeader;
}

std::string tcp(unsigned sport, unsigned dport, std::uint32_t seq, std::uint32_t ack, int flags,
                const std::string &payload = {}, int dataOffsetWords = 5)
{
    std::string h = be16(sport) + be16(dport) + be32(seq) + be32(ack) + bytes({dataOffsetWords << 4, flags}) +
                    be16(65535) + be16(0) + be16(0);
    h.resize(static_cast<std::size_t>(dataOffsetWords) * 4, '\0');
    return h + payload;
}

const std::string kMacs = std::string(6, '\x02') + std::string(6, '\x04');

} // namespace

TEST_CASE("Ethernet, VLAN, QinQ, LLC/SNAP, PPPoE and MPLS reach the IP header", "[net][link]")
{
    const std::string ip = ipv4(tcp(1, 2, 3, 4, 0x10));
    auto check = [&](std::uint32_t linkType, const std::string &frame, NetProto proto, const std::string &expect) {
        const LinkPayload p = decodeLink(linkType, frame);
        CHECK(p.proto == proto);
        CHECK(std::string(p.bytes) == expect);
    };
    check(kLinkEthernet, kMacs + be16(0x0800) + ip, NetProto::Ipv4, ip);
    check(kLinkEthernet, kMacs + be16(0x8100) + be16(100) + be16(0x0800) + ip, NetProto::Ipv4, ip);
    check(kLinkEthernet, kMacs + be16(0x88A8) + be16(10) + be16(0x8100) + be16(20) + be16(0x0800) + ip, NetProto::Ipv4,
          ip);
    check(kLinkEthernet, kMacs + be16(0x9100) + be16(10) + be16(0x0800) + ip, NetProto::Ipv4, ip);
    const std::string snap = bytes({0xAA, 0xAA, 0x03, 0, 0, 0}) + be16(0x0800) + ip;
    check(kLinkEthernet, kMacs + be16(static_cast<unsigned>(snap.size())) + snap, NetProto::Ipv4, ip);
    check(kLinkEthernet, kMacs + be16(0x8864) + bytes({0x11, 0, 0, 1}) + be16(42) + be16(0x0021) + ip, NetProto::Ipv4,
          ip);
    check(kLinkEthernet, kMacs + be16(0x8847) + bytes({0, 0x10, 0x00, 64}) + bytes({0, 0x20, 0x01, 64}) + ip,
          NetProto::Ipv4, ip);
    check(kLinkEthernet, kMacs + be16(0x0806) + std::string(28, '\0'), NetProto::Other, ""); // ARP
    check(kLinkEthernet, kMacs.substr(0, 10), NetProto::Truncated, "");                      // cut header
    check(kLinkEthernet, kMacs + be16(0x8100) + be16(100), NetProto::Truncated, "");         // cut tag
    std::string deep = kMacs + be16(0x8100);
    for (int i = 0; i < 40; ++i)
        deep += be16(1) + be16(0x8100);
    check(kLinkEthernet, deep + be16(1) + be16(0x0800) + ip, NetProto::Other, ""); // tag bomb: given up
}

TEST_CASE("Linux cooked SLL/SLL2, raw IP, NULL and LOOP", "[net][link]")
{
    const std::string v4 = ipv4(tcp(1, 2, 3, 4, 0x10));
    const std::string v6 = ipv6(tcp(1, 2, 3, 4, 0x10), 6);
    const std::string sll = be16(0) + be16(1) + be16(6) + std::string(8, '\x02') + be16(0x86DD);
    CHECK(decodeLink(kLinkLinuxSll, sll + v6).proto == NetProto::Ipv6);
    CHECK(decodeLink(kLinkLinuxSll, sll + v6).bytes.size() == v6.size());
    const std::string sll2 = be16(0x0800) + be16(0) + be32(2) + be16(1) + bytes({4, 6}) + std::string(8, '\x02');
    CHECK(decodeLink(kLinkLinuxSll2, sll2 + v4).proto == NetProto::Ipv4);
    CHECK(decodeLink(kLinkLinuxSll2, sll2.substr(0, 19)).proto == NetProto::Truncated);
    CHECK(decodeLink(kLinkRaw, v4).proto == NetProto::Ipv4);
    CHECK(decodeLink(kLinkRaw, v6).proto == NetProto::Ipv6);
    CHECK(decodeLink(kLinkRawDlt12, v6).proto == NetProto::Ipv6);
    CHECK(decodeLink(kLinkRaw, bytes({0x30, 0})).proto == NetProto::Other);
    CHECK(decodeLink(kLinkIpv4, v4).proto == NetProto::Ipv4);
    CHECK(decodeLink(kLinkIpv6, v6).proto == NetProto::Ipv6);
    CHECK(decodeLink(kLinkNull, le32(2) + v4).proto == NetProto::Ipv4);
    CHECK(decodeLink(kLinkNull, be32(2) + v4).proto == NetProto::Ipv4); // written on a big-endian host
    for (std::uint32_t af : {10u, 24u, 28u, 30u})
        CHECK(decodeLink(kLinkNull, le32(af) + v6).proto == NetProto::Ipv6);
    CHECK(decodeLink(kLinkNull, le32(99) + v4).proto == NetProto::Other);
    CHECK(decodeLink(kLinkLoop, be32(2) + v4).proto == NetProto::Ipv4);
    CHECK(decodeLink(kLinkLoop, be32(24) + v6).proto == NetProto::Ipv6);
    CHECK(decodeLink(kLinkLoop, bytes({0, 0})).proto == NetProto::Truncated);
    CHECK(decodeLink(147, v4).proto == NetProto::Other);
    CHECK_FALSE(isSupportedLinkType(147));
    CHECK(linkTypeName(147) == "LINKTYPE 147");
    CHECK(linkTypeName(kLinkLinuxSll2) == "Linux cooked (SLL2)");
}

TEST_CASE("802.11 data frames, with and without radiotap", "[net][link]")
{
    const std::string v4 = ipv4(tcp(1, 2, 3, 4, 0x10));
    const std::string llc = bytes({0xAA, 0xAA, 0x03, 0, 0, 0}) + be16(0x0800);
    // Frame control: QoS data (type 2, subtype 8), FromDS; duration; 3 addresses; sequence; QoS.
    const std::string qosData = bytes({0x88, 0x02, 0, 0}) + std::string(18, '\x02') + bytes({0, 0}) + bytes({0, 0});
    CHECK(decodeLink(kLinkIeee80211, qosData + llc + v4).proto == NetProto::Ipv4);
    CHECK(decodeLink(kLinkIeee80211, qosData + llc + v4).bytes.size() == v4.size());
    std::string prot = qosData;
    prot[1] = static_cast<char>(0x42); // protected
    CHECK(decodeLink(kLinkIeee80211, prot + llc + v4).proto == NetProto::Other);
    std::string beacon = qosData;
    beacon[0] = static_cast<char>(0x80); // management
    CHECK(decodeLink(kLinkIeee80211, beacon + llc + v4).proto == NetProto::Other);
    const std::string radiotap = bytes({0, 0, 12, 0}) + le32(0) + le32(0);
    CHECK(decodeLink(kLinkIeee80211Radiotap, radiotap + qosData + llc + v4).proto == NetProto::Ipv4);
    CHECK(decodeLink(kLinkIeee80211Radiotap, radiotap.substr(0, 10)).proto == NetProto::Truncated);
}

TEST_CASE("IPv4 header: addresses, payload bounds, padding, snaplen, offload, fragments", "[net][ip]")
{
    IpPacket p;
    const std::string seg = tcp(51000, 80, 1, 2, 0x18, "hello");
    REQUIRE(parseIpv4(ipv4(seg), p) == IpStatus::Ok);
    CHECK(p.src.toString() == "10.0.0.5");
    CHECK(p.dst.toString() == "10.0.0.50");
    CHECK(p.protocol == kIpProtoTcp);
    CHECK(std::string(p.payload) == seg);
    CHECK(p.missingTail == 0);

    REQUIRE(parseIpv4(ipv4(seg) + std::string(6, '\0'), p) == IpStatus::Ok); // Ethernet padding
    CHECK(p.payload.size() == seg.size());

    const std::string full = ipv4(seg);
    REQUIRE(parseIpv4(full.substr(0, full.size() - 3), p) == IpStatus::Ok); // snaplen cut
    CHECK(p.payload.size() == seg.size() - 3);
    CHECK(p.missingTail == 3);

    REQUIRE(parseIpv4(ipv4(seg, 6, 0x4000, 7, 0), p) == IpStatus::Ok); // total length 0: offload
    CHECK(p.payload.size() == seg.size());

    CHECK(parseIpv4(full.substr(0, 19), p) == IpStatus::Truncated);
    std::string badVersion = full;
    badVersion[0] = 0x55;
    CHECK(parseIpv4(badVersion, p) == IpStatus::Malformed);
    std::string shortIhl = full;
    shortIhl[0] = 0x44;
    CHECK(parseIpv4(shortIhl, p) == IpStatus::Malformed);
    CHECK(parseIpv4(ipv4(seg, 6, 0x4000, 7, 12), p) == IpStatus::Malformed); // total < header

    REQUIRE(parseIpv4(ipv4(seg, 6, 0x2000 | 0, 99), p) == IpStatus::Fragment);
    CHECK(p.fragment.id == 99);
    CHECK(p.fragment.offset == 0);
    CHECK(p.fragment.more);
    REQUIRE(parseIpv4(ipv4("tail", 6, 3, 99), p) == IpStatus::Fragment);
    CHECK(p.fragment.offset == 24);
    CHECK_FALSE(p.fragment.more);
}

TEST_CASE("IPv6 header and extension headers", "[net][ip]")
{
    IpPacket p;
    const std::string seg = tcp(51000, 8080, 1, 2, 0x18, "v6");
    REQUIRE(parseIpv6(ipv6(seg, 6), p) == IpStatus::Ok);
    CHECK(p.src.toString() == "2001:db8::5");
    CHECK(p.dst.toString() == "2001:db8::50");
    CHECK(std::string(p.payload) == seg);

    // Hop-by-hop (8 bytes) then Destination Options (16 bytes) then TCP.
    const std::string hop = bytes({60, 0}) + std::string(6, '\0');
    const std::string dst = bytes({6, 1}) + std::string(14, '\0');
    REQUIRE(parseIpv6(ipv6(hop + dst + seg, 0), p) == IpStatus::Ok);
    CHECK(p.protocol == kIpProtoTcp);
    CHECK(std::string(p.payload) == seg);

    // Authentication header: length in 4-byte units minus 2.
    const std::string ah = bytes({6, 1}) + std::string(10, '\0');
    REQUIRE(parseIpv6(ipv6(ah + seg, 51), p) == IpStatus::Ok);
    CHECK(std::string(p.payload) == seg);

    // A non-final fragment: the bytes after the Fragment header are the fragmentable part.
    const std::string frag = bytes({6, 0}) + be16(0x0001) + be32(0xCAFE);
    REQUIRE(parseIpv6(ipv6(frag + seg, 44), p) == IpStatus::Fragment);
    CHECK(p.protocol == kIpProtoTcp);
    CHECK(p.fragment.id == 0xCAFE);
    CHECK(p.fragment.more);
    CHECK(std::string(p.payload) == seg);
    // An atomic fragment (offset 0, no more) is a whole datagram.
    const std::string atomic = bytes({6, 0}) + be16(0) + be32(1);
    REQUIRE(parseIpv6(ipv6(atomic + seg, 44), p) == IpStatus::Ok);
    CHECK(std::string(p.payload) == seg);

    CHECK(parseIpv6(ipv6(std::string(8, '\0'), 50), p) == IpStatus::NotTransport); // ESP
    CHECK(parseIpv6(ipv6("", 59), p) == IpStatus::NotTransport);
    CHECK(parseIpv6(ipv6(bytes({6, 200}) + std::string(6, '\0'), 0), p) == IpStatus::Malformed); // past declared
    CHECK(parseIpv6(ipv6(seg, 6).substr(0, 39), p) == IpStatus::Truncated);
    std::string chain; // 20 hop-by-hop headers: more than any real packet
    for (int i = 0; i < 20; ++i)
        chain += bytes({0, 0}) + std::string(6, '\0');
    CHECK(parseIpv6(ipv6(chain + seg, 0), p) == IpStatus::Malformed);
}

TEST_CASE("IPv4 fragments reassemble in any order; damaged and stale ones are abandoned", "[net][ip]")
{
    const std::string seg = tcp(51000, 80, 1, 2, 0x18, std::string(40, 'x'));
    const std::string first = ipv4(seg.substr(0, 16), 6, 0x2000 | 0, 5);
    const std::string middle = ipv4(seg.substr(16, 24), 6, 0x2000 | 2, 5);
    const std::string last = ipv4(seg.substr(40), 6, 5, 5);
    IpPacket a, b, c, whole;
    REQUIRE(parseIpv4(first, a) == IpStatus::Fragment);
    REQUIRE(parseIpv4(middle, b) == IpStatus::Fragment);
    REQUIRE(parseIpv4(last, c) == IpStatus::Fragment);
    {
        IpDefragmenter d;
        CHECK(d.add(c, 100, whole) == IpDefragmenter::Result::Incomplete);
        CHECK(d.add(a, 101, whole) == IpDefragmenter::Result::Incomplete);
        CHECK(d.add(b, 102, whole) == IpDefragmenter::Result::Complete);
        CHECK(std::string(whole.payload) == seg);
        CHECK(whole.protocol == kIpProtoTcp);
        CHECK(whole.src.toString() == "10.0.0.5");
        d.finish();
        CHECK(d.abandonedFragments() == 0);
    }
    {
        IpDefragmenter::Limits limits;
        limits.timeout = 1000;
        IpDefragmenter d(limits);
        CHECK(d.add(a, 0, whole) == IpDefragmenter::Result::Incomplete);
        CHECK(d.add(c, 5000, whole) == IpDefragmenter::Result::Incomplete); // a expired first
        CHECK(d.abandonedFragments() == 1);
        d.finish();
        CHECK(d.abandonedFragments() == 2);
    }
    {
        IpDefragmenter::Limits limits;
        limits.maxDatagrams = 2;
        IpDefragmenter d(limits);
        IpPacket other = a;
        for (std::uint32_t id = 1; id <= 3; ++id) {
            other.fragment.id = id;
            CHECK(d.add(other, 0, whole) == IpDefragmenter::Result::Incomplete);
        }
        CHECK(d.abandonedFragments() == 1); // the oldest made room
    }
    {
        IpDefragmenter d;
        IpPacket cut = b;
        cut.payload = cut.payload.substr(0, 10);
        cut.missingTail = 14; // the snaplen cut this fragment: the datagram can never complete
        d.add(a, 0, whole);
        d.add(cut, 0, whole);
        CHECK(d.add(c, 0, whole) == IpDefragmenter::Result::Incomplete);
        d.finish();
        CHECK(d.abandonedFragments() == 3);
    }
    {
        IpDefragmenter d;
        IpPacket huge = c;
        huge.fragment.offset = 65528;
        CHECK(d.add(huge, 0, whole) == IpDefragmenter::Result::Invalid);
    }
}

TEST_CASE("TCP header fields and options", "[net][tcp]")
{
    TcpSegment s;
    const std::string withOptions = tcp(51000, 80, 0xDEADBEEF, 0x01020304, 0x12, "data", 8);
    REQUIRE(parseTcp(withOptions, 5, s) == TcpStatus::Ok);
    CHECK(s.srcPort == 51000);
    CHECK(s.dstPort == 80);
    CHECK(s.seq == 0xDEADBEEF);
    CHECK(s.ack == 0x01020304);
    CHECK(s.has(kTcpSyn));
    CHECK(s.has(kTcpAck));
    CHECK_FALSE(s.has(kTcpFin));
    CHECK(std::string(s.payload) == "data");
    CHECK(s.missingTail == 5);
    CHECK(s.length() == 9);
    CHECK(parseTcp(withOptions.substr(0, 30), 0, s) == TcpStatus::Truncated);
    std::string shortOffset = tcp(1, 2, 3, 4, 0);
    shortOffset[12] = 0x40; // data offset 4 words: less than the fixed header
    CHECK(parseTcp(shortOffset, 0, s) == TcpStatus::Malformed);
}

TEST_CASE("flow table: both directions find one entry; erase keeps probe runs intact", "[net][tcp]")
{
    const IpAddress a = parseIp("10.0.0.5")->address, b = parseIp("10.0.0.50")->address;
    FlowKey k1, k2;
    CHECK(makeFlowKey(a, 51000, b, 80, k1) == 0);
    CHECK(makeFlowKey(b, 80, a, 51000, k2) == 1);
    CHECK(k1 == k2);

    FlowTable<std::uint32_t> table;
    std::unordered_map<std::uint32_t, std::uint32_t> reference; // port -> value
    std::mt19937 rng(7);
    auto keyOf = [&](std::uint32_t port) {
        FlowKey k;
        makeFlowKey(a, static_cast<std::uint16_t>(port), b, 80, k);
        return k;
    };
    for (int round = 0; round < 20000; ++round) {
        const std::uint32_t port = 1024 + rng() % 3000;
        const FlowKey k = keyOf(port);
        const std::uint64_t h = k.hash();
        if (auto *v = table.find(k, h)) {
            REQUIRE(reference.count(port));
            CHECK(*v == reference[port]);
            if (rng() % 2) {
                table.erase(k, h);
                reference.erase(port);
            }
        } else {
            REQUIRE_FALSE(reference.count(port));
            table.insert(k, h, static_cast<std::uint32_t>(round));
            reference[port] = static_cast<std::uint32_t>(round);
        }
    }
    CHECK(table.size() == reference.size());
    for (const auto &[port, value] : reference) {
        const FlowKey k = keyOf(port);
        const auto *v = table.find(k, k.hash());
        REQUIRE(v);
        CHECK(*v == value);
    }
}
