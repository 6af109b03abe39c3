// SPDX-License-Identifier: MIT
#include "capture/net/http_stream_sink.h"

namespace hs::net {
namespace {

class HttpStreamSink final : public TcpStreamSink {
public:
    HttpStreamSink(StringPool &strings, CaptureData &out, Connection &connection, std::uint32_t index,
                   const HttpConversationOptions &options)
        : conversation_(strings, out, connection, index, options), out_(out)
    {
    }

    void onData(Dir dir, std::string_view bytes, TimeUs time, std::uint64_t frame) override
    {
        if (!sawData_) {
            sawData_ = true;
            tls_ = looksLikeTlsRecord(bytes);
        }
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
            if (tls_)
                ++out_.tlsConnections;
        }
    }
    bool wantsPayload() const override { return conversation_.mayBeHttp() && !conversation_.upgraded(); }

private:
    HttpConversation conversation_;
    CaptureData &out_;
    bool sawData_ = false;
    bool tls_ = false;
};

} // namespace

bool looksLikeTlsRecord(std::string_view bytes) noexcept
{
    if (bytes.size() < 3)
        return false;
    const auto type = static_cast<unsigned char>(bytes[0]);
    const auto major = static_cast<unsigned char>(bytes[1]);
    const auto minor = static_cast<unsigned char>(bytes[2]);
    return type >= 20 && type <= 23 && major == 3 && minor <= 4;
}

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
