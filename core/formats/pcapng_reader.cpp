// SPDX-License-Identifier: MIT
#include "formats/pcapng_reader.h"

#include "capture/net/byte_io.h"
#include "capture/net/link_layer.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace hs {
namespace {

constexpr std::uint32_t kSectionHeader = 0x0A0D0D0A; // the same in both byte orders
constexpr std::uint32_t kInterfaceDescription = 1;
constexpr std::uint32_t kObsoletePacket = 2;
constexpr std::uint32_t kSimplePacket = 3;
constexpr std::uint32_t kNameResolution = 4;
constexpr std::uint32_t kInterfaceStatistics = 5;
constexpr std::uint32_t kEnhancedPacket = 6;
constexpr std::uint32_t kSystemdJournal = 9;
constexpr std::uint32_t kDecryptionSecrets = 0x0A;
constexpr std::uint32_t kCustomCopyable = 0x00000BAD;
constexpr std::uint32_t kCustomNoCopy = 0x40000BAD;
constexpr std::uint32_t kByteOrderMagic = 0x1A2B3C4D;

constexpr std::uint16_t kOptEnd = 0;
constexpr std::uint16_t kShbUserAppl = 4;
constexpr std::uint16_t kIfTsResol = 9;
constexpr std::uint16_t kIfTsOffset = 14;
constexpr std::uint16_t kIsbIfDrop = 5;

// Enough for any real capture host; a file declaring more is hostile and must not grow memory.
constexpr std::size_t kMaxInterfaces = 1u << 16;
constexpr std::uint64_t kMaxResyncScan = 64u << 20;

struct Interface {
    std::uint32_t linkType = 0;
    std::uint32_t snaplen = 0;
    bool binary = false;       // if_tsresol: 2^-exponent instead of 10^-exponent
    std::uint8_t exponent = 6; // default: microseconds
    std::int64_t offsetSeconds = 0;

    TimeUs convert(std::uint64_t ts) const noexcept
    {
        constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
        constexpr std::uint64_t kMillion = 1'000'000;
        std::uint64_t us = 0;
        if (!binary) {
            static constexpr std::uint64_t kPow10[] = {1,
                                                       10,
                                                       100,
                                                       1'000,
                                                       10'000,
                                                       100'000,
                                                       1'000'000,
                                                       10'000'000,
                                                       100'000'000,
                                                       1'000'000'000,
                                                       10'000'000'000,
                                                       100'000'000'000,
                                                       1'000'000'000'000,
                                                       10'000'000'000'000,
                                                       100'000'000'000'000,
                                                       1'000'000'000'000'000,
                                                       10'000'000'000'000'000,
                                                       100'000'000'000'000'000,
                                                       1'000'000'000'000'000'000,
                                                       10'000'000'000'000'000'000u};
            if (exponent >= 6) {
                const unsigned d = exponent - 6u;
                us = d < std::size(kPow10) ? ts / kPow10[d] : 0;
            } else {
                const std::uint64_t m = kPow10[6 - exponent];
                us = ts > kMax / m ? kMax : ts * m;
            }
        } else {
            const unsigned n = exponent;
            const std::uint64_t whole = n >= 64 ? 0 : ts >> n;
            const std::uint64_t fraction = n >= 64 ? ts : ts & ((std::uint64_t{1} << n) - 1);
            // fraction < 2^n; scale to microseconds without overflowing (10^6 < 2^20).
            std::uint64_t fractionUs;
            if (n <= 43) {
                fractionUs = (fraction * kMillion) >> n;
            } else {
                const unsigned drop = n - 43;
                fractionUs = drop >= 64 ? 0 : ((fraction >> drop) * kMillion) >> 43;
            }
            us = whole > (kMax - fractionUs) / kMillion ? kMax : whole * kMillion + fractionUs;
        }
        constexpr std::int64_t kMaxOffsetSeconds = std::int64_t{1} << 40;
        const std::int64_t offset = std::clamp(offsetSeconds, -kMaxOffsetSeconds, kMaxOffsetSeconds);
        return net::addCaptureTime(net::captureTimeFromUnsigned(us), offset * kUsPerSecond);
    }
};

// Calls fn(code, value) for each option; false when an option runs past the end.
template <typename Fn>
bool forEachOption(std::string_view options, const net::Endian &e, Fn &&fn)
{
    while (options.size() >= 4) {
        const std::uint16_t code = e.u16(options.data());
        const std::uint16_t length = e.u16(options.data() + 2);
        if (code == kOptEnd)
            return true;
        if (std::size_t{4} + length > options.size())
            return false;
        fn(code, options.substr(4, length));
        const std::size_t padded = (std::size_t{length} + 3) & ~std::size_t{3};
        options.remove_prefix(std::min(options.size(), 4 + padded));
    }
    return true;
}

bool knownBlockType(std::uint32_t type) noexcept
{
    switch (type) {
    case kInterfaceDescription:
    case kObsoletePacket:
    case kSimplePacket:
    case kNameResolution:
    case kInterfaceStatistics:
    case kEnhancedPacket:
    case kSystemdJournal:
    case kDecryptionSecrets:
    case kCustomCopyable:
    case kCustomNoCopy: return true;
    default: return false;
    }
}

std::optional<net::Endian> sectionByteOrder(const char *block) noexcept
{
    if (net::loadLe32(block + 8) == kByteOrderMagic)
        return net::Endian{false};
    if (net::loadBe32(block + 8) == kByteOrderMagic)
        return net::Endian{true};
    return std::nullopt;
}

class PcapngParser {
public:
    PcapngParser(std::string_view bytes, net::PacketConsumer &consumer, ProblemList &problems,
                 net::CaptureReadControl &control)
        : bytes_(bytes), consumer_(consumer), problems_(problems), control_(control)
    {
    }

