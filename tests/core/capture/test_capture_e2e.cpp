// SPDX-License-Identifier: MIT
// Captures read end to end (sniff, read, link/IP/TCP, HTTP): sources, connections and
// transactions, field by field, on the fixtures gen_captures.py writes (see each file's .txt).
#include "capture/net/link_layer.h"
#include "capture_test_util.h"
#include "support/catch.h"

using namespace hs;
using test::kFixtureT0;

namespace {

constexpr TimeUs ms(TimeUs n)
{
    return n * kUsPerMs;
}

struct Read {
    StringPool strings;
    std::unique_ptr<Source> source;
    const CaptureData &capture() const { return *source->capture; }
    const Connection &connection(std::size_t i) const { return capture().connections.at(i); }
    const Transaction &tx(std::size_t i) const { return capture().transactions.at(i); }
    std::string_view str(StrId id) const { return strings.view(id); }
    std::string describe() const { return test::describeCapture(*source, strings); }
};

std::unique_ptr<Read> read(const std::string &name)
{
    auto r = std::make_unique<Read>();
    r->source = test::readCaptureFixture(name, r->strings);
    return r;
}

bool hasProblem(const Source &s, std::string_view category, std::uint64_t frame)
{
    for (const Problem &p : s.problems.stored())
        if (p.category == category && p.frame == frame)
            return true;
    return false;
}

} // namespace

TEST_CASE("100-continue answered at once: request, interim, body, final response", "[capture][e2e]")
{
    const auto r = read("continue-100.pcap");
    INFO(r->describe());
    const Source &s = *r->source;
    CHECK(s.format == FormatId::Pcap);
    CHECK(s.readCompleted);
    CHECK(s.records == 1);
    CHECK(s.first == kFixtureT0);
    CHECK(s.last == kFixtureT0 + ms(31) + 100);
    CHECK(s.formatVariant == "pcap, microsecond, little-endian, Ethernet");
    CHECK(s.problems.total() == 0);
    const CaptureData &c = r->capture();
    CHECK(c.packets == 15);
    CHECK(c.undecodedFrames == 0);
    CHECK(c.linkTypes == std::vector<std::uint32_t>{net::kLinkEthernet});
    CHECK(c.httpRequests == 1);
    CHECK(c.httpResponses == 1);
    CHECK(c.httpInterim == 1);
    REQUIRE(c.connections.size() == 1);
    REQUIRE(c.transactions.size() == 1);

    const Connection &k = r->connection(0);
    CHECK(k.key() == "10.0.0.5:51000->10.0.0.50:80");
    CHECK(k.protocol == AppProtocol::Http);
    CHECK(k.sawSyn);
    CHECK_FALSE(k.clientGuessed);
    CHECK(k.firstFrame == 1);
    CHECK(k.lastFrame == 15);
    CHECK(k.packets[kToServer] == 8);
    CHECK(k.packets[kToClient] == 7);
    CHECK(k.payloadBytes[kToServer] == 381);
    CHECK(k.payloadBytes[kToClient] == 97);
    CHECK(k.end.kind == ConnectionEnd::Kind::Fin);
    CHECK(k.end.by == Peer::Client);
    CHECK(k.end.frame == 12);
    CHECK(k.end.unansweredRequests == 0);
    CHECK(k.reset.kind == ConnectionEnd::Kind::Open);
    CHECK(k.firstTransaction == 0);
    CHECK(k.transactionCount == 1);

    const Transaction &t = r->tx(0);
    CHECK(t.connection.value == 0);
    CHECK(r->str(t.method) == "POST");
    CHECK(r->str(t.target) == "/upload");
    CHECK(t.requestVersion == HttpVersion::Http11);
    CHECK(r->str(t.request.expect) == "100-continue");
    CHECK(t.requestFrame == 4);
    CHECK(t.requestTime == kFixtureT0 + ms(10));
    CHECK(t.requestFraming == BodyFraming::ContentLength);
    CHECK(t.request.contentLength == 300);
    CHECK(t.requestBodyBytes == 300);
    CHECK(t.requestBodyFirstFrame == 8);
    CHECK(t.requestBodyLastFrame == 8);
    CHECK(t.requestBodyLastTime == kFixtureT0 + ms(13));
    CHECK(t.requestComplete);
    REQUIRE(t.interims.size() == 1);
    CHECK(t.interims[0].status == 100);
    CHECK(t.interims[0].frame == 6);
    CHECK(t.interims[0].time == kFixtureT0 + ms(12));
    CHECK_FALSE(t.interims[0].afterFinal);
    CHECK(t.status == 200);
    CHECK(t.responseFrame == 10);
    CHECK(t.responseTime == kFixtureT0 + ms(20));
    CHECK(t.responseEndFrame == 10);
    CHECK(t.responseBodyBytes == 6);
    CHECK(t.responseComplete);
    CHECK(r->str(t.response.server) == "Microsoft-IIS/10.0");
    CHECK(t.violations == kViolationNone);
}

