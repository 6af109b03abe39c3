// SPDX-License-Identifier: MIT
// A TCP connection reconstructed from a capture (or the connection an HAR/SAZ export names).
#pragma once

#include "model/endpoint.h"
#include "model/ids.h"
#include "model/time.h"

#include <array>
#include <cstdint>

namespace hs {

enum class Peer : std::uint8_t { None, Client, Server };

// What the bytes on the connection turned out to be.
enum class AppProtocol : std::uint8_t { Unknown, Http, Tls, Other, Empty };

// Directions index the per-direction arrays: [0] client->server, [1] server->client.
enum Dir : std::uint8_t { kToServer = 0, kToClient = 1 };

struct ConnectionEnd {
    enum class Kind : std::uint8_t { Open, Fin, Rst };
    Kind kind = Kind::Open; // how the connection ended (first FIN or RST seen)
    Peer by = Peer::None;   // who sent it
    TimeUs time = kNoTime;
    std::uint64_t frame = 0;
    // When the RST (or FIN) came: requests the server had not yet answered with a final
    // response, and client bytes the server had not acknowledged (data still in flight).
    std::uint32_t unansweredRequests = 0;
    std::uint64_t unackedClientBytes = 0;
    bool duringRequestBody = false; // the client was still sending a request body
};

struct Connection {
    ConnectionId id;
    SourceId source;
    Endpoint client; // the side that sent the SYN, else the side that sent a request
    Endpoint server;
    std::string clientZone; // IPv6 zone id for display only
    AppProtocol protocol = AppProtocol::Unknown;
    TimeUs firstTime = kNoTime; // first packet
    TimeUs lastTime = kNoTime;  // last packet
    std::uint64_t firstFrame = 0, lastFrame = 0;
    std::array<std::uint64_t, 2> packets{};      // per direction
    std::array<std::uint64_t, 2> payloadBytes{}; // per direction, after reassembly
    std::array<std::uint32_t, 2> gaps{};         // missing-segment holes per direction
    std::array<std::uint64_t, 2> gapBytes{};
    std::array<std::uint32_t, 2> retransmissions{};
    std::array<std::uint32_t, 2> outOfOrder{};
    bool sawSyn = false, sawSynAck = false;
    bool midstream = false;                          // capture started after the handshake
    bool upgraded = false;                           // CONNECT / 101 Switching Protocols: parsing stopped
    bool clientGuessed = false;                      // no SYN: client decided by who sent the request
    ConnectionEnd end;                               // first FIN/RST
    ConnectionEnd reset;                             // the RST if there was one (kind == Rst), else Kind::Open
    std::array<TimeUs, 2> finTime{kNoTime, kNoTime}; // FIN per direction
    std::uint32_t firstTransaction = 0;              // index into Analysis::transactions
    std::uint32_t transactionCount = 0;
    std::uint64_t harConnection = 0; // HAR "connection" id / SAZ session socket, when from an export

    std::string key() const { return connectionKey(client, server); }
};

} // namespace hs
