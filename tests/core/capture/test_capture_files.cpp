// SPDX-License-Identifier: MIT
// pcap and pcapng file parsing, packet by packet: frame numbers, offsets, times, link types,
// snaplen cuts and every kind of damage, on the fixtures gen_captures.py writes.
#include "capture/net/link_layer.h"
#include "capture_test_util.h"
#include "formats/pcap_reader.h"
#include "formats/pcapng_reader.h"
#include "support/catch.h"
#include "support/test_paths.h"

using namespace hs;
using test::kFixtureT0;

namespace {

struct Parsed {
    std::string bytes;
    test::RecordingConsumer consumer;
    ProblemList problems;
    net::CaptureParseResult result;
};

std::unique_ptr<Parsed> parse(const std::string &name)
{
    auto p = std::make_unique<Parsed>();
    p->bytes = test::readFile(test::captureFixture(name));
    REQUIRE(!p->bytes.empty());
    net::CaptureReadControl control;
    const bool ng = name.size() > 7 && name.substr(name.size() - 7) == ".pcapng";
    p->result = ng ? parsePcapng(p->bytes, p->consumer, p->problems, control)
                   : parsePcap(p->bytes, p->consumer, p->problems, control);
    return p;
}

// The n-th stored problem (0-based).
const Problem &problem(const Parsed &p, std::size_t n)
{
    REQUIRE(p.problems.stored().size() > n);
    return p.problems.stored()[n];
}

constexpr TimeUs ms(TimeUs n)
{
    return n * kUsPerMs;
}

// 16-byte pcap record header + frame bytes.
std::uint64_t nextPcapOffset(const test::RecordedPacket &p)
{
    return p.offset + 16 + p.data.size();
}

} // namespace

TEST_CASE("pcap, microseconds, little-endian: frames, offsets and times", "[pcap]")
{
    const auto p = parse("continue-100.pcap");
    const auto &pk = p->consumer.packets;
    REQUIRE(pk.size() == 15);
    CHECK(p->consumer.linkTypes == std::vector<std::uint32_t>{net::kLinkEthernet});
    CHECK(p->result.variant == "pcap, microsecond, little-endian, Ethernet");
    CHECK_FALSE(p->result.fatal);
    CHECK_FALSE(p->result.stopped);
    CHECK(p->problems.total() == 0);
    for (std::size_t i = 0; i < pk.size(); ++i) {
        CHECK(pk[i].frame == i + 1);
        CHECK(pk[i].linkType == net::kLinkEthernet);
        CHECK(pk[i].originalLength == pk[i].data.size());
        if (i > 0)
            CHECK(pk[i].offset == nextPcapOffset(pk[i - 1]));
    }
    CHECK(pk[0].offset == 24);
    CHECK(pk[0].time == kFixtureT0);
    CHECK(pk[1].time == kFixtureT0 + 500);
    CHECK(pk[3].time == kFixtureT0 + ms(10));
    CHECK(pk[3].data.size() == 14 + 20 + 20 + 81); // Ethernet + IPv4 + TCP + request head
    CHECK(pk[14].time == kFixtureT0 + ms(31) + 100);
}

TEST_CASE("pcap, nanoseconds, big-endian: times truncated to microseconds", "[pcap]")
{
    const auto p = parse("ns-big-endian.pcap");
    const auto &pk = p->consumer.packets;
    REQUIRE(pk.size() == 11);
    CHECK(p->result.variant == "pcap, nanosecond, big-endian, Ethernet");
    CHECK(pk[0].time == kFixtureT0 + 123456);      // 123456789 ns
    CHECK(pk[3].time == kFixtureT0 + ms(200));     // 200 ms + 987 ns
    CHECK(pk[5].time == kFixtureT0 + ms(300) + 1); // 300 ms + 1999 ns
    CHECK(p->problems.total() == 0);
}

TEST_CASE("pcap cut by the snaplen: captured bytes and original length", "[pcap]")
{
    const auto p = parse("snaplen-96.pcap");
    const auto &pk = p->consumer.packets;
    REQUIRE(pk.size() == 11);
    CHECK(pk[3].data.size() == 96);
    CHECK(pk[3].originalLength == 14 + 20 + 20 + 59);
    CHECK(pk[0].data.size() == pk[0].originalLength); // SYN: shorter than the snaplen
    CHECK(p->problems.total() == 0);                  // a cut is not damage; the session summarises it
}