TEST_CASE("a 100 Continue after the final response is linked to its request as stray", "[capture][e2e]")
{
    const auto r = read("continue-after-final.pcap");
    INFO(r->describe());
    REQUIRE(r->capture().transactions.size() == 2);
    CHECK(r->capture().httpInterim == 1);
    const Transaction &t = r->tx(0);
    CHECK(r->str(t.target) == "/api/orders");
    CHECK(t.requestBodyFirstFrame == 6);
    CHECK(t.requestBodyFirstTime == kFixtureT0 + ms(360));
    CHECK(t.status == 200);
    CHECK(t.responseFrame == 8);
    REQUIRE(t.interims.size() == 1);
    CHECK(t.interims[0].afterFinal);
    CHECK(t.interims[0].frame == 10);
    CHECK(t.interims[0].time == kFixtureT0 + ms(371));
    CHECK(t.hasStrayInterim());
    const Transaction &next = r->tx(1);
    CHECK(r->str(next.target) == "/next");
    CHECK(next.indexInConnection == 1);
    CHECK(next.requestFrame == 12);
    CHECK(next.responseFrame == 14);
    CHECK(next.interims.empty());
}

TEST_CASE("chunked POSTs and a server reset in the middle of the second", "[capture][e2e]")
{
    const auto r = read("chunked-posts.pcap");
    INFO(r->describe());
    REQUIRE(r->capture().transactions.size() == 2);
    const Transaction &first = r->tx(0);
    CHECK(first.requestFraming == BodyFraming::Chunked);
    CHECK(first.requestChunks == 2);
    CHECK(first.requestComplete);
    CHECK(first.requestBodyLastFrame == 6);
    CHECK(first.status == 200);
    const Transaction &second = r->tx(1);
    CHECK(second.requestFrame == 10);
    CHECK(second.requestFraming == BodyFraming::Chunked);
    CHECK_FALSE(second.requestComplete);
    CHECK_FALSE(second.hasResponse);
    CHECK((second.violations & kViolationTruncated) != 0);
    const Connection &k = r->connection(0);
    CHECK(k.end.kind == ConnectionEnd::Kind::Rst);
    CHECK(k.reset.kind == ConnectionEnd::Kind::Rst);
    CHECK(k.reset.by == Peer::Server);
    CHECK(k.reset.frame == 14);
    CHECK(k.reset.time == kFixtureT0 + ms(2000));
    CHECK(k.reset.unansweredRequests == 1);
    CHECK(k.reset.duringRequestBody);
    CHECK(r->capture().httpRequests == 2);
    CHECK(r->capture().httpResponses == 1);
}

TEST_CASE("pipelined requests pair with responses in order", "[capture][e2e]")
{
    const auto r = read("pipelining.pcap");
    INFO(r->describe());
    REQUIRE(r->capture().transactions.size() == 3);
    const char *targets[] = {"/a", "/b", "/c"};
    const std::uint64_t responseFrames[] = {6, 6, 8};
    const std::uint64_t bodies[] = {1, 2, 3};
    for (std::size_t i = 0; i < 3; ++i) {
        const Transaction &t = r->tx(i);
        CHECK(r->str(t.target) == targets[i]);
        CHECK(t.indexInConnection == i);
        CHECK(t.requestFrame == 4);
        CHECK(t.status == 200);
        CHECK(t.responseFrame == responseFrames[i]);
        CHECK(t.responseBodyBytes == bodies[i]);
    }
}

