// SPDX-License-Identifier: MIT
// TCP reassembly and connection tracking, driven segment by segment into a recording sink.
#include "capture/net/tcp_tracker.h"
#include "recording_sink.h"
#include "support/catch.h"

#include <deque>
#include <memory>

using namespace hs;
using hs::net::kTcpAck;
using hs::net::kTcpFin;
using hs::net::kTcpPsh;
using hs::net::kTcpRst;
using hs::net::kTcpSyn;
using hs::test::StreamEvent;

namespace {

constexpr TimeUs kT0 = 1'795'255'200'000'000; // 2026-11-21T10:00:00Z

Endpoint ep(const char *ip, std::uint16_t port)
{
    return {parseIp(ip)->address, port};
}

// Feeds hand-made segments to a tracker; frame n is captured at kT0 + n ms unless told otherwise.
class Wire {
public:
    explicit Wire(net::TcpTrackerLimits limits = {})
        : tracker(std::make_unique<net::TcpTracker>(factory, &problems, limits))
    {
    }

    std::uint64_t send(const Endpoint &from, const Endpoint &to, std::uint32_t seq, std::uint32_t ack,
                       std::uint8_t flags, std::string_view payload = {}, std::uint32_t missing = 0, bool stable = true)
    {
        ++frame;
        net::TcpSegment s;
        s.srcPort = from.port;
        s.dstPort = to.port;
        s.seq = seq;
        s.ack = ack;
        s.flags = flags;
        s.payload = stable ? std::string_view(payloads.emplace_back(payload)) : payload;
        s.missingTail = missing;
        tracker->onSegment(from.ip, to.ip, s, time(), frame, stable);
        return frame;
    }
    TimeUs time() const { return overrideTime ? overrideTime : kT0 + static_cast<TimeUs>(frame) * kUsPerMs; }
    void finish() { tracker->finish(time()); }
    const Connection &connection(std::size_t i) { return tracker->connections().at(i); }

    test::RecordingFactory factory;
    ProblemList problems;
    std::unique_ptr<net::TcpTracker> tracker;
    std::deque<std::string> payloads;
    std::uint64_t frame = 0;
    TimeUs overrideTime = 0;
};

const Endpoint kClient = ep("10.0.0.5", 51000);
const Endpoint kServer = ep("10.0.0.50", 80);
constexpr std::uint32_t kCisn = 1000, kSisn = 500000;

// SYN, SYN-ACK, ACK.
void handshake(Wire &w, const Endpoint &c = kClient, const Endpoint &s = kServer, std::uint32_t cisn = kCisn,
               std::uint32_t sisn = kSisn)
{
    w.send(c, s, cisn, 0, kTcpSyn);
    w.send(s, c, sisn, cisn + 1, kTcpSyn | kTcpAck);
    w.send(c, s, cisn + 1, sisn + 1, kTcpAck);
}

} // namespace

