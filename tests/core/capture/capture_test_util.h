// SPDX-License-Identifier: MIT
// Helpers shared by the capture tests: fixture paths, reading a capture end to end, and a text
// rendering of what was read (shown by failing assertions through INFO).
#pragma once

#include "capture/net/captured_packet.h"
#include "model/source.h"
#include "model/string_pool.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace hs::test {

inline constexpr TimeUs kFixtureT0 = 1'795'255'200'000'000; // 2026-11-21T10:00:00Z, gen_captures.py's T0

std::filesystem::path captureFixture(const std::string &name);
// readSingleFile on tests/data/captures/<name>; never null for the fixtures (REQUIREd).
std::unique_ptr<Source> readCaptureFixture(const std::string &name, StringPool &strings);
// Connections and transactions, one line each, for diagnostics.
std::string describeCapture(const Source &source, const StringPool &strings);

struct RecordedPacket {
    std::uint64_t frame = 0, offset = 0;
    std::uint32_t interfaceId = 0, linkType = 0;
    TimeUs time = kNoTime;
    std::string data;
    std::uint32_t originalLength = 0;
};

// Records what a capture file parser hands over, packet by packet.
class RecordingConsumer final : public net::PacketConsumer {
public:
    void onLinkType(std::uint32_t linkType, std::uint64_t offset) override
    {
        linkTypes.push_back(linkType);
        linkTypeOffsets.push_back(offset);
    }
    void onPacket(const net::CapturedPacket &p) override
    {
        packets.push_back(
            {p.frame, p.offset, p.interfaceId, p.linkType, p.time, std::string(p.data), p.originalLength});
    }
    void onUnusablePacket(std::uint64_t frame, std::uint64_t offset) override { unusable.emplace_back(frame, offset); }

    std::vector<std::uint32_t> linkTypes;
    std::vector<std::uint64_t> linkTypeOffsets;
    std::vector<RecordedPacket> packets;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> unusable;
};

} // namespace hs::test