TEST_CASE("early 413 and a server reset while the body was still coming", "[capture][e2e]")
{
    const auto r = read("rst-mid-request.pcap");
    INFO(r->describe());
    REQUIRE(r->capture().transactions.size() == 1);
    const Transaction &t = r->tx(0);
    CHECK(t.status == 413);
    CHECK(t.responseFrame == 9);
    CHECK(t.requestBodyBytes == 3000);
    CHECK_FALSE(t.requestComplete);
    const Connection &k = r->connection(0);
    CHECK(k.reset.by == Peer::Server);
    CHECK(k.reset.frame == 10);
    CHECK(k.reset.unackedClientBytes == 3000);
    CHECK(k.reset.duringRequestBody);
    CHECK(k.reset.unansweredRequests == 0);
    CHECK(k.end.kind == ConnectionEnd::Kind::Rst);
}

TEST_CASE("reordered, retransmitted and lost segments", "[capture][e2e]")
{
    const auto r = read("out-of-order.pcap");
    INFO(r->describe());
    const Connection &k = r->connection(0);
    CHECK(k.outOfOrder[kToServer] == 1);
    CHECK(k.retransmissions[kToServer] == 0);
    CHECK(k.retransmissions[kToClient] == 1);
    CHECK(k.gaps[kToClient] == 1);
    CHECK(k.gapBytes[kToClient] == 100);
    CHECK(k.gaps[kToServer] == 0);
    REQUIRE(r->capture().transactions.size() == 1);
    const Transaction &t = r->tx(0);
    CHECK(r->str(t.target) == "/form");
    CHECK(t.requestComplete);
    CHECK(t.requestBodyBytes == 200);
    CHECK(t.requestBodyLastFrame == 5); // frame 5 carries the last bytes, delivered after frame 6
    CHECK(t.status == 200);
    CHECK(t.responseEndFrame == 10);
    CHECK((t.violations & kViolationGapInMessage) != 0);
    CHECK(hasProblem(*r->source, "tcp-gap", 10));
}

TEST_CASE("IPv6 with fragments and an extension header", "[capture][e2e]")
{
    const auto r = read("ipv6.pcapng");
    INFO(r->describe());
    REQUIRE(r->capture().connections.size() == 1);
    CHECK(r->connection(0).key() == "[2001:db8::5]:51000->[2001:db8::50]:8080");
    REQUIRE(r->capture().transactions.size() == 1);
    const Transaction &t = r->tx(0);
    CHECK(r->str(t.method) == "POST");
    CHECK(t.requestFrame == 7); // the fragment that completed the datagram
    CHECK(t.requestBodyBytes == 1000);
    CHECK(t.requestComplete);
    CHECK(t.status == 200);
    CHECK(t.responseFrame == 9);
    CHECK(r->capture().undecodedFrames == 0);
}

TEST_CASE("IPv4 fragments sent last-first are reassembled", "[capture][e2e]")
{
    const auto r = read("ip-fragments.pcap");
    INFO(r->describe());
    REQUIRE(r->capture().transactions.size() == 1);
    const Transaction &t = r->tx(0);
    CHECK(t.requestFrame == 6);
    CHECK(t.requestBodyBytes == 1200);
    CHECK(t.requestComplete);
    CHECK(t.status == 200);
    CHECK(r->capture().packets == 13);
    CHECK(r->capture().undecodedFrames == 0);
}

TEST_CASE("every supported link layer carries the same exchange", "[capture][e2e]")
{
    const struct {
        const char *file;
        std::uint32_t linkType;
        const char *key;
    } cases[] = {
        {"vlan.pcap", net::kLinkEthernet, "10.0.0.5:52000->10.0.0.50:80"},
        {"qinq.pcap", net::kLinkEthernet, "10.0.0.5:52000->10.0.0.50:80"},
        {"sll.pcap", net::kLinkLinuxSll, "10.0.0.5:52000->10.0.0.50:80"},
        {"sll2.pcapng", net::kLinkLinuxSll2, "10.0.0.5:52001->10.0.0.50:80"},
        {"raw-ip.pcap", net::kLinkRaw, "10.0.0.5:52000->10.0.0.50:80"},
        {"null-loopback.pcap", net::kLinkNull, "10.0.0.5:52000->10.0.0.50:80"},
        {"loop.pcap", net::kLinkLoop, "10.0.0.5:52000->10.0.0.50:80"},
    };
    for (const auto &c : cases) {
        INFO(c.file);
        const auto r = read(c.file);
        INFO(r->describe());
        CHECK(r->capture().linkTypes == std::vector<std::uint32_t>{c.linkType});
        CHECK(r->capture().packets == 11);
        CHECK(r->capture().undecodedFrames == 0);
        REQUIRE(r->capture().connections.size() == 1);
        CHECK(r->connection(0).key() == c.key);
        REQUIRE(r->capture().transactions.size() == 1);
        CHECK(r->str(r->tx(0).target) == "/link");
        CHECK(r->tx(0).status == 200);
        CHECK(r->connection(0).end.kind == ConnectionEnd::Kind::Fin);
    }
}

