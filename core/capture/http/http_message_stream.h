// SPDX-License-Identifier: MIT
// Frames one direction of an HTTP/1.x connection into messages: finds each head (across any split
// of the byte stream), walks the body with a counting decoder, and after lost bytes or garbage
// looks for the next message start with bounded look-ahead.
//
// It is a pull parser: next() consumes bytes until something happens and returns an Event; the
// caller (HttpConversation, which knows both directions) answers Head and BadStart events by
// telling the stream how to go on (beginBody, beginTunnel, resync, …) and calls next() again with
// the remaining bytes. No callbacks, no virtual calls, no allocation once the head buffer has
// grown to the longest head that needed buffering.
#pragma once

#include "capture/http/http_body.h"
#include "capture/http/http_held_bytes.h"
#include "capture/http/http_syntax.h"
#include "model/time.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace hs::http {

// What one message looked like on the wire. Times/frames are those of the onData call that carried
// the byte in question (the TCP layer calls once per segment).
struct MessageProgress {
    TimeUs startTime = kNoTime; // first byte of the start line
    std::uint64_t startFrame = 0;
    TimeUs headEndTime = kNoTime; // the data that completed the header block (kNoTime if it never did)
    std::uint64_t headEndFrame = 0;
    TimeUs bodyFirstTime = kNoTime;
    std::uint64_t bodyFirstFrame = 0;
    TimeUs bodyLastTime = kNoTime;
    std::uint64_t bodyLastFrame = 0;
    std::uint64_t headerBytes = 0; // start line through the empty line
    std::uint64_t bodyBytes = 0;   // wire bytes after the head: chunk framing and trailers included
    std::uint32_t chunks = 0;      // chunks with data (the last, zero-size chunk not counted)
    std::uint32_t violations = 0;  // HttpViolation bits met by the framer
    bool headComplete = false;     // the head ended with its empty line
    bool complete = false;         // head and body arrived completely
};

class MessageStream {
public:
    enum class Event : std::uint8_t {
        NeedData,   // every byte was consumed (or is held back until it can be classified)
        Head,       // a head is ready: head(), progress(); answer with beginBody/beginTunnel/resync/ignoreRest
        BadStart,   // the next bytes are no message start: answer with resync, beginRawBody or giveUp
        MessageEnd, // the current message ended, complete or not: progress()
        Tls,        // the stream starts with a TLS record; the stream has given up
    };

    struct Limits {
        std::size_t maxHeaderBytes = 256u << 10;
        std::uint64_t resyncLookahead = 1u << 20;
    };

    MessageStream(bool requests, Limits limits) noexcept : requests_(requests), limits_(limits) {}

    Event next(std::string_view &data, TimeUs time, std::uint64_t frame);
    // `length` bytes are missing before the next data.
    Event gap(std::uint64_t length, TimeUs time, std::uint64_t frame);
    // End of the stream. `orderly`: the sender closed it (FIN, or the capture simply ended), which
    // completes a close-delimited body; otherwise (RST) such a body counts as truncated. Call until
    // it returns NeedData (a cut head is reported as a Head event first).
    Event close(bool orderly);

    // Answers to Head. beginBody returns true when the message has already ended (no body, or a
    // request body of unknowable length, after which the stream resynchronises).
    bool beginBody(const BodyPlan &plan, bool untilCloseOnChunkError);
    void beginTunnel() noexcept; // CONNECT/Upgrade: the rest is another protocol
    void ignoreRest() noexcept;  // HTTP/0.9: nothing after the simple request is parsed
    void resync() noexcept;      // also the answer to BadStart
    // Answers to BadStart.
    void beginRawBody() noexcept; // a response without status line: its bytes until close are a body
    void giveUp() noexcept;       // not HTTP: ignore the rest of this stream
    // A request that sent `Expect` already got its final response: if the client sends the next
    // request instead of the body (RFC 9110 §10.1.1), the body is taken as withheld.
    void allowBodySkip() noexcept { maySkipBody_ = true; }