TEST_CASE("pcap link types: SLL, raw IP, NULL and LOOP", "[pcap]")
{
    CHECK(parse("sll.pcap")->consumer.linkTypes == std::vector<std::uint32_t>{net::kLinkLinuxSll});
    CHECK(parse("raw-ip.pcap")->consumer.linkTypes == std::vector<std::uint32_t>{net::kLinkRaw});
    CHECK(parse("null-loopback.pcap")->consumer.linkTypes == std::vector<std::uint32_t>{net::kLinkNull});
    CHECK(parse("loop.pcap")->consumer.linkTypes == std::vector<std::uint32_t>{net::kLinkLoop});
    const auto raw = parse("raw-ip.pcap");
    REQUIRE(raw->consumer.packets.size() == 11);
    CHECK(static_cast<unsigned char>(raw->consumer.packets[0].data[0]) == 0x45);
}

TEST_CASE("pcap cut inside a packet keeps every whole record", "[pcap][damaged]")
{
    const auto p = parse("truncated-in-packet.pcap");
    REQUIRE(p->consumer.packets.size() == 10);
    CHECK_FALSE(p->result.fatal);
    REQUIRE(p->problems.total() == 1);
    const Problem &pr = problem(*p, 0);
    CHECK(pr.category == "truncated");
    CHECK(pr.level == ProblemLevel::Warning);
    CHECK(pr.frame == 11);
    CHECK(pr.offset == nextPcapOffset(p->consumer.packets.back()));
    CHECK(pr.message == "the file ends inside a packet (10 of 54 bytes); that packet is not read");
}

TEST_CASE("pcap cut inside a record header", "[pcap][damaged]")
{
    const auto p = parse("truncated-in-header.pcap");
    REQUIRE(p->consumer.packets.size() == 10);
    const Problem &pr = problem(*p, 0);
    CHECK(pr.category == "truncated");
    CHECK(pr.frame == 11);
    CHECK(pr.offset == nextPcapOffset(p->consumer.packets.back()));
    CHECK(pr.message == "the file ends inside a record header (7 of 16 bytes)");
}

TEST_CASE("pcap cut inside the file header", "[pcap][damaged]")
{
    const auto p = parse("truncated-file-header.pcap");
    CHECK(p->consumer.packets.empty());
    CHECK(p->result.fatal);
    const Problem &pr = problem(*p, 0);
    CHECK(pr.level == ProblemLevel::Error);
    CHECK(pr.offset == 0);
    CHECK(pr.category == "truncated");
}

TEST_CASE("pcap with an absurd record length resyncs at the next record", "[pcap][damaged]")
{
    const auto p = parse("corrupt-record-length.pcap");
    const auto &pk = p->consumer.packets;
    REQUIRE(pk.size() == 10); // record 5 lost, the rest renumbered
    CHECK_FALSE(p->result.fatal);
    const Problem &pr = problem(*p, 0);
    CHECK(pr.category == "corrupt");
    CHECK(pr.level == ProblemLevel::Warning);
    CHECK(pr.frame == 5);
    CHECK(pr.offset == nextPcapOffset(pk[3]));
    CHECK(pk[4].frame == 5);
    CHECK(pk[4].offset == pr.offset + 70);    // the damaged record: 16 + 54 bytes
    CHECK(pk[4].time == kFixtureT0 + ms(20)); // the original record 6: the response
    CHECK(pr.message ==
          "invalid record header (captured length 2147483632); 70 bytes skipped to the next valid record");
}