TEST_CASE("a capture that starts mid-connection: roles from the request", "[capture][e2e]")
{
    const auto r = read("midstream.pcap");
    INFO(r->describe());
    const Connection &k = r->connection(0);
    CHECK(k.key() == "10.0.0.5:1025->10.0.0.50:8080");
    CHECK(k.midstream);
    CHECK(k.clientGuessed);
    CHECK_FALSE(k.sawSyn);
    REQUIRE(r->capture().transactions.size() == 1);
    CHECK(r->str(r->tx(0).target) == "/after");
    CHECK(r->tx(0).requestFrame == 3);
    CHECK(r->tx(0).responseFrame == 5);
}

TEST_CASE("TLS is counted and skipped; UDP is an undecoded frame", "[capture][e2e]")
{
    const auto r = read("tls-and-http.pcap");
    INFO(r->describe());
    const CaptureData &c = r->capture();
    CHECK(c.packets == 21);
    CHECK(c.undecodedFrames == 1);
    CHECK(c.nonHttpConnections == 1);
    CHECK(c.tlsConnections == 1);
    REQUIRE(c.connections.size() == 2);
    CHECK(r->connection(0).key() == "10.0.0.5:51010->10.0.0.50:443");
    CHECK(r->connection(0).protocol == AppProtocol::Tls);
    CHECK(r->connection(0).transactionCount == 0);
    CHECK(r->connection(0).end.kind == ConnectionEnd::Kind::Fin);
    CHECK(r->connection(1).protocol == AppProtocol::Http);
    REQUIRE(c.transactions.size() == 1);
    CHECK(r->tx(0).connection.value == 1);
}

TEST_CASE("sequence numbers wrapping past 2^32 on both sides", "[capture][e2e]")
{
    const auto r = read("wraparound.pcap");
    INFO(r->describe());
    REQUIRE(r->capture().transactions.size() == 1);
    const Transaction &t = r->tx(0);
    CHECK(t.requestBodyBytes == 400);
    CHECK(t.requestComplete);
    CHECK(t.requestBodyLastFrame == 6);
    CHECK(t.responseBodyBytes == 30);
    CHECK(t.responseComplete);
    CHECK(r->connection(0).gaps[0] + r->connection(0).gaps[1] == 0);
}

TEST_CASE("snaplen-cut frames become gaps, summarised once", "[capture][e2e]")
{
    const auto r = read("snaplen-96.pcap");
    INFO(r->describe());
    const Connection &k = r->connection(0);
    CHECK(k.gapBytes[kToServer] == 59 - 42);  // 42 of the request's 59 bytes fit in 96
    CHECK(k.gapBytes[kToClient] == 568 - 42); // 68-byte head + 500-byte body
    REQUIRE(r->source->problems.total() == 1);
    const Problem &p = r->source->problems.stored()[0];
    CHECK(p.category == "snaplen");
    CHECK(p.level == ProblemLevel::Note);
    CHECK(p.frame == 4);
    CHECK(p.message ==
          "2 frames were cut by the capture's snapshot length (first: frame 4); their missing bytes are treated "
          "as gaps in the TCP streams");
    REQUIRE(r->capture().transactions.size() == 1);
    CHECK((r->tx(0).violations & kViolationGapInMessage) != 0);
}

