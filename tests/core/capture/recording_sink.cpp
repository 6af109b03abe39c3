// SPDX-License-Identifier: MIT
#include "recording_sink.h"

namespace hs::test {
namespace {

class RecordingSink final : public net::TcpStreamSink {
public:
    RecordingSink(RecordingFactory &factory, std::uint32_t index) : factory_(factory), index_(index) {}

    void onData(Dir dir, std::string_view bytes, TimeUs time, std::uint64_t frame) override
    {
        if (!started_) {
            started_ = true;
            stopped_ = !factory_.notHttpPrefix.empty() &&
                       bytes.substr(0, factory_.notHttpPrefix.size()) == factory_.notHttpPrefix;
        }
        factory_.events.push_back({StreamEvent::Data, index_, dir, std::string(bytes), 0, time, frame});
    }
    void onGap(Dir dir, std::uint64_t length, TimeUs time, std::uint64_t frame) override
    {
        factory_.events.push_back({StreamEvent::Gap, index_, dir, {}, length, time, frame});
    }
    void onFin(Dir dir, TimeUs time, std::uint64_t frame) override
    {
        factory_.events.push_back({StreamEvent::Fin, index_, dir, {}, 0, time, frame});
    }
    void onReset(Dir sender, TimeUs time, std::uint64_t frame) override
    {
        factory_.events.push_back({StreamEvent::Reset, index_, sender, {}, 0, time, frame});
    }
    void finish(TimeUs time) override
    {
        factory_.events.push_back({StreamEvent::Finish, index_, kToServer, {}, 0, time, 0});
    }
    bool wantsPayload() const override { return !stopped_; }

private:
    RecordingFactory &factory_;
    std::uint32_t index_;
    bool started_ = false;
    bool stopped_ = false;
};

} // namespace

std::unique_ptr<net::TcpStreamSink> RecordingFactory::open(Connection &connection, std::uint32_t index)
{
    openedKeys.push_back(connection.key());
    events.push_back({StreamEvent::Open, index, kToServer, connection.key(), 0, 0, 0});
    return std::make_unique<RecordingSink>(*this, index);
}

net::PayloadHint RecordingFactory::classify(std::string_view b) const
{
    for (std::string_view m : {"GET ", "POST ", "PUT ", "HEAD "})
        if (b.substr(0, m.size()) == m)
            return net::PayloadHint::Request;
    if (b.substr(0, 5) == "HTTP/")
        return net::PayloadHint::Response;
    return net::PayloadHint::Unknown;
}

std::vector<StreamEvent> RecordingFactory::of(std::uint32_t connection) const
{
    std::vector<StreamEvent> out;
    for (const auto &e : events)
        if (e.connection == connection && e.kind != StreamEvent::Open)
            out.push_back(e);
    return out;
}

std::string RecordingFactory::trace(std::uint32_t connection) const
{
    std::string out;
    for (const auto &e : of(connection)) {
        if (!out.empty())
            out += '|';
        out += static_cast<char>(e.kind);
        if (e.kind != StreamEvent::Finish)
            out += e.dir == kToServer ? '>' : '<';
        if (e.kind == StreamEvent::Data)
            out += e.data;
        else if (e.kind == StreamEvent::Gap)
            out += std::to_string(e.length);
    }
    return out;
}

} // namespace hs::test