TEST_CASE("pcapng sections, interfaces, resolutions and packet block kinds", "[pcapng]")
{
    const auto p = parse("multi-section.pcapng");
    const auto &pk = p->consumer.packets;
    REQUIRE(pk.size() == 21);
    CHECK(p->consumer.linkTypes == std::vector<std::uint32_t>{net::kLinkEthernet, net::kLinkRaw, net::kLinkEthernet});
    CHECK(p->result.variant == "pcapng, 2 sections, 3 interfaces, mixed byte order, written by pcapgen multi-section");
    for (std::size_t i = 0; i < pk.size(); ++i)
        CHECK(pk[i].frame == i + 1);
    // Section 1: EPBs in microseconds; frame 4 is an SPB (no timestamp: the previous frame's);
    // frame 5 an obsolete Packet Block.
    CHECK(pk[2].time == kFixtureT0 + ms(1));
    CHECK(pk[3].time == pk[2].time);
    CHECK(pk[3].data.size() == 14 + 20 + 20 + 59);
    CHECK(pk[4].time == kFixtureT0 + ms(10) + 100);
    CHECK(pk[4].interfaceId == 0);
    // Section 2, interface 0: raw IP at 2^-20 s (rounded down).
    CHECK(pk[7].linkType == net::kLinkRaw);
    CHECK(pk[7].interfaceId == 0);
    CHECK(pk[7].time == kFixtureT0 + ms(1000));
    CHECK(pk[8].time == kFixtureT0 + ms(1000) + 499); // 0.0005 s -> 524/2^20 s
    CHECK(pk[10].time == kFixtureT0 + ms(1010) - 1);  // 0.01 s -> 10485/2^20 s
    // Section 2, interface 1: nanoseconds with if_tsoffset 3600 s.
    CHECK(pk[14].linkType == net::kLinkEthernet);
    CHECK(pk[14].interfaceId == 1);
    CHECK(pk[14].time == kFixtureT0 + ms(2000));
    CHECK(pk[15].time == kFixtureT0 + ms(2000) + 500);
    // The ISB's drop counter is the only remark; NRB, DSB, custom and unknown blocks are skipped.
    REQUIRE(p->problems.total() == 1);
    CHECK(problem(*p, 0).category == "capture-drops");
    CHECK(problem(*p, 0).level == ProblemLevel::Note);
}

TEST_CASE("pcapng if_tsresol in milliseconds with if_tsoffset", "[pcapng]")
{
    const auto p = parse("tsoffset.pcapng");
    const auto &pk = p->consumer.packets;
    REQUIRE(pk.size() == 7);
    CHECK(pk[0].time == kFixtureT0);
    CHECK(pk[1].time == kFixtureT0); // 0.5 ms stored as 0 ms
    CHECK(pk[3].time == kFixtureT0 + ms(10));
}

TEST_CASE("pcapng big-endian with binary resolution (SLL2)", "[pcapng]")
{
    const auto p = parse("sll2.pcapng");
    REQUIRE(p->consumer.packets.size() == 11);
    CHECK(p->consumer.linkTypes == std::vector<std::uint32_t>{net::kLinkLinuxSll2});
    CHECK(p->result.variant == "pcapng, 1 interface, big-endian, written by pcapgen sll2");
    CHECK(p->consumer.packets[0].time == kFixtureT0);
}

TEST_CASE("pcapng cut inside a block header or a block", "[pcapng][damaged]")
{
    for (const char *name : {"ng-cut-in-block-header.pcapng", "ng-cut-in-block.pcapng"}) {
        INFO(name);
        const auto p = parse(name);
        CHECK(p->consumer.packets.size() == 10);
        CHECK_FALSE(p->result.fatal);
        const Problem &pr = problem(*p, 0);
        CHECK(pr.category == "truncated");
        CHECK(pr.level == ProblemLevel::Warning);
        CHECK(pr.offset == 1108);
    }
    CHECK(problem(*parse("ng-cut-in-block-header.pcapng"), 0).message ==
          "the file ends inside a block header (6 of 12 bytes)");
    CHECK(problem(*parse("ng-cut-in-block.pcapng"), 0).message ==
          "the file ends inside a block (40 of 88 bytes); that block is not read");
}

TEST_CASE("pcapng zero-length block: skipped to the next block that verifies", "[pcapng][damaged]")
{
    const auto p = parse("ng-zero-length-block.pcapng");
    REQUIRE(p->consumer.packets.size() == 10);
    const Problem &pr = problem(*p, 0);
    CHECK(pr.category == "corrupt");
    CHECK(pr.offset == 328);
    CHECK(pr.message == "block of type 0x6 with invalid length 0; 144 bytes skipped to the next valid block");
    CHECK(p->consumer.packets[3].offset == 328 + 144);
    CHECK(p->consumer.packets[3].frame == 4);
}