TEST_CASE("in-order exchange: data in stream order, FINs, roles from the SYN", "[tcp]")
{
    Wire w;
    handshake(w);
    const auto req = w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpAck | kTcpPsh, "GET / HTTP/1.1\r\n\r\n");
    w.send(kServer, kClient, kSisn + 1, kCisn + 19, kTcpAck);
    const auto resp = w.send(kServer, kClient, kSisn + 1, kCisn + 19, kTcpAck | kTcpPsh, "HTTP/1.1 200 OK\r\n\r\n");
    const auto fin1 = w.send(kClient, kServer, kCisn + 19, kSisn + 20, kTcpFin | kTcpAck);
    const auto fin2 = w.send(kServer, kClient, kSisn + 20, kCisn + 20, kTcpFin | kTcpAck);
    w.send(kClient, kServer, kCisn + 20, kSisn + 21, kTcpAck); // last ACK: after the close
    w.finish();

    REQUIRE(w.tracker->connections().size() == 1);
    CHECK(w.factory.trace(0) == "D>GET / HTTP/1.1\r\n\r\n|D<HTTP/1.1 200 OK\r\n\r\n|F>|F<|X");
    const auto ev = w.factory.of(0);
    CHECK(ev[0].frame == req);
    CHECK(ev[0].time == kT0 + static_cast<TimeUs>(req) * kUsPerMs);
    CHECK(ev[1].frame == resp);
    CHECK(ev[2].frame == fin1);
    CHECK(ev[3].frame == fin2);
    CHECK(ev[4].time == kT0 + static_cast<TimeUs>(fin2) * kUsPerMs); // finished when the second FIN arrived

    const Connection &c = w.connection(0);
    CHECK(c.key() == "10.0.0.5:51000->10.0.0.50:80");
    CHECK(c.sawSyn);
    CHECK(c.sawSynAck);
    CHECK_FALSE(c.midstream);
    CHECK_FALSE(c.clientGuessed);
    CHECK(c.firstFrame == 1);
    CHECK(c.lastFrame == 9);
    CHECK(c.firstTime == kT0 + kUsPerMs);
    CHECK(c.lastTime == kT0 + 9 * kUsPerMs);
    CHECK(c.packets[kToServer] == 5); // SYN, ACK, request, FIN, last ACK (absorbed after close)
    CHECK(c.packets[kToClient] == 4);
    CHECK(c.payloadBytes[kToServer] == 18);
    CHECK(c.payloadBytes[kToClient] == 19);
    CHECK(c.end.kind == ConnectionEnd::Kind::Fin);
    CHECK(c.end.by == Peer::Client);
    CHECK(c.end.frame == fin1);
    CHECK(c.end.unackedClientBytes == 0);
    CHECK(c.reset.kind == ConnectionEnd::Kind::Open);
    CHECK(c.finTime[kToServer] == kT0 + static_cast<TimeUs>(fin1) * kUsPerMs);
    CHECK(c.finTime[kToClient] == kT0 + static_cast<TimeUs>(fin2) * kUsPerMs);
    CHECK(c.retransmissions[0] + c.retransmissions[1] == 0);
    CHECK(c.gaps[0] + c.gaps[1] == 0);
    CHECK(w.tracker->stats().strayAfterClose == 1);
    CHECK(w.problems.total() == 0);
}

TEST_CASE("out-of-order segments are delivered in sequence order with their own frames", "[tcp]")
{
    Wire w;
    handshake(w);
    const auto second = w.send(kClient, kServer, kCisn + 6, kSisn + 1, kTcpAck, "world");
    const auto third = w.send(kClient, kServer, kCisn + 11, kSisn + 1, kTcpAck, "!!");
    const auto first = w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpAck, "hello");
    w.finish();
    CHECK(w.factory.trace(0) == "D>hello|D>world|D>!!|X");
    const auto ev = w.factory.of(0);
    CHECK(ev[0].frame == first);
    CHECK(ev[1].frame == second);
    CHECK(ev[2].frame == third);
    CHECK(w.connection(0).outOfOrder[kToServer] == 2);
    CHECK(w.connection(0).gaps[kToServer] == 0);
}

TEST_CASE("retransmissions are delivered once and overlaps keep only the new bytes", "[tcp]")
{
    Wire w;
    handshake(w);
    w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpAck, "0123456789");
    w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpAck, "0123456789"); // full retransmission
    const auto overlap = w.send(kClient, kServer, kCisn + 6, kSisn + 1, kTcpAck, "56789ABCDE");
    w.send(kClient, kServer, kCisn + 21, kSisn + 1, kTcpAck, "K");
    w.send(kClient, kServer, kCisn + 21, kSisn + 1, kTcpAck, "K"); // the same out-of-order segment again
    w.send(kClient, kServer, kCisn + 16, kSisn + 1, kTcpAck, "FGHIJ");
    w.finish();
    CHECK(w.factory.trace(0) == "D>0123456789|D>ABCDE|D>FGHIJ|D>K|X");
    CHECK(w.factory.of(0)[1].frame == overlap);
    const Connection &c = w.connection(0);
    CHECK(c.retransmissions[kToServer] == 3);
    CHECK(c.outOfOrder[kToServer] == 1);
    CHECK(c.payloadBytes[kToServer] == 21);
}

TEST_CASE("a keep-alive probe is not a retransmission", "[tcp]")
{
    Wire w;
    handshake(w);
    w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpAck, "abc");
    w.send(kClient, kServer, kCisn + 3, kSisn + 1, kTcpAck, "c"); // one byte just below the edge
    w.finish();
    CHECK(w.connection(0).retransmissions[kToServer] == 0);
    CHECK(w.factory.trace(0) == "D>abc|X");
}

