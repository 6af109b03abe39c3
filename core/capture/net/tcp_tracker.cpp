// SPDX-License-Identifier: MIT
#include "capture/net/tcp_tracker.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace hs::net {
namespace {

// Unwrapped sequence numbers start at 2^32 + the 32-bit value, so a stream can move backwards by up
// to 2^31 (retransmissions before the first segment seen) without going below zero.
constexpr std::uint64_t kSeqBase = std::uint64_t{1} << 32;

std::unique_ptr<char[]> copyBytes(std::string_view data)
{
    if (data.empty())
        return nullptr;
    std::unique_ptr<char[]> owned(new char[data.size()]);
    std::memcpy(owned.get(), data.data(), data.size());
    return owned;
}

} // namespace

// A segment that arrived ahead of a hole.
struct TcpTracker::Pending {
    std::uint64_t seq = 0;
    std::string_view data;
    std::uint32_t missing = 0; // snaplen-cut bytes after `data`
    TimeUs time = 0;
    std::uint64_t frame = 0;
    std::unique_ptr<char[]> owned; // backs `data` when the packet bytes were not stable
    std::uint64_t end() const noexcept { return seq + data.size() + missing; }
};

// One direction, named by the endpoint that sends it.
struct TcpTracker::Side {
    Endpoint endpoint;
    bool started = false; // sequence space anchored (by the SYN, else by the first packet)
    bool synSeen = false;
    std::uint32_t isn = 0;
    std::uint64_t origin = 0;     // first stream byte (unwrapped)
    std::uint64_t next = 0;       // next expected stream byte (unwrapped)
    std::uint64_t highestEnd = 0; // end of the highest byte seen, delivered or not
    bool ackValid = false;
    std::uint32_t ack = 0; // highest acknowledgement this side sent (peer's sequence space)
    bool finSeen = false, finDelivered = false;
    std::uint64_t finSeq = 0;
    TimeUs finTime = kNoTime;
    std::uint64_t finFrame = 0;
    std::vector<Pending> pending; // sorted by seq
    std::size_t pendingBytes = 0;
    std::uint64_t packets = 0, delivered = 0, skippedBytes = 0, gapBytes = 0;
    std::uint32_t gaps = 0, retransmissions = 0, outOfOrder = 0;

    std::uint64_t unwrap(std::uint32_t seq) const noexcept
    {
        return next + static_cast<std::uint64_t>(
                          static_cast<std::int64_t>(static_cast<std::int32_t>(seq - static_cast<std::uint32_t>(next))));
    }
};

// A stream event held while the roles are not known yet.
struct TcpTracker::Event {
    enum class Kind : std::uint8_t { Data, Gap, Fin, Reset };
    Kind kind = Kind::Data;
    std::uint8_t side = 0;
    TimeUs time = 0;
    std::uint64_t frame = 0;
    std::string_view data;
    std::uint64_t length = 0;
    std::unique_ptr<char[]> owned;
};

struct TcpTracker::Live {
    struct EndInfo {
        ConnectionEnd::Kind kind = ConnectionEnd::Kind::Open;
        int side = -1;
        TimeUs time = kNoTime;
        std::uint64_t frame = 0;
        std::uint64_t unacked[2] = {0, 0}; // per sending side
    };

    std::uint32_t connection = 0;
    FlowKey key;
    std::uint64_t hash = 0;
    Side side[2];
    int clientSide = -1;
    bool bySyn = false;
    bool sawSyn = false, sawSynAck = false;
    bool skipPayload = false;
    bool resetSeen = false;
    std::unique_ptr<TcpStreamSink> sink;
    std::vector<Event> undecided;
    std::size_t undecidedBytes = 0;
    EndInfo end, reset;
};

namespace {

// How a FIN or RST found the connection: per sending side, the bytes the peer had not acknowledged.
template <typename LiveT>
typename LiveT::EndInfo endInfo(const LiveT &l, ConnectionEnd::Kind kind, int side, TimeUs time, std::uint64_t frame)
{
    typename LiveT::EndInfo info{kind, side, time, frame, {}};
    for (int i = 0; i < 2; ++i) {
        const auto &a = l.side[i];
        const auto &b = l.side[1 - i];
        const std::uint64_t acked = b.ackValid ? a.unwrap(b.ack) : a.origin;
        info.unacked[i] = a.started && a.highestEnd > acked ? a.highestEnd - acked : 0;
    }
    return info;
}

} // namespace

