// SPDX-License-Identifier: MIT
// Glue between the two directions of a connection: each direction is framed by its own
// MessageStream; this file answers their events (which request does this response answer, what
// body does it have, is this still HTTP) and keeps the Connection's HTTP fields.
#include "capture/http/http_conversation.h"

#include "capture/http/http_body.h"
#include "capture/http/http_head_parser.h"
#include "capture/http/http_message_stream.h"
#include "capture/http/http_pairing.h"
#include "capture/http/http_transaction_builder.h"

namespace hs {

using http::MessageStream;
using Event = MessageStream::Event;

struct HttpConversation::Impl {
    static constexpr std::uint32_t kNone = http::ResponsePairing::kNone;

    Impl(StringPool &strings, CaptureData &out, Connection &connection, std::uint32_t connectionIndex,
         const HttpConversationOptions &options)
        : connection_(connection), requests_(true, limitsOf(options)), responses_(false, limitsOf(options)),
          builder_(strings, options.internCache, out, connectionIndex, options.headArenaBudget)
    {
    }

    static MessageStream::Limits limitsOf(const HttpConversationOptions &o) noexcept
    {
        return MessageStream::Limits{o.maxHeaderBytes, o.resyncLookahead};
    }

    MessageStream &stream(Dir dir) noexcept { return dir == kToServer ? requests_ : responses_; }

    void decideStartMode() noexcept
    {
        if (startModeKnown_)
            return;
        startModeKnown_ = true;
        // With the handshake seen, the first payload byte is the first byte of the conversation:
        // if that is not HTTP, the connection is not. Without it we may be mid-message and search.
        strictStart_ = connection_.sawSyn && !connection_.midstream;
    }

    void onData(Dir dir, std::string_view bytes, TimeUs time, std::uint64_t frame)
    {
        if (bytes.empty() || finished_)
            return;
        decideStartMode();
        MessageStream &s = stream(dir);
        for (;;) {
            const Event e = s.next(bytes, time, frame);
            if (e == Event::NeedData)
                break;
            handle(dir, e, time, frame);
        }
        updateProtocol();
    }

    void onGap(Dir dir, std::uint64_t length, TimeUs time, std::uint64_t frame)
    {
        if (finished_)
            return;
        decideStartMode();
        sawGap_ = true;
        const Event e = stream(dir).gap(length, time, frame);
        if (e != Event::NeedData)
            handle(dir, e, time, frame);
    }

    void handle(Dir dir, Event e, TimeUs time, std::uint64_t frame)
    {
        switch (e) {
        case Event::Head: dir == kToServer ? onRequestHead() : onResponseHead(); break;
        case Event::BadStart: onBadStart(dir, time, frame); break;
        case Event::MessageEnd: onMessageEnd(dir); break;
        case Event::Tls: onTls(); break;
        case Event::NeedData: break;
        }
    }

    void onRequestHead()
    {
        const http::MessageProgress &p = requests_.progress();
        const bool damaged = !p.headComplete;
        http::parseRequestHead(requests_.head(), parsed_);
        setProtocol(AppProtocol::Http);
        std::uint32_t tx = inProgressTx_;
        if (tx != kNone) { // already answered while its head was arriving
            inProgressTx_ = kNone;
            builder_.fillRequest(tx, parsed_, p, requests_.head(), damaged);
        } else {
            tx = builder_.addRequest(parsed_, p, requests_.head(), damaged);
            pairing_.waitForFinal(tx);
        }
        current_[kToServer] = tx;
        // A response direction that lost its way gets a fresh search: an answer is coming.
        if (responses_.deadEnd())
            responses_.resync();
        if (damaged) {
            requests_.resync();
            onMessageEnd(kToServer);
            return;
        }
        if (parsed_.simpleRequest) {
            // HTTP/0.9: the server answers with the document and closes; no further requests.
            requests_.ignoreRest();
            onMessageEnd(kToServer);
            return;
        }
        const http::BodyPlan plan = http::planRequestBody(parsed_);
        builder_.setRequestFraming(tx, plan);
        if (requests_.beginBody(plan, false)) {
            onMessageEnd(kToServer);
            return;
        }
        if (builder_[tx].hasResponse && builder_.facts(tx).expect)
            requests_.allowBodySkip(); // refused before its head was even complete
    }

