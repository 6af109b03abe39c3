// SPDX-License-Identifier: MIT
// What TCP reassembly delivers, per connection: the in-order byte stream of each direction with
// the holes the capture lost, FINs, RSTs and the end. The HTTP layer sits behind it in production
// (http_stream_sink.h); tests record the calls.
#pragma once

#include "model/connection.h"
#include "model/time.h"

#include <cstdint>
#include <memory>
#include <string_view>

namespace hs::net {

class TcpStreamSink {
public:
    virtual ~TcpStreamSink() = default;
    // In-order bytes of `dir`; `frame` (1-based) carried them, `time` is its timestamp. The view is
    // valid during the call only.
    virtual void onData(Dir dir, std::string_view bytes, TimeUs time, std::uint64_t frame) = 0;
    // `length` bytes of `dir` are missing before the next onData (lost segment or snaplen cut).
    virtual void onGap(Dir dir, std::uint64_t length, TimeUs time, std::uint64_t frame) = 0;
    // In stream order: after every byte of `dir` that preceded the FIN.
    virtual void onFin(Dir dir, TimeUs time, std::uint64_t frame) = 0;
    // When seen; both directions were flushed first (holes delivered as gaps).
    virtual void onReset(Dir sender, TimeUs time, std::uint64_t frame) = 0;
    // Last call: both FINs delivered, a RST, idle timeout or end of capture. The sink is destroyed
    // right after.
    virtual void finish(TimeUs time) = 0;
    // False once payload is of no interest (not HTTP, or upgraded): reassembly stops buffering and
    // delivering data for this connection, but still reports FIN/RST and finish.
    virtual bool wantsPayload() const = 0;
};

enum class PayloadHint : std::uint8_t { Unknown, Request, Response };

class TcpSinkFactory {
public:
    virtual ~TcpSinkFactory() = default;
    // Called once per connection, when its roles are known (client/server endpoints, sawSyn,
    // clientGuessed are set). `connection` stays valid until after the sink's finish();
    // `connectionIndex` is its position in the tracker's connection list.
    virtual std::unique_ptr<TcpStreamSink> open(Connection &connection, std::uint32_t connectionIndex) = 0;
    // Without a handshake, the first bytes each side sent decide who is the client.
    virtual PayloadHint classify(std::string_view firstBytes) const = 0;
};

} // namespace hs::net
