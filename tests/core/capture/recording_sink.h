// SPDX-License-Identifier: MIT
// A TcpSinkFactory for tests: records every stream event of every connection, in order.
#pragma once

#include "capture/net/stream_sink.h"

#include <string>
#include <vector>

namespace hs::test {

struct StreamEvent {
    enum Kind : char { Open = 'O', Data = 'D', Gap = 'G', Fin = 'F', Reset = 'R', Finish = 'X' };
    Kind kind = Data;
    std::uint32_t connection = 0;
    Dir dir = kToServer;
    std::string data;         // Data
    std::uint64_t length = 0; // Gap
    TimeUs time = 0;
    std::uint64_t frame = 0;
};

class RecordingFactory final : public net::TcpSinkFactory {
public:
    // A connection whose first bytes start with this stops wanting payload (like TLS for HTTP).
    std::string notHttpPrefix = "\x16\x03";
    std::vector<StreamEvent> events;
    std::vector<std::string> openedKeys; // connection key at open, by open order

    std::unique_ptr<net::TcpStreamSink> open(Connection &connection, std::uint32_t index) override;
    net::PayloadHint classify(std::string_view firstBytes) const override;

    // Events of one connection, without Open.
    std::vector<StreamEvent> of(std::uint32_t connection) const;
    // "D>GET …|G<12|F>|X" style summary of one connection: kinds, directions (> to server, < to
    // client), data and gap lengths.
    std::string trace(std::uint32_t connection) const;
};

} // namespace hs::test