TcpTracker::TcpTracker(TcpSinkFactory &factory, ProblemList *problems, TcpTrackerLimits limits)
    : factory_(factory), problems_(problems), limits_(limits)
{
}

TcpTracker::~TcpTracker() = default;

Dir TcpTracker::dirOf(const Live &live, int side) const noexcept
{
    return side == live.clientSide ? kToServer : kToClient;
}

std::uint32_t TcpTracker::open(const FlowKey &key, std::uint64_t hash, int srcSide, const IpAddress &src,
                               std::uint16_t srcPort, const IpAddress &dst, std::uint16_t dstPort, TimeUs time,
                               std::uint64_t frame)
{
    const auto index = static_cast<std::uint32_t>(connections_.size());
    Connection &c = connections_.emplace_back();
    c.client = {src, srcPort}; // provisional until the roles are decided
    c.server = {dst, dstPort};
    c.firstTime = c.lastTime = time;
    c.firstFrame = c.lastFrame = frame;

    std::uint32_t slot;
    if (!freeLive_.empty()) {
        slot = freeLive_.back();
        freeLive_.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(live_.size());
        live_.emplace_back();
    }
    live_[slot] = std::make_unique<Live>();
    Live &l = *live_[slot];
    l.connection = index;
    l.key = key;
    l.hash = hash;
    l.side[srcSide].endpoint = {src, srcPort};
    l.side[1 - srcSide].endpoint = {dst, dstPort};
    table_.insert(key, hash, Entry{index, slot, time});
    ++liveCount_;
    ++stats_.connectionsOpened;
    stats_.peakLiveConnections = std::max(stats_.peakLiveConnections, liveCount_);
    return slot;
}

void TcpTracker::onSegment(const IpAddress &src, const IpAddress &dst, const TcpSegment &seg, TimeUs time,
                           std::uint64_t frame, bool stableBytes)
{
    if (finished_)
        return;
    ++stats_.segments;
    if (time != kNoTime) {
        if (nextSweep_ == kNoTime) {
            nextSweep_ = time + limits_.sweepInterval;
        } else if (time >= nextSweep_) {
            sweep(time);
            nextSweep_ = time + limits_.sweepInterval;
        }
    }
    FlowKey key;
    const int side = makeFlowKey(src, seg.srcPort, dst, seg.dstPort, key);
    const std::uint64_t hash = key.hash();
    Entry *entry = table_.find(key, hash);
    const bool syn = seg.has(kTcpSyn);
    if (entry && entry->live == kNoLive) {
        if (!syn) {
            absorb(*entry, src, seg.srcPort, time, frame);
            return;
        }
        table_.erase(key, hash); // the 4-tuple is reused by a new connection
        entry = nullptr;
    } else if (entry && syn) {
        // A SYN with a new initial sequence number, or from a side that already sent other packets,
        // starts a new connection on a reused 4-tuple; the same ISN again is a retransmitted SYN.
        const Side &d = live_[entry->live]->side[side];
        if (d.synSeen ? d.isn != seg.seq : d.started) {
            close(entry->live, time);
            table_.erase(key, hash);
            entry = nullptr;
        }
    }
    std::uint32_t slot;
    if (!entry) {
        slot = open(key, hash, side, src, seg.srcPort, dst, seg.dstPort, time, frame);
    } else {
        slot = entry->live;
        entry->lastTime = std::max(entry->lastTime, time);
        Connection &c = connections_[live_[slot]->connection];
        c.lastTime = std::max(c.lastTime, time);
        c.lastFrame = frame;
    }
    Live &l = *live_[slot];
    segment(l, side, seg, time, frame, stableBytes);
    if (l.resetSeen || (l.side[0].finDelivered && l.side[1].finDelivered))
        close(slot, time);
}