TEST_CASE("several sections and interfaces: connections in first-packet order", "[capture][e2e]")
{
    const auto r = read("multi-section.pcapng");
    INFO(r->describe());
    const CaptureData &c = r->capture();
    CHECK(c.packets == 21);
    CHECK(c.linkTypes == std::vector<std::uint32_t>{net::kLinkEthernet, net::kLinkRaw});
    REQUIRE(c.connections.size() == 3);
    CHECK(r->connection(0).key() == "10.0.0.5:51000->10.0.0.50:80");
    CHECK(r->connection(1).key() == "10.0.0.6:52000->10.0.0.60:8080");
    CHECK(r->connection(2).key() == "10.0.0.7:53000->10.0.0.70:80");
    CHECK(r->connection(2).firstTime == kFixtureT0 + ms(2000));
    REQUIRE(c.transactions.size() == 3);
    CHECK(r->tx(0).requestTime == kFixtureT0 + ms(1));         // an SPB: the previous frame's time
    CHECK(r->tx(1).responseTime == kFixtureT0 + ms(1020) - 1); // 2^-20 s resolution, rounded down
    CHECK(r->tx(2).requestTime == kFixtureT0 + ms(2010));
    CHECK(r->source->last == kFixtureT0 + ms(2020) + 100);
}

TEST_CASE("a file whose frames are out of time order: connections sorted, transactions follow", "[capture][e2e]")
{
    const auto r = read("time-disorder.pcap");
    INFO(r->describe());
    const CaptureData &c = r->capture();
    REQUIRE(c.connections.size() == 2);
    CHECK(r->connection(0).key() == "10.0.0.9:55000->10.0.0.50:80");
    CHECK(r->connection(0).firstFrame == 8);
    CHECK(r->connection(1).key() == "10.0.0.8:54000->10.0.0.50:80");
    REQUIRE(c.transactions.size() == 2);
    for (const Transaction &t : c.transactions) {
        const Connection &k = c.connections.at(t.connection.value);
        CHECK(t.requestFrame >= k.firstFrame);
        CHECK(t.requestFrame <= k.lastFrame);
        const bool early = r->str(t.target) == "/early";
        CHECK(t.connection.value == (early ? 0u : 1u));
    }
    for (std::uint32_t i = 0; i < 2; ++i) {
        const Connection &k = c.connections[i];
        REQUIRE(k.transactionCount == 1);
        CHECK(c.transactions.at(k.firstTransaction).connection.value == i);
    }
}

TEST_CASE("damaged files keep what was read before the damage", "[capture][e2e][damaged]")
{
    {
        const auto r = read("truncated-in-packet.pcap");
        INFO(r->describe());
        CHECK(r->source->readCompleted);
        CHECK(r->capture().packets == 10);
        CHECK(r->capture().transactions.size() == 1);
        CHECK(hasProblem(*r->source, "truncated", 11));
    }
    {
        const auto r = read("truncated-file-header.pcap");
        CHECK_FALSE(r->source->readCompleted);
        CHECK(r->capture().packets == 0);
        CHECK(r->source->problems.hasErrors());
    }
    {
        const auto r = read("corrupt-record-length.pcap");
        INFO(r->describe());
        CHECK(r->source->readCompleted);
        CHECK(r->capture().packets == 10);
        CHECK(r->capture().transactions.size() == 1);
        CHECK(hasProblem(*r->source, "corrupt", 5));
    }
    {
        const auto r = read("ng-bad-interface.pcapng");
        INFO(r->describe());
        CHECK(r->capture().packets == 11);
        CHECK(r->capture().undecodedFrames == 1);
        CHECK(hasProblem(*r->source, "interface", 6));
        REQUIRE(r->capture().transactions.size() == 1);
        CHECK_FALSE(r->tx(0).hasResponse); // the response was in the undecodable frame
    }
    {
        const auto r = read("ng-10000-interfaces.pcapng");
        CHECK(r->capture().packets == 11);
        CHECK(r->capture().linkTypes == std::vector<std::uint32_t>{net::kLinkEthernet, net::kLinkRaw});
        CHECK(r->capture().transactions.size() == 1);
    }
}

TEST_CASE("a request line nobody can parse still shows the server's 400", "[capture][e2e]")
{
    const auto r = read("bad-request-line.pcap");
    INFO(r->describe());
    const CaptureData &c = r->capture();
    REQUIRE(c.transactions.size() == 1);
    const Transaction &t = r->tx(0);
    CHECK(t.status == 400);
    CHECK(t.responseFrame == 6);
    CHECK(r->str(t.response.server) == "Microsoft-HTTPAPI/2.0");
    CHECK(c.httpResponses == 1);
    CHECK(c.nonHttpConnections == 0);
    CHECK(r->connection(0).end.by == Peer::Server);
}
