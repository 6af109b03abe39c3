// SPDX-License-Identifier: MIT
// Adapts TCP reassembly to the HTTP layer: one HttpConversation per connection, and the counts of
// connections that turned out not to be HTTP (TLS among them).
#pragma once

#include "capture/http/http_conversation.h"
#include "capture/net/stream_sink.h"

namespace hs::net {

class HttpSinkFactory final : public TcpSinkFactory {
public:
    HttpSinkFactory(StringPool &strings, CaptureData &out, HttpConversationOptions options = {});
    std::unique_ptr<TcpStreamSink> open(Connection &connection, std::uint32_t connectionIndex) override;
    PayloadHint classify(std::string_view firstBytes) const override;

private:
    StringPool &strings_;
    CaptureData &out_;
    HttpConversationOptions options_;
};

// A TLS record header (handshake, alert, change-cipher-spec or application data, version 3.x):
// how HTTPS shows up when the capture has no keys.
bool looksLikeTlsRecord(std::string_view bytes) noexcept;

} // namespace hs::net