    std::string_view head() const noexcept { return head_; }
    const MessageProgress &progress() const noexcept { return progress_; }
    // Time/frame of the first byte of what BadStart is about.
    TimeUs pendingStartTime(TimeUs now) const noexcept { return held_.empty() ? now : held_.first().time; }
    std::uint64_t pendingStartFrame(std::uint64_t now) const noexcept
    {
        return held_.empty() ? now : held_.first().frame;
    }

    std::uint32_t messages() const noexcept { return messages_; } // heads recognised (+ raw bodies)
    bool sawData() const noexcept { return sawData_; }
    bool inBody() const noexcept { return state_ == State::Body; }
    bool inHead() const noexcept { return state_ == State::Head; }
    // Resynchronisation ran out of look-ahead, or the stream gave up: bytes are being dropped.
    bool deadEnd() const noexcept { return state_ == State::Lost || state_ == State::Abandoned; }
    bool lost() const noexcept { return state_ == State::Lost; }

private:
    enum class State : std::uint8_t {
        Start,      // first bytes of the stream: is this HTTP at all?
        Idle,       // between messages
        Head,       // inside a head
        AwaitHead,  // Head reported, waiting for the caller's answer
        AwaitStart, // BadStart reported, waiting for the caller's answer
        Body,
        Resync, // looking for a message start
        Lost,   // resync look-ahead spent: dropping bytes until the next gap
        Abandoned,
        Tunnel,
        Ignore,
        Ended,
    };

    StartClass classify(std::string_view bytes) const noexcept;
    // Classifies held_ + data; on NeedMore holds the bytes too (data is then consumed).
    StartClass classifyHeld(std::string_view &data, TimeUs time, std::uint64_t frame);
    void beginHead(TimeUs time, std::uint64_t frame);
    Event scanHead(std::string_view &data, TimeUs time, std::uint64_t frame);
    bool findHeadEnd(std::string_view view, std::size_t from, std::size_t &end);
    Event reportHead(std::string_view head, bool complete, TimeUs time, std::uint64_t frame);
    Event runBody(std::string_view &data, TimeUs time, std::uint64_t frame);
    bool runResync(std::string_view &data, TimeUs time, std::uint64_t frame); // true: a head begins
    void countBody(std::uint64_t n, ArrivalMark first, ArrivalMark last) noexcept;
    void countBody(std::uint64_t n, TimeUs time, std::uint64_t frame) noexcept
    {
        countBody(n, ArrivalMark{time, frame}, ArrivalMark{time, frame});
    }
    // The held bytes were body after all: feeds them to the decoder, counts and forgets what it took.
    void takeHeldAsBody() noexcept;
    Event endBody(bool complete) noexcept;
    void startResync() noexcept;
    void releaseHeadBuffer() noexcept;

    bool requests_;
    Limits limits_;
    State state_ = State::Start;
    bool sawData_ = false;
    bool leadingSpace_ = false; // white space (not CR/LF) skipped before the current message
    bool maySkipBody_ = false;
    bool untilCloseOnChunkError_ = false;
    std::uint32_t messages_ = 0;

    // Bytes held back at a possible message start until they can be classified.
    HeldBytes held_;

    // Head scanning
    std::string headBuf_;      // the head so far, once it spans calls
    bool buffering_ = false;   // headBuf_ holds the head (else it is read straight from the data)
    std::uint8_t lfState_ = 0; // 0: in a line, 1: after LF, 2: after LF CR
    bool firstLineDone_ = false;
    std::string_view head_;

    // Resync
    std::uint64_t resyncBudget_ = 0;
    bool atLineStart_ = false;
    bool resumeAtLineStart_ = true; // where resync() will resume (after the last event) is a line start

    BodyDecoder decoder_;
    MessageProgress progress_;
};

} // namespace hs::http