TEST_CASE("a lost segment becomes a gap once the peer acknowledges past it", "[tcp]")
{
    Wire w;
    handshake(w);
    w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpAck, "aaaa");
    // kCisn+5 .. +9 ("bbbbb") never captured
    const auto after = w.send(kClient, kServer, kCisn + 10, kSisn + 1, kTcpAck, "ccc");
    CHECK(w.factory.trace(0) == "D>aaaa");                    // held: the hole might still be filled
    w.send(kServer, kClient, kSisn + 1, kCisn + 13, kTcpAck); // server acknowledges everything
    CHECK(w.factory.trace(0) == "D>aaaa|G>5|D>ccc");
    const auto ev = w.factory.of(0);
    CHECK(ev[1].frame == after);
    CHECK(ev[2].frame == after);
    w.finish();
    const Connection &c = w.connection(0);
    CHECK(c.gaps[kToServer] == 1);
    CHECK(c.gapBytes[kToServer] == 5);
    REQUIRE(w.problems.total() == 1);
    const Problem &p = w.problems.stored().front();
    CHECK(p.category == "tcp-gap");
    CHECK(p.frame == after);
    CHECK(p.level == ProblemLevel::Warning);
    CHECK(p.message.find("5 bytes from 10.0.0.5:51000 to 10.0.0.50:80") != std::string::npos);
}

TEST_CASE("holes still open at the end are delivered as gaps before the data after them", "[tcp]")
{
    Wire w;
    handshake(w);
    w.send(kServer, kClient, kSisn + 11, kCisn + 1, kTcpAck, "tail");
    w.send(kServer, kClient, kSisn + 15, kCisn + 1, kTcpFin | kTcpAck);
    w.finish();
    CHECK(w.factory.trace(0) == "G<10|D<tail|F<|X");
    CHECK(w.connection(0).end.kind == ConnectionEnd::Kind::Fin);
    CHECK(w.connection(0).end.by == Peer::Server);
}

TEST_CASE("out-of-order bytes beyond the cap are given up as a gap", "[tcp]")
{
    net::TcpTrackerLimits limits;
    limits.maxPendingSegments = 3;
    Wire w(limits);
    handshake(w);
    for (std::uint32_t i = 1; i <= 4; ++i) // segment 0 (10 bytes) lost; 1..4 wait behind it
        w.send(kClient, kServer, kCisn + 1 + i * 10, kSisn + 1, kTcpAck, std::string(10, static_cast<char>('a' + i)));
    CHECK(w.factory.trace(0) == "G>10|D>bbbbbbbbbb|D>cccccccccc|D>dddddddddd|D>eeeeeeeeee");
    w.finish();
    CHECK(w.connection(0).gapBytes[kToServer] == 10);
}

TEST_CASE("a segment cut by the snaplen delivers its bytes, then a gap for the rest", "[tcp]")
{
    Wire w;
    handshake(w);
    w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpAck, "GET /", 95);
    w.send(kClient, kServer, kCisn + 101, kSisn + 1, kTcpAck, "next");
    w.finish();
    CHECK(w.factory.trace(0) == "D>GET /|G>95|D>next|X");
    CHECK(w.connection(0).gapBytes[kToServer] == 95);
    CHECK(w.problems.total() == 0); // snaplen cuts are summarised by the capture session, not per gap
}

TEST_CASE("sequence numbers wrap around 2^32", "[tcp]")
{
    Wire w;
    const std::uint32_t isn = 0xFFFFFFF0u;
    handshake(w, kClient, kServer, isn, kSisn);
    w.send(kClient, kServer, isn + 1, kSisn + 1, kTcpAck, "0123456789");  // ends at 0xFFFFFFFB
    w.send(kClient, kServer, isn + 21, kSisn + 1, kTcpAck, "KLMNOPQRST"); // wraps: 0x00000005
    w.send(kClient, kServer, isn + 11, kSisn + 1, kTcpAck, "ABCDEFGHIJ"); // crosses 2^32
    w.send(kClient, kServer, isn + 11, kSisn + 1, kTcpAck, "ABCDEFGHIJ"); // retransmitted
    w.send(kClient, kServer, isn + 31, kSisn + 1, kTcpAck | kTcpFin, "UV");
    w.send(kServer, kClient, kSisn + 1, isn + 34, kTcpAck | kTcpFin);
    CHECK(w.factory.trace(0) == "D>0123456789|D>ABCDEFGHIJ|D>KLMNOPQRST|D>UV|F>|F<|X");
    CHECK(w.connection(0).retransmissions[kToServer] == 1);
    CHECK(w.connection(0).gaps[kToServer] == 0);
}

