// SPDX-License-Identifier: MIT
#include "capture/net/capture_session.h"

#include "capture/net/link_layer.h"

#include <algorithm>
#include <numeric>
#include <string>

namespace hs::net {

CaptureSession::CaptureSession(Source &source, TcpSinkFactory &factory, bool stableBytes, TcpTrackerLimits limits)
    : source_(source), capture_(source.capture ? *source.capture : *(source.capture = std::make_unique<CaptureData>())),
      tracker_(factory, &source.problems, limits), stableBytes_(stableBytes)
{
}

void CaptureSession::onLinkType(std::uint32_t linkType, std::uint64_t offset)
{
    if (std::find(capture_.linkTypes.begin(), capture_.linkTypes.end(), linkType) == capture_.linkTypes.end())
        capture_.linkTypes.push_back(linkType);
    if (!isSupportedLinkType(linkType) &&
        std::find(unsupportedReported_.begin(), unsupportedReported_.end(), linkType) == unsupportedReported_.end()) {
        unsupportedReported_.push_back(linkType);
        source_.problems.add(Problem{0, offset, 0, ProblemLevel::Warning, "link-type",
                                     "link type " + linkTypeName(linkType) +
                                         " is not supported: its frames are counted but not decoded"});
    }
}

void CaptureSession::malformed(const CapturedPacket &packet, const char *what)
{
    ++capture_.undecodedFrames;
    source_.problems.add(Problem{0, packet.offset, packet.frame, ProblemLevel::Warning, "malformed-packet",
                                 std::string(what) + "; frame not decoded"});
}

void CaptureSession::noteTruncated(const CapturedPacket &packet)
{
    if (snaplenCut_++ == 0)
        firstSnaplenFrame_ = packet.frame;
}

void CaptureSession::onPacket(const CapturedPacket &packet)
{
    ++capture_.packets;
    if (packet.time != kNoTime) {
        source_.widenTimeRange(packet.time);
        lastTime_ = lastTime_ == kNoTime ? packet.time : std::max(lastTime_, packet.time);
    }
    if (packet.originalLength > packet.data.size())
        noteTruncated(packet);
    const LinkPayload link = decodeLink(packet.linkType, packet.data);
    IpPacket ip;
    IpStatus status;
    switch (link.proto) {
    case NetProto::Ipv4: status = parseIpv4(link.bytes, ip); break;
    case NetProto::Ipv6: status = parseIpv6(link.bytes, ip); break;
    case NetProto::Truncated:
        if (packet.originalLength > packet.data.size()) {
            ++capture_.undecodedFrames; // the snaplen cut the link header: already summarised
            return;
        }
        malformed(packet, "the frame ends inside its link-layer header");
        return;
    case NetProto::Other:
    default:
        ++capture_.undecodedFrames;
        if (!isSupportedLinkType(packet.linkType))
            ++unsupportedFrames_;
        return;
    }
    switch (status) {
    case IpStatus::Ok: break;
    case IpStatus::Fragment: {
        if (ip.protocol != kIpProtoTcp) {
            ++capture_.undecodedFrames; // only TCP is reassembled: nothing else is read
            return;
        }
        IpPacket whole;
        const auto result = defragmenter_.add(ip, packet.time, whole);
        if (result != IpDefragmenter::Result::Complete)
            return; // counted as undecoded later if the datagram never completes
        ip = whole;
        TcpSegment seg;
        if (parseTcp(ip.payload, ip.missingTail, seg) != TcpStatus::Ok) {
            malformed(packet, "reassembled IP datagram holds a broken TCP header");
            return;
        }
        tracker_.onSegment(ip.src, ip.dst, seg, packet.time, packet.frame, false);
        return;
    }
    case IpStatus::Truncated:
        if (packet.originalLength > packet.data.size()) {
            ++capture_.undecodedFrames;
            return;
        }
        malformed(packet, "the frame ends inside its IP header");
        return;
    case IpStatus::Malformed: malformed(packet, "invalid IP header"); return;
    case IpStatus::NotTransport: ++capture_.undecodedFrames; return;
    }
    if (ip.protocol != kIpProtoTcp) {
        ++capture_.undecodedFrames;
        return;
    }
    TcpSegment seg;
    switch (parseTcp(ip.payload, ip.missingTail, seg)) {
    case TcpStatus::Ok: break;
    case TcpStatus::Truncated:
        if (ip.missingTail > 0) {
            ++capture_.undecodedFrames;
            return;
        }
        malformed(packet, "the frame ends inside its TCP header");
        return;
    case TcpStatus::Malformed: malformed(packet, "invalid TCP header length"); return;
    }
    tracker_.onSegment(ip.src, ip.dst, seg, packet.time, packet.frame, stableBytes_);
}

void CaptureSession::onUnusablePacket(std::uint64_t, std::uint64_t)
{
    ++capture_.packets;
    ++capture_.undecodedFrames;
}

void CaptureSession::finish()
{
    tracker_.finish(lastTime_);
    defragmenter_.finish();
    capture_.undecodedFrames += defragmenter_.abandonedFragments();
    if (snaplenCut_) {
        source_.problems.add(Problem{
            0, Problem::kNoOffset, firstSnaplenFrame_, ProblemLevel::Note, "snaplen",
            std::to_string(snaplenCut_) + " frames were cut by the capture's snapshot length (first: frame " +
                std::to_string(firstSnaplenFrame_) + "); their missing bytes are treated as gaps in the TCP streams"});
    }
    if (unsupportedFrames_) {
        source_.problems.add(Problem{0, Problem::kNoOffset, 0, ProblemLevel::Warning, "link-type",
                                     std::to_string(unsupportedFrames_) +
                                         " frames use a link type that is not supported and were not decoded"});
    }

    // Connections were created in file order; captures merged from several interfaces (or
    // written by buggy tools) can be out of time order, and the contract is "by first packet".
    std::deque<Connection> &tracked = tracker_.connections();
    const bool sorted = std::is_sorted(tracked.begin(), tracked.end(), [](const Connection &a, const Connection &b) {
        return a.firstTime < b.firstTime;
    });
    capture_.connections.reserve(capture_.connections.size() + tracked.size());
    if (sorted) {
        for (Connection &c : tracked)
            capture_.connections.push_back(std::move(c));
    } else {
        std::vector<std::uint32_t> order(tracked.size());
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return tracked[a].firstTime < tracked[b].firstTime; });
        std::vector<std::uint32_t> newIndex(tracked.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) {
            newIndex[order[i]] = i;
            capture_.connections.push_back(std::move(tracked[order[i]]));
        }
        for (Transaction &t : capture_.transactions)
            if (t.connection.valid() && t.connection.value < newIndex.size())
                t.connection = ConnectionId(newIndex[t.connection.value]);
    }
    tracked.clear();
    source_.records = capture_.transactions.size();
}

} // namespace hs::net