void TcpTracker::absorb(Entry &entry, const IpAddress &src, std::uint16_t srcPort, TimeUs time, std::uint64_t frame)
{
    Connection &c = connections_[entry.connection];
    const Dir dir = (c.client.ip == src && c.client.port == srcPort) ? kToServer : kToClient;
    ++c.packets[dir];
    c.lastTime = std::max(c.lastTime, time);
    c.lastFrame = frame;
    entry.lastTime = std::max(entry.lastTime, time);
    ++stats_.strayAfterClose;
}

void TcpTracker::segment(Live &l, int s, const TcpSegment &seg, TimeUs time, std::uint64_t frame, bool stable)
{
    Side &d = l.side[s];
    ++d.packets;
    const bool syn = seg.has(kTcpSyn);
    if (syn) {
        if (!d.synSeen) {
            d.synSeen = true;
            d.isn = seg.seq;
            d.started = true;
            d.next = d.origin = d.highestEnd = kSeqBase | static_cast<std::uint32_t>(seg.seq + 1);
        } else if (seg.seq == d.isn) {
            ++d.retransmissions;
        }
        if (seg.has(kTcpAck)) {
            l.sawSynAck = true;
            if (l.clientSide < 0)
                decideRoles(l, 1 - s, true);
        } else {
            l.sawSyn = true;
            if (l.clientSide < 0)
                decideRoles(l, s, true);
        }
    } else if (!d.started) {
        d.started = true;
        d.next = d.origin = d.highestEnd = kSeqBase | seg.seq;
    }

    if (seg.has(kTcpAck)) {
        if (!d.ackValid || static_cast<std::int32_t>(seg.ack - d.ack) > 0) {
            d.ack = seg.ack;
            d.ackValid = true;
        }
        if (!l.skipPayload && !l.side[1 - s].pending.empty())
            gapsFromAck(l, s, seg.ack);
    }

    const std::uint32_t length = seg.length();
    const std::uint64_t seq = d.unwrap(seg.seq) + (syn ? 1 : 0); // data on a SYN starts after it
    if (length) {
        const std::uint64_t end = seq + length;
        d.highestEnd = std::max(d.highestEnd, end);
        if (l.skipPayload) {
            d.skippedBytes += length;
        } else if (end <= d.next) {
            // Entirely old. A one-byte probe just below the edge is a keep-alive, not a retransmission.
            if (!(length == 1 && end == d.next))
                ++d.retransmissions;
        } else if (seq <= d.next) {
            if (seq < d.next)
                ++d.retransmissions; // overlaps what was delivered: the new tail is kept
            dataInOrder(l, s, seq, seg.payload, seg.missingTail, time, frame, stable);
            if (!l.skipPayload)
                drain(l, s);
        } else {
            ++d.outOfOrder;
            storePending(l, s, seq, seg.payload, seg.missingTail, time, frame, stable);
        }
    }

    if (seg.has(kTcpFin)) {
        if (!d.finSeen) {
            d.finSeen = true;
            d.finSeq = seq + length;
            d.finTime = time;
            d.finFrame = frame;
            if (l.end.kind == ConnectionEnd::Kind::Open)
                l.end = endInfo(l, ConnectionEnd::Kind::Fin, s, time, frame);
        }
        maybeFin(l, s);
    } else if (l.skipPayload) {
        maybeFin(l, s);
    }

    if (seg.has(kTcpRst) && !l.resetSeen) {
        const Live::EndInfo info = endInfo(l, ConnectionEnd::Kind::Rst, s, time, frame);
        if (l.end.kind == ConnectionEnd::Kind::Open)
            l.end = info;
        l.reset = info;
        l.resetSeen = true;
        flush(l, 0);
        flush(l, 1);
        emitReset(l, s, time, frame);
    }
}