TEST_CASE("mid-stream: the side that sends a response is the server", "[tcp]")
{
    Wire w;
    // Server port is the higher one here, so the port rule alone would get it wrong.
    const Endpoint client = ep("10.0.0.5", 1025), server = ep("10.0.0.50", 8080);
    w.send(server, client, 7000, 3000, kTcpAck, "HTTP/1.1 200 OK\r\n\r\n");
    w.send(client, server, 3000, 7019, kTcpAck, "GET /next HTTP/1.1\r\n\r\n");
    w.finish();
    const Connection &c = w.connection(0);
    CHECK(c.key() == "10.0.0.5:1025->10.0.0.50:8080");
    CHECK(c.midstream);
    CHECK(c.clientGuessed);
    CHECK_FALSE(c.sawSyn);
    CHECK(w.factory.trace(0) == "D<HTTP/1.1 200 OK\r\n\r\n|D>GET /next HTTP/1.1\r\n\r\n|X");
}

TEST_CASE("mid-stream: bytes that decide nothing wait until a request shows who is the client", "[tcp]")
{
    Wire w;
    const Endpoint client = ep("10.0.0.5", 80), server = ep("10.0.0.50", 40000); // ports mislead
    w.send(client, server, 3000, 7000, kTcpAck, "...tail of a request body");
    w.send(server, client, 7000, 3025, kTcpAck, "...tail of a response body");
    w.send(client, server, 3025, 7026, kTcpAck, "POST /again HTTP/1.1\r\n\r\n");
    w.finish();
    const Connection &c = w.connection(0);
    CHECK(c.key() == "10.0.0.5:80->10.0.0.50:40000");
    CHECK(w.factory.trace(0) ==
          "D>...tail of a request body|D<...tail of a response body|D>POST /again HTTP/1.1\r\n\r\n|X");
}

TEST_CASE("mid-stream without any recognisable bytes: the higher port is the client", "[tcp]")
{
    Wire w;
    const Endpoint low = ep("10.0.0.50", 443), high = ep("10.0.0.5", 50123);
    w.send(low, high, 1, 1, kTcpAck, "\x17\x03\x03 opaque");
    w.send(high, low, 1, 10, kTcpAck, "\x17\x03\x03 more");
    w.finish();
    const Connection &c = w.connection(0);
    CHECK(c.key() == "10.0.0.5:50123->10.0.0.50:443");
    CHECK(c.clientGuessed);
    CHECK(w.factory.trace(0) == "D<\x17\x03\x03 opaque|D>\x17\x03\x03 more|X");
}

TEST_CASE("only the SYN-ACK was captured: its receiver is the client", "[tcp]")
{
    Wire w;
    w.send(kServer, kClient, kSisn, kCisn + 1, kTcpSyn | kTcpAck);
    w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpAck, "hello");
    w.finish();
    const Connection &c = w.connection(0);
    CHECK(c.key() == "10.0.0.5:51000->10.0.0.50:80");
    CHECK_FALSE(c.sawSyn);
    CHECK(c.sawSynAck);
    CHECK_FALSE(c.midstream);
    CHECK_FALSE(c.clientGuessed);
}

TEST_CASE("a server RST is attributed to the server, with the client bytes it had not acknowledged", "[tcp]")
{
    Wire w;
    handshake(w);
    w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpAck, "POST /up HTTP/1.1\r\n\r\n"); // 21 bytes
    w.send(kServer, kClient, kSisn + 1, kCisn + 22, kTcpAck);
    w.send(kClient, kServer, kCisn + 22, kSisn + 1, kTcpAck, std::string(100, 'x'));
    w.send(kClient, kServer, kCisn + 222, kSisn + 1, kTcpAck, std::string(50, 'z')); // after a 100-byte hole
    const auto rst = w.send(kServer, kClient, kSisn + 1, kCisn + 122, kTcpRst | kTcpAck);
    w.send(kClient, kServer, kCisn + 272, kSisn + 1, kTcpAck, "late"); // in flight: absorbed
    w.finish();
    CHECK(w.factory.trace(0) ==
          "D>POST /up HTTP/1.1\r\n\r\n|D>" + std::string(100, 'x') + "|G>100|D>" + std::string(50, 'z') + "|R<|X");
    const Connection &c = w.connection(0);
    CHECK(c.end.kind == ConnectionEnd::Kind::Rst);
    CHECK(c.end.by == Peer::Server);
    CHECK(c.end.frame == rst);
    CHECK(c.reset.kind == ConnectionEnd::Kind::Rst);
    CHECK(c.reset.by == Peer::Server);
    CHECK(c.reset.time == kT0 + static_cast<TimeUs>(rst) * kUsPerMs);
    CHECK(c.reset.unackedClientBytes == 271 - 121); // highest client byte 271; the RST acknowledges 121
    CHECK(c.packets[kToServer] == 6);
    CHECK(c.lastFrame == rst + 1);
}

