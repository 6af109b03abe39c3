// SPDX-License-Identifier: MIT
#include "capture_test_util.h"

#include "support/catch.h"
#include "support/test_paths.h"
#include "tasks/open_input.h"

#include <sstream>

namespace hs::test {

std::filesystem::path captureFixture(const std::string &name)
{
    return dataDir() / "captures" / name;
}

std::unique_ptr<Source> readCaptureFixture(const std::string &name, StringPool &strings)
{
    auto source = readSingleFile(captureFixture(name), strings);
    REQUIRE(source);
    REQUIRE(source->capture);
    return source;
}

namespace {

const char *endName(ConnectionEnd::Kind k)
{
    switch (k) {
    case ConnectionEnd::Kind::Open: return "open";
    case ConnectionEnd::Kind::Fin: return "FIN";
    case ConnectionEnd::Kind::Rst: return "RST";
    }
    return "?";
}

const char *peerName(Peer p)
{
    return p == Peer::Client ? "client" : p == Peer::Server ? "server" : "-";
}

} // namespace

std::string describeCapture(const Source &source, const StringPool &strings)
{
    std::ostringstream out;
    const CaptureData &c = *source.capture;
    out << source.path << ": " << source.formatVariant << "; packets " << c.packets << ", undecoded "
        << c.undecodedFrames << ", non-HTTP " << c.nonHttpConnections << ", TLS " << c.tlsConnections << "; requests "
        << c.httpRequests << ", responses " << c.httpResponses << ", interim " << c.httpInterim << '\n';
    for (std::size_t i = 0; i < c.connections.size(); ++i) {
        const Connection &k = c.connections[i];
        out << "conn " << i << ' ' << k.key() << " frames " << k.firstFrame << '-' << k.lastFrame << " pkts "
            << k.packets[0] << '/' << k.packets[1] << " bytes " << k.payloadBytes[0] << '/' << k.payloadBytes[1]
            << " gaps " << k.gaps[0] << '/' << k.gaps[1] << " retx " << k.retransmissions[0] << '/'
            << k.retransmissions[1] << " ooo " << k.outOfOrder[0] << '/' << k.outOfOrder[1]
            << (k.midstream ? " midstream" : "") << (k.clientGuessed ? " guessed" : "") << " end "
            << endName(k.end.kind) << " by " << peerName(k.end.by) << " frame " << k.end.frame << " reset "
            << endName(k.reset.kind) << " by " << peerName(k.reset.by) << " unacked " << k.reset.unackedClientBytes
            << " unanswered " << k.reset.unansweredRequests << (k.reset.duringRequestBody ? " in-body" : "") << " tx "
            << k.firstTransaction << '+' << k.transactionCount << '\n';
    }
    for (std::size_t i = 0; i < c.transactions.size(); ++i) {
        const Transaction &t = c.transactions[i];
        out << "tx " << i << " conn " << t.connection.value << ' ' << strings.view(t.method) << ' '
            << strings.view(t.target) << " reqframe " << t.requestFrame << " body " << t.requestBodyBytes
            << (t.requestComplete ? " complete" : " incomplete") << " framing " << static_cast<int>(t.requestFraming)
            << " | " << t.status << " respframe " << t.responseFrame << '-' << t.responseEndFrame << " body "
            << t.responseBodyBytes << (t.responseComplete ? " complete" : " incomplete") << " interims";
        for (const auto &im : t.interims)
            out << ' ' << im.status << '@' << im.frame << (im.afterFinal ? "(after final)" : "");
        out << " violations 0x" << std::hex << t.violations << std::dec << '\n';
    }
    for (const Problem &p : source.problems.stored())
        out << "problem frame " << p.frame << " offset " << (p.offset == Problem::kNoOffset ? -1 : (long long)p.offset)
            << ' ' << p.category << ": " << p.message << '\n';
    return out.str();
}

} // namespace hs::test