TEST_CASE("pcapng block length past the end with valid blocks after it", "[pcapng][damaged]")
{
    const auto p = parse("ng-length-past-end.pcapng");
    CHECK(p->consumer.packets.size() == 10);
    const Problem &pr = problem(*p, 0);
    CHECK(pr.category == "corrupt");
    CHECK(pr.offset == 240);
    CHECK(pr.message == "block declares 2147483632 bytes, past the end of the file; 88 bytes skipped to the next "
                        "valid block");
}

TEST_CASE("pcapng trailing length that disagrees", "[pcapng][damaged]")
{
    const auto p = parse("ng-trailer-mismatch.pcapng");
    CHECK(p->consumer.packets.size() == 10);
    CHECK(problem(*p, 0).offset == 152);
    CHECK(problem(*p, 0).category == "corrupt");
}

TEST_CASE("pcapng packet on an interface that does not exist", "[pcapng][damaged]")
{
    const auto p = parse("ng-bad-interface.pcapng");
    CHECK(p->consumer.packets.size() == 10);
    REQUIRE(p->consumer.unusable.size() == 1);
    CHECK(p->consumer.unusable[0].first == 6);
    CHECK(p->consumer.unusable[0].second == 560);
    const Problem &pr = problem(*p, 0);
    CHECK(pr.category == "interface");
    CHECK(pr.frame == 6);
    CHECK(pr.offset == 560);
    CHECK(p->consumer.packets[5].frame == 7); // numbering continues
}

TEST_CASE("pcapng packet block claiming more bytes than it holds", "[pcapng][damaged]")
{
    const auto p = parse("ng-huge-caplen.pcapng");
    CHECK(p->consumer.packets.size() == 10);
    const Problem &pr = problem(*p, 0);
    CHECK(pr.frame == 7);
    CHECK(pr.offset == 756);
    CHECK(pr.message == "enhanced packet block claims 4294967040 captured bytes but holds 56; skipped");
}

TEST_CASE("pcapng with 10,000 interfaces", "[pcapng][damaged]")
{
    const auto p = parse("ng-10000-interfaces.pcapng");
    REQUIRE(p->consumer.packets.size() == 11);
    CHECK(p->consumer.linkTypes.size() == 10000);
    CHECK(p->consumer.packets[0].interfaceId == 0);
    CHECK(p->consumer.packets[1].interfaceId == 9998);
    CHECK(p->consumer.packets[1].linkType == net::kLinkEthernet);
    CHECK(p->result.variant == "pcapng, 10000 interfaces, little-endian, written by pcapgen");
    CHECK(p->problems.total() == 0);
}

TEST_CASE("pcapng option running past its block", "[pcapng][damaged]")
{
    const auto p = parse("ng-bad-options.pcapng");
    REQUIRE(p->consumer.packets.size() == 11);
    CHECK(p->consumer.packets[1].time == kFixtureT0 + 500); // microseconds assumed
    const Problem &pr = problem(*p, 0);
    CHECK(pr.category == "options");
    CHECK(pr.level == ProblemLevel::Note);
    CHECK(pr.offset == 44); // the IDB, after a 44-byte SHB
}

TEST_CASE("hand-made damage: every prefix and single-byte corruption is survived", "[pcap][pcapng][damaged]")
{
    for (const char *name : {"continue-100.pcap", "multi-section.pcapng"}) {
        INFO(name);
        const std::string bytes = test::readFile(test::captureFixture(name));
        const bool ng = std::string_view(name).ends_with(".pcapng");
        for (std::size_t cut = 0; cut <= bytes.size(); cut += 7) {
            test::RecordingConsumer consumer;
            ProblemList problems;
            net::CaptureReadControl control;
            const std::string_view view(bytes.data(), cut);
            ng ? parsePcapng(view, consumer, problems, control) : parsePcap(view, consumer, problems, control);
            for (const auto &pk : consumer.packets)
                CHECK(pk.offset + pk.data.size() <= cut);
        }
        for (std::size_t at = 0; at < bytes.size(); at += 3) {
            std::string damaged = bytes;
            damaged[at] = static_cast<char>(damaged[at] ^ 0xA5);
            test::RecordingConsumer consumer;
            ProblemList problems;
            net::CaptureReadControl control;
            ng ? parsePcapng(damaged, consumer, problems, control) : parsePcap(damaged, consumer, problems, control);
            CHECK(consumer.packets.size() <= 21);
        }
    }
}
