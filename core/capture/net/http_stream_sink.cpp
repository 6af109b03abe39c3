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
    bool wantsPayload() const override { return conversation_.mayBeHttp() && !conversation_.upgraded(); }

private:
    HttpConversation conversation_;
    CaptureData &out_;
    const Connection &connection_;
    bool sawData_ = false;
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