    void onResponseHead()
    {
        const http::MessageProgress &p = responses_.progress();
        http::parseResponseHead(responses_.head(), parsed_);
        setProtocol(AppProtocol::Http);
        const std::uint16_t status = parsed_.status;
        const bool interim = status >= 100 && status < 200 && status != 101;
        if (!interim && !pairing_.waiting() && requests_.inHead() && inProgressTx_ == kNone) {
            // A final status while the request head is still arriving answers that request
            // (414 URI too long, 400, 408). A 1xx cannot: it follows a complete head.
            inProgressTx_ = builder_.addAwaitingRequestHead();
            pairing_.waitForFinal(inProgressTx_);
        }
        http::ResponsePairing::Match m = pairing_.match(interim);
        if (m.tx == kNone) {
            m.tx = builder_.addOrphan();
            if (interim)
                pairing_.waitForFinal(m.tx); // its final response may still come
        }
        if (interim) {
            builder_.addInterim(m.tx, parsed_, p, m.afterFinal);
            if (!p.headComplete)
                responses_.resync();
            else
                responses_.beginBody(http::BodyPlan{}, false); // 1xx responses have no body
            return;
        }
        const std::uint32_t tx = m.tx;
        pairing_.finalReceived(tx);
        builder_.setFinalResponse(tx, parsed_, p, responses_.head());
        current_[kToClient] = tx;
        const http::TransactionBuilder::RequestFacts facts = builder_.facts(tx);
        if (facts.expect && current_[kToServer] == tx && requests_.inBody() && requests_.progress().bodyBytes == 0)
            requests_.allowBodySkip();
        if (!p.headComplete) {
            responses_.resync();
            onMessageEnd(kToClient);
            return;
        }
        if (status == 101 || (facts.connect && status >= 200 && status < 300)) {
            startTunnel();
            return;
        }
        const http::BodyPlan plan = http::planResponseBody(parsed_, facts.head);
        builder_.setResponseFraming(tx, plan.framing, plan.violations);
        if (responses_.beginBody(plan, true))
            onMessageEnd(kToClient);
    }

    // 101 Switching Protocols, or a 2xx to CONNECT: what follows is another protocol.
    void startTunnel()
    {
        upgraded_ = true;
        connection_.upgraded = true;
        responses_.beginTunnel();
        onMessageEnd(kToClient); // the head was the whole response
        if (current_[kToServer] != kNone)
            onMessageEnd(kToServer);
        requests_.beginTunnel();
    }

    void onBadStart(Dir dir, TimeUs time, std::uint64_t frame)
    {
        MessageStream &s = stream(dir);
        if (dir == kToClient && s.messages() == 0 && pairing_.waiting()) {
            // No status line where the first response should start: an HTTP/0.9 server, or one
            // that answers with bare bytes. They are the response's body, until close.
            const std::uint32_t tx = pairing_.oldestWaiting();
            pairing_.finalReceived(tx);
            builder_.setRawResponse(tx, s.pendingStartTime(time), s.pendingStartFrame(frame));
            current_[kToClient] = tx;
            s.beginRawBody();
            return;
        }
        if (s.messages() == 0 && strictStart_ && protocol_ != AppProtocol::Http) {
            s.giveUp(); // the conversation did not open with HTTP
            if (protocol_ == AppProtocol::Unknown)
                setProtocol(AppProtocol::Other);
            return;
        }
        s.resync();
    }

    void onMessageEnd(Dir dir)
    {
        const std::uint32_t tx = current_[dir];
        if (tx == kNone)
            return;
        current_[dir] = kNone;
        if (dir == kToServer)
            builder_.endRequest(tx, requests_.progress());
        else
            builder_.endResponse(tx, responses_.progress());
    }

    void onTls()
    {
        if (protocol_ != AppProtocol::Http)
            setProtocol(AppProtocol::Tls);
        requests_.giveUp();
        responses_.giveUp();
    }

    void setProtocol(AppProtocol p) noexcept
    {
        if (protocol_ == p || protocol_ == AppProtocol::Http)
            return;
        protocol_ = p;
        connection_.protocol = p;
    }

    // Without a handshake we search for a message start; when both directions ran out of
    // look-ahead without finding one, this is not HTTP.
    void updateProtocol() noexcept
    {
        if (protocol_ != AppProtocol::Unknown)
            return;
        const bool reqDone = requests_.deadEnd() || !requests_.sawData();
        const bool respDone = responses_.deadEnd() || !responses_.sawData();
        if (reqDone && respDone && (requests_.sawData() || responses_.sawData()))
            setProtocol(AppProtocol::Other);
    }