TEST_CASE("a client RST after the server's FIN: end is the FIN, reset is the client's", "[tcp]")
{
    Wire w;
    handshake(w);
    w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpAck, "GET / HTTP/1.0\r\n\r\n");
    w.send(kServer, kClient, kSisn + 1, kCisn + 19, kTcpAck | kTcpFin, "HTTP/1.0 200 OK\r\n\r\nbody");
    const auto rst = w.send(kClient, kServer, kCisn + 19, 0, kTcpRst);
    w.finish();
    const Connection &c = w.connection(0);
    CHECK(c.end.kind == ConnectionEnd::Kind::Fin);
    CHECK(c.end.by == Peer::Server);
    CHECK(c.reset.kind == ConnectionEnd::Kind::Rst);
    CHECK(c.reset.by == Peer::Client);
    CHECK(c.reset.frame == rst);
    CHECK(w.factory.trace(0) == "D>GET / HTTP/1.0\r\n\r\n|D<HTTP/1.0 200 OK\r\n\r\nbody|F<|R>|X");
}

TEST_CASE("a new SYN on a closed 4-tuple starts a new connection; connections keep first-packet order", "[tcp]")
{
    Wire w;
    const Endpoint other = ep("10.0.0.6", 40000);
    handshake(w);
    w.send(other, kServer, 77, 0, kTcpSyn); // a second connection starts in between
    w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpFin | kTcpAck);
    w.send(kServer, kClient, kSisn + 1, kCisn + 2, kTcpFin | kTcpAck);
    w.send(kClient, kServer, kCisn + 2, kSisn + 2, kTcpAck);
    w.send(kClient, kServer, 90000, 0, kTcpSyn); // port reuse
    w.send(kServer, kClient, 123, 90001, kTcpSyn | kTcpAck);
    w.finish();
    REQUIRE(w.tracker->connections().size() == 3);
    CHECK(w.connection(0).key() == "10.0.0.5:51000->10.0.0.50:80");
    CHECK(w.connection(1).key() == "10.0.0.6:40000->10.0.0.50:80");
    CHECK(w.connection(2).key() == "10.0.0.5:51000->10.0.0.50:80");
    CHECK(w.connection(0).packets[kToServer] == 4);
    CHECK(w.connection(2).firstFrame == 8);
    CHECK(w.connection(2).packets[kToServer] == 1);
    CHECK(w.connection(2).packets[kToClient] == 1);
    CHECK(w.factory.openedKeys.size() == 3);
}

TEST_CASE("a live connection that sees a SYN with a new ISN is closed and a new one starts", "[tcp]")
{
    Wire w;
    handshake(w);
    w.send(kClient, kServer, kCisn, 0, kTcpSyn); // the same SYN again: a retransmission
    w.send(kClient, kServer, 5, 0, kTcpSyn);     // a new ISN: a new connection
    w.finish();
    REQUIRE(w.tracker->connections().size() == 2);
    CHECK(w.connection(0).retransmissions[kToServer] == 1);
    CHECK(w.connection(1).firstFrame == 5);
}

TEST_CASE("once the sink gives up on the payload, data is dropped but FIN and finish still arrive", "[tcp]")
{
    Wire w;
    handshake(w);
    w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpAck, "\x16\x03\x01 hello");
    w.send(kClient, kServer, kCisn + 30, kSisn + 1, kTcpAck, "ahead of a hole"); // not kept
    w.send(kServer, kClient, kSisn + 1, kCisn + 11, kTcpAck, "\x16\x03\x03 server hello");
    w.send(kClient, kServer, kCisn + 45, kSisn + 20, kTcpFin | kTcpAck);
    w.send(kServer, kClient, kSisn + 20, kCisn + 46, kTcpFin | kTcpAck);
    CHECK(w.factory.trace(0) == "D>\x16\x03\x01 hello|F>|F<|X");
    CHECK(w.connection(0).payloadBytes[kToClient] == 16); // counted, not delivered
}