void TcpTracker::dataInOrder(Live &l, int s, std::uint64_t seq, std::string_view data, std::uint32_t missing,
                             TimeUs time, std::uint64_t frame, bool stable)
{
    Side &d = l.side[s];
    if (seq > d.next) {
        const std::uint64_t hole = seq - d.next;
        d.next = seq;
        emitGap(l, s, hole, time, frame, true);
        if (l.skipPayload)
            return;
    }
    const std::uint64_t offset = d.next - seq;
    if (offset < data.size()) {
        d.next = seq + data.size();
        emitData(l, s, data.substr(static_cast<std::size_t>(offset)), time, frame, stable);
        if (l.skipPayload)
            return;
    }
    const std::uint64_t end = seq + data.size() + missing;
    if (end > d.next) {
        const std::uint64_t cut = end - d.next;
        d.next = end;
        emitGap(l, s, cut, time, frame, false);
    }
}

void TcpTracker::storePending(Live &l, int s, std::uint64_t seq, std::string_view data, std::uint32_t missing,
                              TimeUs time, std::uint64_t frame, bool stable)
{
    Side &d = l.side[s];
    auto it = std::upper_bound(d.pending.begin(), d.pending.end(), seq,
                               [](std::uint64_t v, const Pending &p) { return v < p.seq; });
    if (it != d.pending.begin()) {
        const Pending &prev = *(it - 1);
        if (prev.seq == seq && prev.end() >= seq + data.size() + missing) {
            ++d.retransmissions; // the same out-of-order segment again
            --d.outOfOrder;
            return;
        }
    }
    Pending p;
    p.seq = seq;
    p.missing = missing;
    p.time = time;
    p.frame = frame;
    if (stable) {
        p.data = data;
    } else {
        p.owned = copyBytes(data);
        p.data = std::string_view(p.owned.get(), data.size());
    }
    d.pendingBytes += data.size();
    d.pending.insert(it, std::move(p));
    while (!l.skipPayload && !d.pending.empty() &&
           (d.pending.size() > limits_.maxPendingSegments || d.pendingBytes > limits_.maxPendingBytes))
        forceGap(l, s);
}

void TcpTracker::drain(Live &l, int s)
{
    Side &d = l.side[s];
    std::size_t used = 0;
    while (used < d.pending.size() && d.pending[used].seq <= d.next) {
        Pending &p = d.pending[used++];
        d.pendingBytes -= p.data.size();
        if (p.end() <= d.next) {
            ++d.retransmissions;
            continue;
        }
        // Owned copies stay alive until the erase below; queued events copy them again.
        dataInOrder(l, s, p.seq, p.data, p.missing, p.time, p.frame, !p.owned);
        if (l.skipPayload)
            return; // stopPayload() cleared the list
    }
    if (used)
        d.pending.erase(d.pending.begin(), d.pending.begin() + static_cast<std::ptrdiff_t>(used));
    maybeFin(l, s);
}

void TcpTracker::forceGap(Live &l, int s)
{
    Side &d = l.side[s];
    const Pending &front = d.pending.front();
    if (front.seq > d.next) {
        const std::uint64_t hole = front.seq - d.next;
        d.next = front.seq;
        emitGap(l, s, hole, front.time, front.frame, true);
        if (l.skipPayload)
            return;
    }
    drain(l, s);
}

void TcpTracker::gapsFromAck(Live &l, int ackingSide, std::uint32_t ack)
{
    // The peer acknowledged bytes beyond a hole, including a segment seen after it: the hole reached
    // the receiver but not the capture, and will never be retransmitted.
    Side &o = l.side[1 - ackingSide];
    if (!o.started)
        return;
    const std::uint64_t acked = o.unwrap(ack);
    while (!l.skipPayload && !o.pending.empty() && acked >= o.pending.front().end())
        forceGap(l, 1 - ackingSide);
}

void TcpTracker::maybeFin(Live &l, int s)
{
    Side &d = l.side[s];
    if (d.finSeen && !d.finDelivered && (l.skipPayload || d.next >= d.finSeq)) {
        d.finDelivered = true;
        emitFin(l, s, d.finTime, d.finFrame);
    }
}

void TcpTracker::flush(Live &l, int s)
{
    Side &d = l.side[s];
    while (!l.skipPayload && !d.pending.empty())
        forceGap(l, s);
    if (d.finSeen && !d.finDelivered) {
        if (!l.skipPayload && d.finSeq > d.next) {
            const std::uint64_t hole = d.finSeq - d.next;
            d.next = d.finSeq;
            emitGap(l, s, hole, d.finTime, d.finFrame, true);
        }
        d.finDelivered = true;
        emitFin(l, s, d.finTime, d.finFrame);
    }
}

