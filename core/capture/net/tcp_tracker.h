// SPDX-License-Identifier: MIT
// TCP connection tracking and stream reassembly.
//
// Each connection is found by its canonical 4-tuple in a flow table. Each direction is reassembled
// on a 64-bit unwrapped sequence space (so wraparound and >4 GiB streams need no special case):
// in-order bytes go straight to the connection's TcpStreamSink as views of the packet (no copy),
// segments ahead of a hole wait in a bounded per-direction list (views into the capture when the
// caller vouches the bytes stay mapped, copies otherwise), retransmissions and overlaps are trimmed
// and counted, and holes become gaps when the peer acknowledged past them, when the list is full,
// or when the connection ends.
//
// Roles: the SYN sender is the client (the SYN-ACK receiver if only that was seen); without a
// handshake the side whose first bytes look like a request (or whose peer's look like a response)
// is the client, else the higher port. Until roles are known, stream events wait in a bounded queue.
//
// Lifetime: a connection's state and sink are released when both FINs were delivered, at a RST,
// after an idle timeout or at the end; a small flow-table entry remains for a while to absorb the
// last ACKs and retransmissions, so million-connection captures keep only open connections in memory.
#pragma once

#include "capture/net/flow_table.h"
#include "capture/net/stream_sink.h"
#include "capture/net/tcp_segment.h"
#include "model/connection.h"
#include "model/problem.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

namespace hs::net {

struct TcpTrackerLimits {
    std::size_t maxPendingBytes = 4u << 20; // out-of-order bytes held per direction before a gap is declared
    std::size_t maxPendingSegments = 2048;  // likewise, in segments
    std::size_t maxUndecidedEvents = 64;    // stream events held while roles are unknown
    std::size_t maxUndecidedBytes = 1u << 20;
    TimeUs idleTimeout = 10 * kUsPerMinute; // capture time without a packet before an open connection is closed
    TimeUs closedLinger = 2 * kUsPerMinute; // how long a closed connection still absorbs stray packets
    TimeUs sweepInterval = 30 * kUsPerSecond;
};

struct TcpTrackerStats {
    std::uint64_t segments = 0;
    std::uint64_t connectionsOpened = 0;
    std::uint64_t idleClosed = 0;      // closed by the idle timeout
    std::uint64_t strayAfterClose = 0; // packets absorbed by closed connections
    std::size_t peakLiveConnections = 0;
};

class TcpTracker {
public:
    // `problems` (optional) receives one located problem per hole in a stream.
    TcpTracker(TcpSinkFactory &factory, ProblemList *problems, TcpTrackerLimits limits = {});
    ~TcpTracker();
    TcpTracker(const TcpTracker &) = delete;
    TcpTracker &operator=(const TcpTracker &) = delete;

    // One TCP segment. `stableBytes`: the payload stays valid and unchanged until finish() (a mapped
    // capture file), so out-of-order segments are kept as views instead of copies.
    void onSegment(const IpAddress &src, const IpAddress &dst, const TcpSegment &segment, TimeUs time,
                   std::uint64_t frame, bool stableBytes);

    // Closes every open connection (end of capture or stop). Idempotent.
    void finish(TimeUs endTime);

    // After finish(): every connection seen, in order of their first packet in the capture.
    std::deque<Connection> &connections() noexcept { return connections_; }
    const TcpTrackerStats &stats() const noexcept { return stats_; }
    std::size_t liveConnections() const noexcept { return liveCount_; }

private:
    struct Pending;
    struct Side;
    struct Event;
    struct Live;
    struct Entry {
        std::uint32_t connection = 0;
        std::uint32_t live = kNoLive; // slot in live_, kNoLive once closed
        TimeUs lastTime = 0;
    };
    static constexpr std::uint32_t kNoLive = ~std::uint32_t{0};

    std::uint32_t open(const FlowKey &key, std::uint64_t hash, int srcSide, const IpAddress &src, std::uint16_t srcPort,
                       const IpAddress &dst, std::uint16_t dstPort, TimeUs time, std::uint64_t frame);
    void segment(Live &live, int side, const TcpSegment &seg, TimeUs time, std::uint64_t frame, bool stable);
    void absorb(Entry &entry, const IpAddress &src, std::uint16_t srcPort, TimeUs time, std::uint64_t frame);
    void decideRoles(Live &live, int clientSide, bool bySyn);
    void decideByPorts(Live &live);
    void dataInOrder(Live &live, int side, std::uint64_t seq, std::string_view data, std::uint32_t missing, TimeUs time,
                     std::uint64_t frame, bool stable);
    void storePending(Live &live, int side, std::uint64_t seq, std::string_view data, std::uint32_t missing,
                      TimeUs time, std::uint64_t frame, bool stable);
    void drain(Live &live, int side);
    void forceGap(Live &live, int side);
    void gapsFromAck(Live &live, int ackingSide, std::uint32_t ack);
    void maybeFin(Live &live, int side);
    void flush(Live &live, int side);
    void emitData(Live &live, int side, std::string_view data, TimeUs time, std::uint64_t frame, bool stable);
    void emitGap(Live &live, int side, std::uint64_t length, TimeUs time, std::uint64_t frame, bool hole);
    void emitFin(Live &live, int side, TimeUs time, std::uint64_t frame);
    void emitReset(Live &live, int side, TimeUs time, std::uint64_t frame);
    void deliver(Live &live, Event &event);
    void stopPayload(Live &live);
    void syncConnection(Live &live);
    void close(std::uint32_t liveSlot, TimeUs time);
    void sweep(TimeUs now);
    Dir dirOf(const Live &live, int side) const noexcept;

    TcpSinkFactory &factory_;
    ProblemList *problems_;
    TcpTrackerLimits limits_;
    FlowTable<Entry> table_;
    std::deque<Connection> connections_; // stable addresses: sinks hold references
    std::vector<std::unique_ptr<Live>> live_;
    std::vector<std::uint32_t> freeLive_;
    std::size_t liveCount_ = 0;
    TimeUs nextSweep_ = kNoTime;
    TcpTrackerStats stats_;
    bool finished_ = false;
};

} // namespace hs::net
