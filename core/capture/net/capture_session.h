// SPDX-License-Identifier: MIT
// Decodes captured frames (link layer -> IP, with defragmentation -> TCP) into the TCP tracker and,
// at the end, fills the capture's Source: CaptureData (packets, link types, undecoded frames,
// connections in order of first packet, transactions), time range, records and problems.
#pragma once

#include "capture/net/captured_packet.h"
#include "capture/net/ip_defragmenter.h"
#include "capture/net/tcp_tracker.h"
#include "model/source.h"

#include <cstdint>
#include <vector>

namespace hs::net {

class CaptureSession final : public PacketConsumer {
public:
    // `factory` opens the per-connection sinks (the HTTP layer in production). `stableBytes`: the
    // packet bytes stay mapped until finish() (true for readers working on the mapped file).
    CaptureSession(Source &source, TcpSinkFactory &factory, bool stableBytes, TcpTrackerLimits limits = {});

    void onLinkType(std::uint32_t linkType, std::uint64_t offset) override;
    void onPacket(const CapturedPacket &packet) override;
    void onUnusablePacket(std::uint64_t frame, std::uint64_t offset) override;

    // Closes every connection and fills ctx.source's capture data and counters. Call once.
    void finish();

    const TcpTracker &tracker() const noexcept { return tracker_; }

private:
    void decodeIp(const CapturedPacket &packet, IpPacket &ip);
    void malformed(const CapturedPacket &packet, const char *what);
    void noteTruncated(const CapturedPacket &packet);

    Source &source_;
    CaptureData &capture_;
    TcpTracker tracker_;
    IpDefragmenter defragmenter_;
    bool stableBytes_;
    std::vector<std::uint32_t> unsupportedReported_;
    std::uint64_t unsupportedFrames_ = 0;
    std::uint64_t snaplenCut_ = 0, firstSnaplenFrame_ = 0;
    TimeUs lastTime_ = kNoTime;
};

} // namespace hs::net