    net::CaptureParseResult run();

private:
    // A block that verifies: a section header with a byte-order magic, or a known block type in the
    // current byte order; either way with a sane length that is repeated at its end.
    bool verifies(std::uint64_t pos) const noexcept;
    std::optional<std::uint64_t> resync(std::uint64_t from) const noexcept;
    // Reports a damaged block; returns where reading resumes, or nothing when it must stop.
    std::optional<std::uint64_t> skipDamaged(std::uint64_t pos, const std::string &what);
    void sectionHeader(std::uint64_t pos, std::string_view body);
    void interfaceDescription(std::uint64_t pos, std::string_view body);
    void enhancedPacket(std::uint64_t pos, std::string_view body);
    void simplePacket(std::uint64_t pos, std::string_view body);
    void obsoletePacket(std::uint64_t pos, std::string_view body);
    void interfaceStatistics(std::string_view body);
    void packet(std::uint64_t pos, std::uint32_t interfaceId, std::optional<std::uint64_t> timestamp,
                std::string_view data, std::uint32_t originalLength);
    void problem(ProblemLevel level, std::uint64_t offset, std::uint64_t frame, std::string category,
                 std::string message)
    {
        problems_.add(Problem{0, offset, frame, level, std::move(category), std::move(message)});
    }
    std::string variant() const;

    std::string_view bytes_;
    net::PacketConsumer &consumer_;
    ProblemList &problems_;
    net::CaptureReadControl &control_;
    net::CaptureParseResult result_;
    net::Endian endian_;
    bool inSection_ = false;
    std::vector<Interface> interfaces_;
    bool interfaceCapReported_ = false;
    std::uint64_t frame_ = 0;
    std::uint64_t sections_ = 0;
    std::uint64_t interfacesTotal_ = 0;
    std::uint64_t maxDropped_ = 0;
    bool bigEndianSeen_ = false, littleEndianSeen_ = false;
    std::string application_;
    TimeUs lastTime_ = kNoTime;
    net::CapturedPacket packet_;
};

bool PcapngParser::verifies(std::uint64_t pos) const noexcept
{
    const std::uint64_t remaining = bytes_.size() - pos;
    if (remaining < 12)
        return false;
    const char *b = bytes_.data() + pos;
    net::Endian e = endian_;
    if (net::loadLe32(b) == kSectionHeader) {
        if (remaining < 28)
            return false;
        const auto order = sectionByteOrder(b);
        if (!order)
            return false;
        e = *order;
    } else if (!inSection_ || !knownBlockType(e.u32(b))) {
        return false;
    }
    const std::uint32_t length = e.u32(b + 4);
    return length >= 12 && length % 4 == 0 && length <= remaining && e.u32(b + length - 4) == length;
}

std::optional<std::uint64_t> PcapngParser::resync(std::uint64_t from) const noexcept
{
    from = (from + 3) & ~std::uint64_t{3}; // blocks are 32-bit aligned
    const std::uint64_t limit = std::min<std::uint64_t>(bytes_.size(), from + kMaxResyncScan);
    for (std::uint64_t pos = from; pos + 12 <= limit; pos += 4)
        if (verifies(pos))
            return pos;
    return std::nullopt;
}

std::optional<std::uint64_t> PcapngParser::skipDamaged(std::uint64_t pos, const std::string &what)
{
    const std::optional<std::uint64_t> next = resync(pos + 4);
    if (!next) {
        problem(ProblemLevel::Error, pos, 0, "corrupt",
                what + "; no valid block follows, the rest of the file is not read");
        result_.fatal = true;
        return std::nullopt;
    }
    problem(ProblemLevel::Warning, pos, 0, "corrupt",
            what + "; " + std::to_string(*next - pos) + " bytes skipped to the next valid block");
    return next;
}

std::string hex(std::uint32_t v)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%X", v);
    return text;
}