    std::uint32_t unansweredRequests() const noexcept
    {
        std::uint32_t n = 0;
        pairing_.forEachWaiting([&](std::uint32_t tx) { n += builder_[tx].hasRequest ? 1 : 0; });
        // A request whose head is still arriving counts too, unless it was answered already.
        return n + (requests_.inHead() && inProgressTx_ == kNone ? 1 : 0);
    }

    void recordState(ConnectionEnd &end) const noexcept
    {
        end.unansweredRequests = unansweredRequests();
        end.duringRequestBody = requests_.inBody();
    }

    void onFin(Dir dir)
    {
        finSeen_[dir] = true;
        if (!endRecorded_) {
            endRecorded_ = true;
            recordState(connection_.end);
        }
    }

    void onReset()
    {
        if (!resetRecorded_) {
            resetRecorded_ = true;
            rstSeen_ = true;
            recordState(connection_.reset);
        }
        if (!endRecorded_) {
            endRecorded_ = true;
            recordState(connection_.end);
        }
    }

    void closeStream(Dir dir)
    {
        // A close-delimited body ends well with a FIN, or when the capture simply ends; a reset
        // leaves it truncated.
        const bool orderly = finSeen_[dir] || !rstSeen_;
        MessageStream &s = stream(dir);
        for (;;) {
            const Event e = s.close(orderly);
            if (e == Event::NeedData)
                break;
            handle(dir, e, kNoTime, 0);
        }
    }

    void finish()
    {
        if (finished_)
            return;
        // A message start was recognised even if its head never completed.
        if (requests_.inHead() || responses_.inHead())
            setProtocol(AppProtocol::Http);
        closeStream(kToServer);
        closeStream(kToClient);
        finished_ = true;
        if (inProgressTx_ != kNone) // its head never showed up after all
            builder_.markWithoutRequest(inProgressTx_);
        if (protocol_ == AppProtocol::Unknown)
            setProtocol(requests_.sawData() || responses_.sawData() || sawGap_ ? AppProtocol::Other
                                                                               : AppProtocol::Empty);
        connection_.protocol = protocol_;
        connection_.upgraded = upgraded_;
        builder_.appendTo(connection_);
    }

    Connection &connection_;
    MessageStream requests_;
    MessageStream responses_;
    http::TransactionBuilder builder_;
    http::ResponsePairing pairing_;
    http::ParsedHead parsed_;
    std::uint32_t current_[2] = {kNone, kNone}; // the transaction each direction's message belongs to
    std::uint32_t inProgressTx_ = kNone;        // answered while its request head was still arriving
    AppProtocol protocol_ = AppProtocol::Unknown;
    bool upgraded_ = false;
    bool startModeKnown_ = false;
    bool strictStart_ = false;
    bool sawGap_ = false;
    bool finSeen_[2] = {false, false};
    bool rstSeen_ = false;
    bool endRecorded_ = false;
    bool resetRecorded_ = false;
    bool finished_ = false;
};

HttpConversation::HttpConversation(StringPool &strings, CaptureData &out, Connection &connection,
                                   std::uint32_t connectionIndex, const HttpConversationOptions &options)
    : impl_(std::make_unique<Impl>(strings, out, connection, connectionIndex, options))
{
}

HttpConversation::~HttpConversation() = default;

void HttpConversation::onData(Dir dir, std::string_view bytes, TimeUs time, std::uint64_t frame)
{
    impl_->onData(dir, bytes, time, frame);
}

void HttpConversation::onGap(Dir dir, std::uint64_t length, TimeUs time, std::uint64_t frame)
{
    impl_->onGap(dir, length, time, frame);
}

void HttpConversation::onFin(Dir dir, TimeUs /*time*/, std::uint64_t /*frame*/)
{
    impl_->onFin(dir);
}

void HttpConversation::onReset(Dir /*sender*/, TimeUs /*time*/, std::uint64_t /*frame*/)
{
    impl_->onReset();
}

void HttpConversation::finish(TimeUs /*time*/)
{
    impl_->finish();
}

bool HttpConversation::mayBeHttp() const noexcept
{
    return impl_->protocol_ != AppProtocol::Tls && impl_->protocol_ != AppProtocol::Other;
}

bool HttpConversation::upgraded() const noexcept
{
    return impl_->upgraded_;
}

} // namespace hs
