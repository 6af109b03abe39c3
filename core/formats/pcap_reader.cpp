// SPDX-License-Identifier: MIT
#include "formats/pcap_reader.h"

#include "capture/net/byte_io.h"
#include "capture/net/link_layer.h"

#include <algorithm>
#include <optional>
#include <string>

namespace hs {
namespace {

constexpr std::size_t kFileHeader = 24;
// Larger than any real record: libpcap's own ceiling is 256 KiB, and segmentation-offload captures
// stay far below this. A larger length is corruption, not a packet.
constexpr std::uint32_t kMaxRecord = 16u << 20;
constexpr std::uint64_t kMaxResyncScan = 64u << 20; // bytes searched for the next plausible header

struct Format {
    net::Endian endian;
    bool nanoseconds = false;
    bool modified = false; // Kuznetsov's patched libpcap: 8 more header bytes per record
    std::size_t recordHeader = 16;
};

std::optional<Format> formatFromMagic(std::string_view head) noexcept
{
    if (head.size() < 4)
        return std::nullopt;
    const std::uint32_t le = net::loadLe32(head.data());
    Format f;
    switch (le) {
    case 0xA1B2C3D4: break;
    case 0xD4C3B2A1: f.endian.big = true; break;
    case 0xA1B23C4D: f.nanoseconds = true; break;
    case 0x4D3CB2A1:
        f.endian.big = true;
        f.nanoseconds = true;
        break;
    case 0xA1B2CD34: f.modified = true; break;
    case 0x34CDB2A1:
        f.endian.big = true;
        f.modified = true;
        break;
    default: return std::nullopt;
    }
    if (f.modified)
        f.recordHeader = 24;
    return f;
}

struct RecordHeader {
    std::uint32_t seconds = 0, fraction = 0, captured = 0, original = 0;
};

RecordHeader readRecord(const Format &f, const char *p) noexcept
{
    return {f.endian.u32(p), f.endian.u32(p + 4), f.endian.u32(p + 8), f.endian.u32(p + 12)};
}

bool plausible(const Format &f, const RecordHeader &r, std::uint32_t maxCaptured,
               std::optional<std::uint32_t> lastSeconds) noexcept
{
    if (r.captured > maxCaptured || r.fraction >= (f.nanoseconds ? 1'000'000'000u : 1'000'000u))
        return false;
    if (r.original < r.captured && r.original != 0)
        return false;
    if (!lastSeconds)
        return true;
    // Within a day of the last good record: a resync must not lock onto payload bytes.
    const std::int64_t delta = static_cast<std::int64_t>(r.seconds) - static_cast<std::int64_t>(*lastSeconds);
    return delta > -86400 && delta < 86400;
}

// After a record header that cannot be right: the next offset where two consecutive plausible
// headers (or one that ends the file exactly) start.
std::optional<std::uint64_t> resync(std::string_view bytes, const Format &f, std::uint64_t from,
                                    std::uint32_t maxCaptured, std::optional<std::uint32_t> lastSeconds)
{
    const std::uint64_t limit = std::min<std::uint64_t>(bytes.size(), from + kMaxResyncScan);
    for (std::uint64_t pos = from; pos + f.recordHeader <= limit; ++pos) {
        const RecordHeader r = readRecord(f, bytes.data() + pos);
        if (!plausible(f, r, maxCaptured, lastSeconds))
            continue;
        const std::uint64_t next = pos + f.recordHeader + r.captured;
        if (next == bytes.size())
            return pos;
        if (next + f.recordHeader > bytes.size())
            continue;
        const RecordHeader r2 = readRecord(f, bytes.data() + next);
        if (plausible(f, r2, maxCaptured, lastSeconds) && next + f.recordHeader + r2.captured <= bytes.size())
            return pos;
    }
    return std::nullopt;
}

std::string variantName(const Format &f, std::uint32_t linkType)
{
    std::string v = f.modified ? "pcap (modified)" : "pcap";
    v += f.nanoseconds ? ", nanosecond" : ", microsecond";
    v += f.endian.big ? ", big-endian" : ", little-endian";
    v += ", " + net::linkTypeName(linkType);
    return v;
}

} // namespace

net::CaptureParseResult parsePcap(std::string_view bytes, net::PacketConsumer &consumer, ProblemList &problems,
                                  net::CaptureReadControl &control)
{
    net::CaptureParseResult result;
    const std::optional<Format> format = formatFromMagic(bytes);
    if (!format) {
        problems.add(Problem{0, 0, 0, ProblemLevel::Error, "header", "not a pcap file (unknown magic number)"});
        result.fatal = true;
        return result;
    }
    const Format &f = *format;
    if (bytes.size() < kFileHeader) {
        problems.add(
            Problem{0, 0, 0, ProblemLevel::Error, "truncated",
                    "the file ends inside the pcap file header (" + std::to_string(bytes.size()) + " of 24 bytes)"});
        result.fatal = true;
        result.variant = "pcap";
        return result;
    }
    const char *h = bytes.data();
    const std::uint16_t major = f.endian.u16(h + 4);
    const std::uint32_t snaplen = f.endian.u32(h + 16);
    const std::uint32_t linkType = f.endian.u32(h + 20) & 0x03FFFFFFu; // upper bits: FCS length flags
    if (major != 2)
        problems.add(Problem{0, 4, 0, ProblemLevel::Note, "header",
                             "pcap major version " + std::to_string(major) + " (expected 2); reading anyway"});
    result.variant = variantName(f, linkType);
    consumer.onLinkType(linkType, 20);
    // Records longer than the snaplen happen (offload, buggy writers); only absurd ones are corrupt.
    const std::uint32_t maxCaptured = std::max<std::uint32_t>(kMaxRecord, snaplen < kMaxRecord * 4u ? snaplen : 0);

    std::uint64_t pos = kFileHeader;
    std::uint64_t frame = 0;
    std::uint32_t lastSeconds = 0;
    bool haveTime = false;
    net::CapturedPacket packet;
    packet.linkType = linkType;
    while (pos < bytes.size()) {
        if (control.poll(pos)) {
            result.stopped = true;
            break;
        }
        const std::uint64_t remaining = bytes.size() - pos;
        if (remaining < f.recordHeader) {
            problems.add(Problem{0, pos, frame + 1, ProblemLevel::Warning, "truncated",
                                 "the file ends inside a record header (" + std::to_string(remaining) + " of " +
                                     std::to_string(f.recordHeader) + " bytes)"});
            break;
        }
        const RecordHeader r = readRecord(f, bytes.data() + pos);
        if (r.captured > maxCaptured) {
            // Not a length any packet has: the header is garbage (a writer bug or a damaged copy).
            const std::optional<std::uint64_t> next = resync(
                bytes, f, pos + 1, maxCaptured, haveTime ? std::optional<std::uint32_t>(lastSeconds) : std::nullopt);
            if (!next) {
                problems.add(Problem{0, pos, frame + 1, ProblemLevel::Error, "corrupt",
                                     "invalid record header (captured length " + std::to_string(r.captured) +
                                         "); no valid record found after it, the rest of the file is not read"});
                result.fatal = true;
                break;
            }
            problems.add(Problem{0, pos, frame + 1, ProblemLevel::Warning, "corrupt",
                                 "invalid record header (captured length " + std::to_string(r.captured) + "); " +
                                     std::to_string(*next - pos) + " bytes skipped to the next valid record"});
            pos = *next;
            continue;
        }
        if (r.captured > remaining - f.recordHeader) {
            problems.add(Problem{0, pos, frame + 1, ProblemLevel::Warning, "truncated",
                                 "the file ends inside a packet (" + std::to_string(remaining - f.recordHeader) +
                                     " of " + std::to_string(r.captured) + " bytes); that packet is not read"});
            break;
        }
        packet.frame = ++frame;
        packet.offset = pos;
        const std::uint64_t micros = f.nanoseconds ? r.fraction / 1000u : r.fraction;
        packet.time = static_cast<TimeUs>(r.seconds) * kUsPerSecond + static_cast<TimeUs>(micros);
        packet.data = bytes.substr(pos + f.recordHeader, r.captured);
        packet.originalLength = std::max(r.original, r.captured);
        lastSeconds = r.seconds;
        haveTime = true;
        consumer.onPacket(packet);
        pos += f.recordHeader + r.captured;
    }
    return result;
}

std::string_view PcapReader::recognisedBy() const
{
    return "magic number a1b2c3d4 / a1b23c4d (either byte order)";
}

SniffResult PcapReader::sniff(const SniffInput &input) const
{
    const std::optional<Format> f = formatFromMagic(input.head);
    if (!f)
        return SniffResult::notMine("no pcap magic number");
    return SniffResult::mine(100, f->nanoseconds ? "pcap magic (nanosecond)" : "pcap magic");
}

void PcapReader::read(ReadContext &ctx) const
{
    const std::string_view bytes = ctx.source.bytes.view();
    net::readCapture(ctx, [&](net::PacketConsumer &consumer, net::CaptureReadControl &control) {
        return parsePcap(bytes, consumer, ctx.source.problems, control);
    });
}

} // namespace hs