net::CaptureParseResult PcapngParser::run()
{
    std::uint64_t pos = 0;
    while (pos < bytes_.size()) {
        if (control_.poll(pos)) {
            result_.stopped = true;
            break;
        }
        const std::uint64_t remaining = bytes_.size() - pos;
        if (remaining < 12) {
            problem(ProblemLevel::Warning, pos, 0, "truncated",
                    "the file ends inside a block header (" + std::to_string(remaining) + " of 12 bytes)");
            break;
        }
        const char *b = bytes_.data() + pos;
        const bool isSection = net::loadLe32(b) == kSectionHeader;
        if (isSection) {
            if (remaining < 28) {
                problem(ProblemLevel::Warning, pos, 0, "truncated",
                        "the file ends inside a section header block (" + std::to_string(remaining) +
                            " of at least 28 bytes)");
                break;
            }
            const auto order = sectionByteOrder(b);
            if (!order) {
                const auto next = skipDamaged(pos, "section header without a valid byte-order magic");
                if (!next)
                    break;
                pos = *next;
                continue;
            }
            endian_ = *order;
        } else if (!inSection_) {
            const auto next = skipDamaged(pos, "block outside any section");
            if (!next)
                break;
            pos = *next;
            continue;
        }
        const std::uint32_t type = endian_.u32(b);
        const std::uint32_t length = endian_.u32(b + 4);
        if (length < 12 || length % 4 != 0) {
            const auto next =
                skipDamaged(pos, "block of type " + hex(type) + " with invalid length " + std::to_string(length));
            if (!next)
                break;
            pos = *next;
            continue;
        }
        if (length > remaining) {
            // Either the file was cut inside this block (the usual case: a capture copied while it
            // was written) or the length field is damaged and valid blocks follow.
            if (const std::optional<std::uint64_t> next = resync(pos + 4)) {
                problem(ProblemLevel::Warning, pos, 0, "corrupt",
                        "block declares " + std::to_string(length) + " bytes, past the end of the file; " +
                            std::to_string(*next - pos) + " bytes skipped to the next valid block");
                pos = *next;
                continue;
            }
            problem(ProblemLevel::Warning, pos, 0, "truncated",
                    "the file ends inside a block (" + std::to_string(remaining) + " of " + std::to_string(length) +
                        " bytes); that block is not read");
            break;
        }
        if (endian_.u32(b + length - 4) != length) {
            const auto next =
                skipDamaged(pos, "block length " + std::to_string(length) + " is not repeated at the block's end");
            if (!next)
                break;
            pos = *next;
            continue;
        }
        const std::string_view body = bytes_.substr(pos + 8, length - 12);
        switch (isSection ? kSectionHeader : type) {
        case kSectionHeader: sectionHeader(pos, body); break;
        case kInterfaceDescription: interfaceDescription(pos, body); break;
        case kEnhancedPacket: enhancedPacket(pos, body); break;
        case kSimplePacket: simplePacket(pos, body); break;
        case kObsoletePacket: obsoletePacket(pos, body); break;
        case kInterfaceStatistics: interfaceStatistics(body); break;
        default: break; // name resolution, decryption secrets, journal, custom, unknown: not needed
        }
        pos += length;
    }
    if (maxDropped_)
        problem(ProblemLevel::Note, Problem::kNoOffset, 0, "capture-drops",
                "the capturing tool reported " + std::to_string(maxDropped_) +
                    " packets dropped by an interface (statistics block): expect gaps in the TCP streams");
    result_.variant = variant();
    return result_;
}