void TcpTracker::emitData(Live &l, int s, std::string_view data, TimeUs time, std::uint64_t frame, bool stable)
{
    Side &d = l.side[s];
    d.delivered += data.size();
    if (l.clientSide < 0) {
        // Without a handshake, any chunk that starts a request or a response settles the roles.
        const PayloadHint hint = factory_.classify(data);
        if (hint == PayloadHint::Request)
            decideRoles(l, s, false);
        else if (hint == PayloadHint::Response)
            decideRoles(l, 1 - s, false);
    }
    Event e;
    e.kind = Event::Kind::Data;
    e.side = static_cast<std::uint8_t>(s);
    e.time = time;
    e.frame = frame;
    e.data = data;
    if (l.clientSide >= 0) {
        deliver(l, e);
        return;
    }
    if (!stable) {
        e.owned = copyBytes(data);
        e.data = std::string_view(e.owned.get(), data.size());
    }
    l.undecidedBytes += data.size();
    l.undecided.push_back(std::move(e));
    if (l.undecided.size() >= limits_.maxUndecidedEvents || l.undecidedBytes >= limits_.maxUndecidedBytes)
        decideByPorts(l);
}

void TcpTracker::emitGap(Live &l, int s, std::uint64_t length, TimeUs time, std::uint64_t frame, bool hole)
{
    Side &d = l.side[s];
    ++d.gaps;
    d.gapBytes += length;
    if (hole && problems_) {
        problems_->add(Problem{0, Problem::kNoOffset, frame, ProblemLevel::Warning, "tcp-gap",
                               std::to_string(length) + " bytes from " + d.endpoint.toString() + " to " +
                                   l.side[1 - s].endpoint.toString() +
                                   " are missing from the capture (lost segment); the stream resumes here"});
    }
    Event e;
    e.kind = Event::Kind::Gap;
    e.side = static_cast<std::uint8_t>(s);
    e.time = time;
    e.frame = frame;
    e.length = length;
    if (l.clientSide >= 0)
        deliver(l, e);
    else
        l.undecided.push_back(std::move(e));
}

void TcpTracker::emitFin(Live &l, int s, TimeUs time, std::uint64_t frame)
{
    Event e;
    e.kind = Event::Kind::Fin;
    e.side = static_cast<std::uint8_t>(s);
    e.time = time;
    e.frame = frame;
    if (l.clientSide >= 0)
        deliver(l, e);
    else
        l.undecided.push_back(std::move(e));
}

void TcpTracker::emitReset(Live &l, int s, TimeUs time, std::uint64_t frame)
{
    if (l.clientSide < 0)
        decideByPorts(l); // nothing more will come to decide by
    Event e;
    e.kind = Event::Kind::Reset;
    e.side = static_cast<std::uint8_t>(s);
    e.time = time;
    e.frame = frame;
    deliver(l, e);
}

void TcpTracker::deliver(Live &l, Event &e)
{
    const Dir dir = dirOf(l, e.side);
    switch (e.kind) {
    case Event::Kind::Data:
        if (l.skipPayload)
            return;
        l.sink->onData(dir, e.data, e.time, e.frame);
        if (!l.sink->wantsPayload())
            stopPayload(l);
        return;
    case Event::Kind::Gap:
        if (!l.skipPayload)
            l.sink->onGap(dir, e.length, e.time, e.frame);
        return;
    case Event::Kind::Fin:
        syncConnection(l); // the HTTP layer reads the end info when the FIN arrives
        l.sink->onFin(dir, e.time, e.frame);
        return;
    case Event::Kind::Reset:
        syncConnection(l);
        l.sink->onReset(dir, e.time, e.frame);
        return;
    }
}

void TcpTracker::stopPayload(Live &l)
{
    l.skipPayload = true;
    for (Side &d : l.side) {
        d.pending.clear();
        d.pending.shrink_to_fit();
        d.pendingBytes = 0;
    }
}

