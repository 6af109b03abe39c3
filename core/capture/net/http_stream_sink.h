// SPDX-License-Identifier: MIT
// Adapts TCP reassembly to the HTTP layer: one HttpConversation per connection, and the counts of
// connections that turned out not to be HTTP (TLS among them, as the HTTP layer recognises it).
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

} // namespace hs::net
