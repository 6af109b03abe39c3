// SPDX-License-Identifier: MIT
#include "capture/net/http_stream_sink.h"

namespace hs::net {
namespace {

class HttpStreamSink final : public TcpStreamSink {
public:
    HttpStreamSink(StringPool &strings, CaptureData &out, Connection &connection, std::uint32_t index,
                   const HttpConversationOptions &options)
        : conversation_(strings, out, connection, index, options), out_(out), connection_(connection)
    {
    }

    void onData(Dir dir, std::string_view bytes, TimeUs time, std::uint64_t frame) override
    {
        sawData_ = true;
        sawDirection_[dir] = true;
        conversation_.onData(dir, bytes, time, frame);
    }
    void onGap(Dir dir, std::uint64_t length, TimeUs time, std::uint64_t frame) override
    {
        conversation_.onGap(dir, length, time, frame);
    }
    void onFin(Dir dir, TimeUs time, std::uint64_t frame) override { conversation_.onFin(dir, time, frame); }
    void onReset(Dir sender, TimeUs time, std::uint64_t frame) override { conversation_.onReset(sender, time, frame); }
    void finish(TimeUs time) override
    {
        conversation_.finish(time);
        if (sawData_ && !conversation_.mayBeHttp()) {
            ++out_.nonHttpConnections;
            if (connection_.protocol == AppProtocol::Tls)
                ++out_.tlsConnections;
        }
    }
    // The HTTP layer may give up on a conversation whose first request is garbage; the server's
    // answer (often a 400 from HTTP.sys or a proxy) still deserves a look, so payload keeps
    // flowing until each direction has spoken once. TLS and other protocols cost one more chunk.
    bool wantsPayload() const override
    {
        if (conversation_.upgraded())
            return false;
        return conversation_.mayBeHttp() || !(sawDirection_[kToServer] && sawDirection_[kToClient]);
    }

private:
    HttpConversation conversation_;
    CaptureData &out_;
    const Connection &connection_;
    bool sawData_ = false;
    bool sawDirection_[2] = {false, false};
};

} // namespace

HttpSinkFactory::HttpSinkFactory(StringPool &strings, CaptureData &out, HttpConversationOptions options)
    : strings_(strings), out_(out), options_(options)
{
}

std::unique_ptr<TcpStreamSink> HttpSinkFactory::open(Connection &connection, std::uint32_t connectionIndex)
{
    return std::make_unique<HttpStreamSink>(strings_, out_, connection, connectionIndex, options_);
}

PayloadHint HttpSinkFactory::classify(std::string_view firstBytes) const
{
    if (looksLikeHttpRequestStart(firstBytes))
        return PayloadHint::Request;
    if (looksLikeHttpResponseStart(firstBytes))
        return PayloadHint::Response;
    return PayloadHint::Unknown;
}

} // namespace hs::net