TEST_CASE("data on a SYN (TCP Fast Open) starts after the SYN's sequence number", "[tcp]")
{
    Wire w;
    w.send(kClient, kServer, kCisn, 0, kTcpSyn, "GET / HTTP/1.1\r\n\r\n");
    w.send(kServer, kClient, kSisn, kCisn + 19, kTcpSyn | kTcpAck);
    w.send(kClient, kServer, kCisn + 19, kSisn + 1, kTcpAck, "more");
    w.finish();
    CHECK(w.factory.trace(0) == "D>GET / HTTP/1.1\r\n\r\n|D>more|X");
}

TEST_CASE("a FIN behind a hole waits, and the hole is reported at the end", "[tcp]")
{
    Wire w;
    handshake(w);
    w.send(kClient, kServer, kCisn + 11, kSisn + 1, kTcpAck | kTcpFin, "end");
    CHECK(w.factory.trace(0).empty());
    w.finish();
    CHECK(w.factory.trace(0) == "G>10|D>end|F>|X");
}

TEST_CASE("bytes that are not stable are copied when held out of order", "[tcp]")
{
    Wire w;
    handshake(w);
    std::string buffer = "later";
    w.send(kClient, kServer, kCisn + 6, kSisn + 1, kTcpAck, buffer, 0, false);
    buffer = "XXXXX"; // the caller reuses its buffer
    w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpAck, "first");
    w.finish();
    CHECK(w.factory.trace(0) == "D>first|D>later|X");
}

TEST_CASE("idle connections are closed after the timeout and their state released", "[tcp]")
{
    net::TcpTrackerLimits limits;
    limits.idleTimeout = 60 * kUsPerSecond;
    limits.closedLinger = 10 * kUsPerSecond;
    limits.sweepInterval = kUsPerSecond;
    Wire w(limits);
    handshake(w);
    w.send(kClient, kServer, kCisn + 1, kSisn + 1, kTcpAck, "GET / HTTP/1.1\r\n\r\n");
    CHECK(w.tracker->liveConnections() == 1);
    w.overrideTime = kT0 + 120 * kUsPerSecond;
    w.send(ep("10.0.0.7", 40000), kServer, 1, 0, kTcpSyn); // any packet drives the clock
    CHECK(w.tracker->liveConnections() == 1);
    CHECK(w.tracker->stats().idleClosed == 1);
    CHECK(w.factory.trace(0) == "D>GET / HTTP/1.1\r\n\r\n|X");
    // The expired 4-tuple is forgotten: a later packet on it starts a new (mid-stream) connection.
    w.overrideTime = kT0 + 121 * kUsPerSecond;
    w.send(kServer, kClient, kSisn + 1, kCisn + 19, kTcpAck, "HTTP/1.1 200 OK\r\n\r\n");
    w.finish();
    REQUIRE(w.tracker->connections().size() == 3);
    CHECK(w.connection(2).midstream);
    CHECK(w.connection(2).key() == "10.0.0.5:51000->10.0.0.50:80");
}

TEST_CASE("many short connections keep only open ones in memory", "[tcp]")
{
    net::TcpTrackerLimits limits;
    limits.closedLinger = kUsPerSecond;
    limits.sweepInterval = kUsPerSecond;
    Wire w(limits);
    for (std::uint16_t i = 0; i < 5000; ++i) {
        const Endpoint c = ep("10.0.0.5", static_cast<std::uint16_t>(10000 + i));
        w.overrideTime = kT0 + i * 100 * kUsPerMs;
        handshake(w, c);
        w.send(c, kServer, kCisn + 1, kSisn + 1, kTcpFin | kTcpAck);
        w.send(kServer, c, kSisn + 1, kCisn + 2, kTcpFin | kTcpAck);
    }
    CHECK(w.tracker->liveConnections() == 0);
    CHECK(w.tracker->stats().peakLiveConnections == 1);
    w.finish();
    CHECK(w.tracker->connections().size() == 5000);
}