void PcapngParser::sectionHeader(std::uint64_t pos, std::string_view body)
{
    ++sections_;
    inSection_ = true;
    interfaces_.clear(); // interface ids are per section
    interfaceCapReported_ = false;
    (endian_.big ? bigEndianSeen_ : littleEndianSeen_) = true;
    if (body.size() < 16) {
        problem(ProblemLevel::Warning, pos, 0, "corrupt", "section header block too short for its fields");
        return;
    }
    const std::uint16_t major = endian_.u16(body.data() + 4);
    if (major != 1)
        problem(ProblemLevel::Note, pos, 0, "header",
                "pcapng major version " + std::to_string(major) + " (expected 1); reading anyway");
    const bool ok = forEachOption(body.substr(16), endian_, [&](std::uint16_t code, std::string_view value) {
        if (code == kShbUserAppl && application_.empty())
            application_.assign(value.substr(0, std::min<std::size_t>(value.size(), 128)));
    });
    if (!ok)
        problem(ProblemLevel::Note, pos, 0, "options", "section header options run past the block; ignored");
}

void PcapngParser::interfaceDescription(std::uint64_t pos, std::string_view body)
{
    if (body.size() < 8) {
        problem(ProblemLevel::Warning, pos, 0, "corrupt",
                "interface description block too short; later packets on it cannot be decoded");
        return;
    }
    if (interfaces_.size() >= kMaxInterfaces) {
        if (!interfaceCapReported_) {
            interfaceCapReported_ = true;
            problem(ProblemLevel::Warning, pos, 0, "interfaces",
                    "more than " + std::to_string(kMaxInterfaces) +
                        " interfaces in one section; further interfaces are ignored");
        }
        return;
    }
    Interface itf;
    itf.linkType = endian_.u16(body.data());
    itf.snaplen = endian_.u32(body.data() + 4);
    const bool ok = forEachOption(body.substr(8), endian_, [&](std::uint16_t code, std::string_view value) {
        if (code == kIfTsResol && value.size() >= 1) {
            const auto v = static_cast<std::uint8_t>(value[0]);
            itf.binary = (v & 0x80) != 0;
            itf.exponent = static_cast<std::uint8_t>(v & 0x7F);
        } else if (code == kIfTsOffset && value.size() >= 8) {
            itf.offsetSeconds = static_cast<std::int64_t>(endian_.u64(value.data()));
        }
    });
    if (!ok)
        problem(ProblemLevel::Note, pos, 0, "options",
                "interface " + std::to_string(interfaces_.size()) +
                    " has options running past its block; "
                    "those after the damage are ignored");
    interfaces_.push_back(itf);
    ++interfacesTotal_;
    consumer_.onLinkType(itf.linkType, pos);
}

void PcapngParser::packet(std::uint64_t pos, std::uint32_t interfaceId, std::optional<std::uint64_t> timestamp,
                          std::string_view data, std::uint32_t originalLength)
{
    ++frame_;
    if (interfaceId >= interfaces_.size()) {
        problem(ProblemLevel::Warning, pos, frame_, "interface",
                "packet on interface " + std::to_string(interfaceId) + ", but the section declares " +
                    std::to_string(interfaces_.size()) + "; frame not decoded");
        consumer_.onUnusablePacket(frame_, pos);
        return;
    }
    const Interface &itf = interfaces_[interfaceId];
    packet_.frame = frame_;
    packet_.offset = pos;
    packet_.interfaceId = interfaceId;
    packet_.linkType = itf.linkType;
    // A Simple Packet Block has no timestamp: it takes its predecessor's.
    packet_.time = timestamp ? itf.convert(*timestamp) : lastTime_;
    lastTime_ = packet_.time;
    packet_.data = data;
    packet_.originalLength = std::max<std::uint32_t>(originalLength, static_cast<std::uint32_t>(data.size()));
    consumer_.onPacket(packet_);
}

