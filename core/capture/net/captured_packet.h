// SPDX-License-Identifier: MIT
// The seam between capture-file readers (pcap, pcapng) and packet decoding: readers walk the file
// and hand over each frame as it is stored; consumers decode it (CaptureSession) or record it (tests).
#pragma once

#include "model/time.h"

#include <cstdint>
#include <string_view>

namespace hs::net {

struct CapturedPacket {
    std::uint64_t frame = 0;       // 1-based, in file order across sections (like Wireshark)
    std::uint64_t offset = 0;      // byte offset of the record (block) in the file
    std::uint32_t interfaceId = 0; // pcapng interface (0 for pcap)
    std::uint32_t linkType = 0;
    TimeUs time = kNoTime;            // UTC microseconds; kNoTime when the record has none
    std::string_view data;            // captured bytes
    std::uint32_t originalLength = 0; // length on the wire (>= data.size() when the snaplen cut it)
};

class PacketConsumer {
public:
    virtual ~PacketConsumer() = default;
    // A link type the file declares (pcap header, pcapng IDB), before packets that use it.
    virtual void onLinkType(std::uint32_t linkType, std::uint64_t offset) = 0;
    virtual void onPacket(const CapturedPacket &packet) = 0;
    // A packet record whose bytes cannot be decoded at all (it names an interface the file never
    // declared): it counts as a frame, and as undecoded.
    virtual void onUnusablePacket(std::uint64_t frame, std::uint64_t offset) = 0;
};

// Capture timestamps are saturated to +-2^60 us (36 millennia) so that differences and sums of
// capture times never overflow: corrupt headers can declare any 64-bit value.
inline constexpr TimeUs kMaxCaptureTime = TimeUs{1} << 60;

inline TimeUs clampCaptureTime(TimeUs us) noexcept
{
    return us > kMaxCaptureTime ? kMaxCaptureTime : us < -kMaxCaptureTime ? -kMaxCaptureTime : us;
}

inline TimeUs captureTimeFromUnsigned(std::uint64_t us) noexcept
{
    return us > static_cast<std::uint64_t>(kMaxCaptureTime) ? kMaxCaptureTime : static_cast<TimeUs>(us);
}

// a + b for values already within +-kMaxCaptureTime (no overflow possible), clamped again.
inline TimeUs addCaptureTime(TimeUs a, TimeUs b) noexcept
{
    return clampCaptureTime(clampCaptureTime(a) + clampCaptureTime(b));
}

} // namespace hs::net