void TcpTracker::decideRoles(Live &l, int clientSide, bool bySyn)
{
    l.clientSide = clientSide;
    l.bySyn = bySyn;
    Connection &c = connections_[l.connection];
    c.client = l.side[clientSide].endpoint;
    c.server = l.side[1 - clientSide].endpoint;
    syncConnection(l);
    l.sink = factory_.open(c, l.connection);
    std::vector<Event> queued = std::move(l.undecided);
    l.undecided.clear();
    l.undecidedBytes = 0;
    for (Event &e : queued)
        deliver(l, e);
}

void TcpTracker::decideByPorts(Live &l)
{
    // No handshake and no recognisable request or response: the ephemeral (higher) port is the client.
    const std::uint16_t p0 = l.side[0].endpoint.port, p1 = l.side[1].endpoint.port;
    decideRoles(l, p1 > p0 ? 1 : 0, false);
}

void TcpTracker::syncConnection(Live &l)
{
    if (l.clientSide < 0)
        return;
    Connection &c = connections_[l.connection];
    for (int s = 0; s < 2; ++s) {
        const Side &d = l.side[s];
        const Dir dir = dirOf(l, s);
        c.packets[dir] = d.packets;
        c.payloadBytes[dir] = d.delivered + d.skippedBytes;
        c.gaps[dir] = d.gaps;
        c.gapBytes[dir] = d.gapBytes;
        c.retransmissions[dir] = d.retransmissions;
        c.outOfOrder[dir] = d.outOfOrder;
        c.finTime[dir] = d.finSeen ? d.finTime : kNoTime;
    }
    c.sawSyn = l.sawSyn;
    c.sawSynAck = l.sawSynAck;
    c.midstream = !l.sawSyn && !l.sawSynAck;
    c.clientGuessed = !l.bySyn;
    const auto apply = [&](const Live::EndInfo &info, ConnectionEnd &out) {
        if (info.kind == ConnectionEnd::Kind::Open)
            return;
        out.kind = info.kind;
        out.by = info.side == l.clientSide ? Peer::Client : Peer::Server;
        out.time = info.time;
        out.frame = info.frame;
        out.unackedClientBytes = info.unacked[l.clientSide];
    };
    apply(l.end, c.end);
    apply(l.reset, c.reset);
}

void TcpTracker::close(std::uint32_t slot, TimeUs time)
{
    Live &l = *live_[slot];
    flush(l, 0);
    flush(l, 1);
    if (l.clientSide < 0)
        decideByPorts(l);
    syncConnection(l);
    l.sink->finish(time);
    l.sink.reset();
    if (Entry *e = table_.find(l.key, l.hash); e && e->live == slot)
        e->live = kNoLive;
    live_[slot].reset();
    freeLive_.push_back(slot);
    --liveCount_;
}

void TcpTracker::sweep(TimeUs now)
{
    struct Expired {
        FlowKey key;
        std::uint64_t hash;
        std::uint32_t live;
    };
    std::vector<Expired> expired;
    table_.forEach([&](const FlowKey &key, std::uint64_t hash, const Entry &e) {
        const TimeUs limit = e.live == kNoLive ? limits_.closedLinger : limits_.idleTimeout;
        if (e.lastTime != kNoTime && now - e.lastTime > limit)
            expired.push_back({key, hash, e.live});
    });
    for (const Expired &x : expired) {
        if (x.live != kNoLive) {
            ++stats_.idleClosed;
            close(x.live, connections_[live_[x.live]->connection].lastTime);
        }
        table_.erase(x.key, x.hash);
    }
}

void TcpTracker::finish(TimeUs endTime)
{
    if (finished_)
        return;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> open; // (connection, slot)
    for (std::uint32_t slot = 0; slot < live_.size(); ++slot)
        if (live_[slot])
            open.emplace_back(live_[slot]->connection, slot);
    std::sort(open.begin(), open.end());
    for (const auto &[connection, slot] : open)
        close(slot, endTime == kNoTime ? connections_[connection].lastTime : endTime);
    table_ = FlowTable<Entry>();
    live_.clear();
    freeLive_.clear();
    finished_ = true;
}

} // namespace hs::net