void PcapngParser::enhancedPacket(std::uint64_t pos, std::string_view body)
{
    if (body.size() < 20) {
        problem(ProblemLevel::Warning, pos, frame_ + 1, "corrupt", "enhanced packet block too short; skipped");
        return;
    }
    const char *p = body.data();
    const std::uint32_t captured = endian_.u32(p + 12);
    if (captured > body.size() - 20) {
        problem(ProblemLevel::Warning, pos, frame_ + 1, "corrupt",
                "enhanced packet block claims " + std::to_string(captured) + " captured bytes but holds " +
                    std::to_string(body.size() - 20) + "; skipped");
        return;
    }
    const std::uint64_t ts = (std::uint64_t{endian_.u32(p + 4)} << 32) | endian_.u32(p + 8);
    packet(pos, endian_.u32(p), ts, body.substr(20, captured), endian_.u32(p + 16));
}

void PcapngParser::simplePacket(std::uint64_t pos, std::string_view body)
{
    if (body.size() < 4) {
        problem(ProblemLevel::Warning, pos, frame_ + 1, "corrupt", "simple packet block too short; skipped");
        return;
    }
    const std::uint32_t original = endian_.u32(body.data());
    std::size_t captured = std::min<std::size_t>(original, body.size() - 4);
    if (!interfaces_.empty() && interfaces_[0].snaplen != 0)
        captured = std::min<std::size_t>(captured, interfaces_[0].snaplen);
    packet(pos, 0, std::nullopt, body.substr(4, captured), original);
}

void PcapngParser::obsoletePacket(std::uint64_t pos, std::string_view body)
{
    if (body.size() < 20) {
        problem(ProblemLevel::Warning, pos, frame_ + 1, "corrupt", "packet block too short; skipped");
        return;
    }
    const char *p = body.data();
    const std::uint32_t captured = endian_.u32(p + 12);
    if (captured > body.size() - 20) {
        problem(ProblemLevel::Warning, pos, frame_ + 1, "corrupt",
                "packet block claims " + std::to_string(captured) + " captured bytes but holds " +
                    std::to_string(body.size() - 20) + "; skipped");
        return;
    }
    const std::uint64_t ts = (std::uint64_t{endian_.u32(p + 4)} << 32) | endian_.u32(p + 8);
    packet(pos, endian_.u16(p), ts, body.substr(20, captured), endian_.u32(p + 16));
}

void PcapngParser::interfaceStatistics(std::string_view body)
{
    if (body.size() < 12)
        return;
    forEachOption(body.substr(12), endian_, [&](std::uint16_t code, std::string_view value) {
        if (code == kIsbIfDrop && value.size() >= 8)
            maxDropped_ = std::max(maxDropped_, endian_.u64(value.data()));
    });
}

std::string PcapngParser::variant() const
{
    std::string v = "pcapng";
    if (sections_ > 1)
        v += ", " + std::to_string(sections_) + " sections";
    v += ", " + std::to_string(interfacesTotal_) + (interfacesTotal_ == 1 ? " interface" : " interfaces");
    v += bigEndianSeen_ && littleEndianSeen_ ? ", mixed byte order"
         : bigEndianSeen_                    ? ", big-endian"
                                             : ", little-endian";
    if (!application_.empty()) {
        std::string app;
        for (char c : application_)
            if (c != '\0')
                app += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        v += ", written by " + app;
    }
    return v;
}

} // namespace

net::CaptureParseResult parsePcapng(std::string_view bytes, net::PacketConsumer &consumer, ProblemList &problems,
                                    net::CaptureReadControl &control)
{
    return PcapngParser(bytes, consumer, problems, control).run();
}

std::string_view PcapngReader::recognisedBy() const
{
    return "section header block 0a0d0d0a with byte-order magic 1a2b3c4d (either byte order)";
}

SniffResult PcapngReader::sniff(const SniffInput &input) const
{
    if (input.head.size() < 4 || net::loadLe32(input.head.data()) != kSectionHeader)
        return SniffResult::notMine("no pcapng section header block");
    if (input.head.size() >= 12 && !sectionByteOrder(input.head.data()))
        return SniffResult::notMine("section header block type without the byte-order magic");
    return SniffResult::mine(100, "pcapng section header block");
}

void PcapngReader::read(ReadContext &ctx) const
{
    const std::string_view bytes = ctx.source.bytes.view();
    net::readCapture(ctx, [&](net::PacketConsumer &consumer, net::CaptureReadControl &control) {
        return parsePcapng(bytes, consumer, ctx.source.problems, control);
    });
}

} // namespace hs
