// SPDX-License-Identifier: MIT
#include "capture/http/http_message_stream.h"

#include "capture/http/http_syntax.h"

#include <algorithm>
#include <cstring>

namespace hs::http {

namespace {

// A head buffer that grew past this is released after use, so a long-lived connection that once
// carried a huge head does not keep the memory.
constexpr std::size_t kKeepHeadBufferBytes = 64 * 1024;

} // namespace

StartClass MessageStream::classify(std::string_view bytes) const noexcept
{
    switch (state_) {
    case State::Start: {
        // First bytes of the stream: recognise HTTP by content (known methods only) or TLS.
        const StartClass tls = classifyTls(bytes);
        if (tls == StartClass::Tls)
            return tls;
        const StartClass c = requests_ ? classifyRequestStart(bytes, false) : classifyResponseStart(bytes);
        return c == StartClass::No && tls == StartClass::NeedMore ? StartClass::NeedMore : c;
    }
    case State::Idle:
        // Between messages of a stream known to be HTTP, extension methods are fine too.
        return requests_ ? classifyRequestStart(bytes, true) : classifyResponseStart(bytes);
    default:
        // Resynchronising, or deciding whether a withheld body was replaced by a request.
        return requests_ ? classifyRequestStart(bytes, false) : classifyResponseStart(bytes);
    }
}

StartClass MessageStream::classifyHeld(std::string_view &data, TimeUs time, std::uint64_t frame)
{
    if (held_.empty()) {
        const StartClass c = classify(data);
        if (c == StartClass::NeedMore) { // data is shorter than kClassifyBytes here
            held_.append(data, ArrivalMark{time, frame});
            data = {};
        }
        return c;
    }
    std::array<char, kClassifyBytes> joined;
    const std::size_t held = held_.size();
    const std::size_t take = std::min(data.size(), kClassifyBytes - held);
    std::memcpy(joined.data(), held_.view().data(), held);
    std::memcpy(joined.data() + held, data.data(), take);
    const StartClass c = classify(std::string_view(joined.data(), held + take));
    if (c == StartClass::NeedMore) { // then take == data.size()
        held_.append(data, ArrivalMark{time, frame});
        data = {};
    }
    return c;
}

void MessageStream::beginHead(TimeUs time, std::uint64_t frame)
{
    progress_ = MessageProgress{};
    progress_.startTime = held_.empty() ? time : held_.first().time;
    progress_.startFrame = held_.empty() ? frame : held_.first().frame;
    if (leadingSpace_)
        progress_.violations |= requests_ ? kViolationBadRequestLine : kViolationBadStatusLine;
    leadingSpace_ = false;
    maySkipBody_ = false;
    lfState_ = 0;
    firstLineDone_ = false;
    head_ = {};
    if (!held_.empty()) {
        headBuf_.assign(held_.view());
        buffering_ = true;
        held_.clear();
    } else {
        headBuf_.clear();
        buffering_ = false;
    }
    state_ = State::Head;
}

bool MessageStream::findHeadEnd(std::string_view view, std::size_t from, std::size_t &end)
{
    const char *const base = view.data();
    const char *p = base + from;
    const char *const stop = base + view.size();
    while (p < stop) {
        if (lfState_ == 0) {
            const auto *lf = static_cast<const char *>(std::memchr(p, '\n', static_cast<std::size_t>(stop - p)));
            if (!lf)
                return false;
            p = lf + 1;
            lfState_ = 1;
            if (!firstLineDone_) {
                firstLineDone_ = true;
                // An HTTP/0.9 simple request is its request line alone.
                if (requests_) {
                    std::string_view line(base, static_cast<std::size_t>(lf - base));
                    if (!requestLineHasVersion(line)) {
                        if (!line.empty() && line.back() == '\r')
                            line.remove_suffix(1);
                        if (parseRequestLine(line).simpleRequest) {
                            end = static_cast<std::size_t>(p - base);
                            return true;
                        }
                    }
                }
            }
            continue;
        }
        const char c = *p;
        if (c == '\n') {
            end = static_cast<std::size_t>(p + 1 - base);
            return true;
        }
        if (c == '\r' && lfState_ == 1) {
            lfState_ = 2;
            ++p;
            continue;
        }
        lfState_ = 0;
    }
    return false;
}

MessageStream::Event MessageStream::reportHead(std::string_view head, bool complete, TimeUs time, std::uint64_t frame)
{
    head_ = head;
    progress_.headerBytes = head.size();
    progress_.headComplete = complete;
    if (complete) {
        progress_.headEndTime = time;
        progress_.headEndFrame = frame;
    }
    ++messages_;
    state_ = State::AwaitHead;
    return Event::Head;
}

MessageStream::Event MessageStream::scanHead(std::string_view &data, TimeUs time, std::uint64_t frame)
{
    // A head longer than maxHeaderBytes is cut there, whatever the segmentation: the limit is on
    // the head, not on what one call happens to carry.
    const std::size_t max = limits_.maxHeaderBytes;
    std::size_t end = 0;
    if (!buffering_) {
        if (findHeadEnd(data.substr(0, max), 0, end)) {
            const std::string_view head = data.substr(0, end);
            data.remove_prefix(end);
            return reportHead(head, true, time, frame);
        }
        if (data.size() > max) {
            headBuf_.assign(data.substr(0, max));
            data.remove_prefix(max);
            progress_.violations |= kViolationHeadersTooLarge;
            resumeAtLineStart_ = headBuf_.back() == '\n';
            return reportHead(headBuf_, false, time, frame);
        }
        headBuf_.assign(data);
        buffering_ = true;
        data = {};
        return Event::NeedData;
    }
    const std::size_t old = headBuf_.size();
    const std::size_t take = std::min(data.size(), max > old ? max - old : 0);
    headBuf_.append(data.substr(0, take));
    if (findHeadEnd(headBuf_, old, end)) {
        data.remove_prefix(end - old);
        headBuf_.resize(end);
        return reportHead(headBuf_, true, time, frame);
    }
    data.remove_prefix(take);
    if (!data.empty()) { // the head already has `max` bytes and goes on
        progress_.violations |= kViolationHeadersTooLarge;
        resumeAtLineStart_ = !headBuf_.empty() && headBuf_.back() == '\n';
        return reportHead(headBuf_, false, time, frame);
    }
    return Event::NeedData;
}

void MessageStream::releaseHeadBuffer() noexcept
{
    head_ = {};
    buffering_ = false;
    if (headBuf_.capacity() > kKeepHeadBufferBytes)
        std::string().swap(headBuf_);
    else
        headBuf_.clear();
}

bool MessageStream::beginBody(const BodyPlan &plan, bool untilCloseOnChunkError)
{
    releaseHeadBuffer();
    untilCloseOnChunkError_ = untilCloseOnChunkError;
    decoder_.start(plan);
    switch (plan.kind) {
    case BodyKind::None:
        progress_.complete = true;
        state_ = State::Idle;
        return true;
    case BodyKind::Unknown:
        // A request whose length cannot be known: whatever follows is searched for the next request.
        progress_.complete = false;
        startResync();
        return true;
    default: state_ = State::Body; return false;
    }
}

void MessageStream::beginTunnel() noexcept
{
    releaseHeadBuffer();
    held_.clear();
    progress_.complete = progress_.headComplete; // a 101 or CONNECT 2xx is its head alone
    state_ = State::Tunnel;
}

void MessageStream::ignoreRest() noexcept
{
    releaseHeadBuffer();
    held_.clear();
    progress_.complete = progress_.headComplete; // an HTTP/0.9 request is its line alone
    state_ = State::Ignore;
}

void MessageStream::giveUp() noexcept
{
    releaseHeadBuffer();
    held_.clear();
    state_ = State::Abandoned;
}

void MessageStream::startResync() noexcept
{
    state_ = State::Resync;
    resyncBudget_ = limits_.resyncLookahead;
    atLineStart_ = true; // right after a gap, a rejected start or a broken body a message may begin
    held_.clear();
    maySkipBody_ = false;
    leadingSpace_ = false;
}

void MessageStream::resync() noexcept
{
    releaseHeadBuffer();
    // Bytes held at a rejected stream start (while a TLS header was still possible) may contain a
    // line end: the search resumes after the last one, keeping what follows it as a candidate.
    const std::size_t lastLf = held_.view().find_last_of('\n');
    const bool kept = lastLf != std::string_view::npos && lastLf != 0;
    const std::size_t held = held_.size();
    HeldBytes tail = std::move(held_);
    if (kept)
        tail.dropFront(lastLf + 1);
    else
        tail.clear();
    startResync();
    atLineStart_ = kept ? true : resumeAtLineStart_;
    held_ = std::move(tail);
    // The search starts at the rejected start, held bytes included: charge them, as an unsplit
    // stream would (held bytes never decide the outcome twice).
    resyncBudget_ -= std::min<std::uint64_t>(resyncBudget_, held);
}

void MessageStream::beginRawBody() noexcept
{
    progress_ = MessageProgress{};
    progress_.startTime = held_.first().time; // kNoTime when nothing is held: set by the next data
    progress_.startFrame = held_.first().frame;
    BodyPlan plan;
    plan.kind = BodyKind::UntilClose;
    decoder_.start(plan);
    untilCloseOnChunkError_ = false;
    maySkipBody_ = false;
    leadingSpace_ = false;
    ++messages_;
    state_ = State::Body;
    if (!held_.empty()) {
        countBody(held_.size(), held_.first(), held_.at(held_.size() - 1));
        held_.clear();
    }
}

void MessageStream::countBody(std::uint64_t n, ArrivalMark first, ArrivalMark last) noexcept
{
    if (n == 0)
        return;
    if (progress_.bodyBytes == 0) {
        progress_.bodyFirstTime = first.time;
        progress_.bodyFirstFrame = first.frame;
    }
    progress_.bodyLastTime = last.time;
    progress_.bodyLastFrame = last.frame;
    progress_.bodyBytes += n;
}

void MessageStream::takeHeldAsBody() noexcept
{
    if (held_.empty())
        return;
    const std::size_t n = decoder_.consume(held_.view());
    if (n != 0)
        countBody(n, held_.first(), held_.at(n - 1));
    held_.dropFront(n);
}

MessageStream::Event MessageStream::endBody(bool complete) noexcept
{
    progress_.complete = complete;
    progress_.chunks = decoder_.chunks();
    progress_.violations |= decoder_.violations();
    return Event::MessageEnd;
}

MessageStream::Event MessageStream::runBody(std::string_view &data, TimeUs time, std::uint64_t frame)
{
    if (progress_.startTime == kNoTime) { // a raw (status-less) body starts here
        progress_.startTime = time;
        progress_.startFrame = frame;
    }
    if (maySkipBody_) {
        if (progress_.bodyBytes != 0) {
            maySkipBody_ = false;
        } else {
            const StartClass c = classifyHeld(data, time, frame);
            if (c == StartClass::NeedMore)
                return Event::NeedData;
            maySkipBody_ = false;
            if (c == StartClass::Yes) {
                // The client sent its next request instead of the body: the body was withheld.
                state_ = State::Idle;
                return endBody(true);
            }
            takeHeldAsBody();
        }
    }
    for (;;) {
        if (!decoder_.done() && !decoder_.failed()) {
            const std::size_t n = decoder_.consume(data);
            countBody(n, time, frame);
            data.remove_prefix(n);
        }
        if (decoder_.done()) {
            state_ = State::Idle;
            return endBody(true);
        }
        if (decoder_.failed()) {
            if (untilCloseOnChunkError_) {
                // A response whose chunking broke: the rest until close is still its body.
                progress_.violations |= decoder_.violations();
                decoder_.continueUntilClose();
                continue;
            }
            const Event e = endBody(false);
            startResync();
            return e;
        }
        return Event::NeedData;
    }
}

bool MessageStream::runResync(std::string_view &data, TimeUs time, std::uint64_t frame)
{
    while (!data.empty()) {
        if (!held_.empty()) {
            const std::size_t arriving = data.size();
            const StartClass c = classifyHeld(data, time, frame);
            if (c == StartClass::NeedMore) { // held too: charged like scanned bytes
                resyncBudget_ -= std::min<std::uint64_t>(resyncBudget_, arriving);
                return false;
            }
            if (c == StartClass::Yes) {
                beginHead(time, frame);
                return true;
            }
            held_.clear();
            atLineStart_ = false;
        }
        if (resyncBudget_ == 0) {
            state_ = State::Lost;
            data = {};
            return false;
        }
        const auto window = static_cast<std::size_t>(std::min<std::uint64_t>(data.size(), resyncBudget_));
        std::size_t pos = 0;
        bool candidate = atLineStart_;
        for (;;) {
            if (candidate && pos < window) {
                const std::string_view rest = data.substr(pos);
                const StartClass c = classify(rest);
                if (c == StartClass::Yes) {
                    resyncBudget_ -= pos;
                    data.remove_prefix(pos);
                    beginHead(time, frame);
                    return true;
                }
                if (c == StartClass::NeedMore) { // a short tail: hold it until more arrives
                    held_.append(rest, ArrivalMark{time, frame});
                    resyncBudget_ -= std::min<std::uint64_t>(resyncBudget_, data.size());
                    data = {};
                    return false;
                }
            }
            if (pos >= window)
                break;
            const auto *lf = static_cast<const char *>(std::memchr(data.data() + pos, '\n', window - pos));
            if (!lf) {
                pos = window;
                candidate = false;
                break;
            }
            pos = static_cast<std::size_t>(lf - data.data()) + 1;
            candidate = true;
        }
        atLineStart_ = candidate;
        resyncBudget_ -= window;
        data.remove_prefix(window);
    }
    return false;
}

MessageStream::Event MessageStream::next(std::string_view &data, TimeUs time, std::uint64_t frame)
{
    if (!data.empty())
        sawData_ = true;
    for (;;) {
        switch (state_) {
        case State::Start:
        case State::Idle: {
            if (held_.empty()) {
                // Blank lines between messages are allowed (RFC 9112 §2.2); stray spaces tolerated.
                std::size_t i = 0;
                while (i < data.size()) {
                    const char c = data[i];
                    if (c == '\r' || c == '\n') {
                        ++i;
                    } else if (isSpaceOrTab(c)) {
                        leadingSpace_ = true;
                        ++i;
                    } else {
                        break;
                    }
                }
                data.remove_prefix(i);
            }
            if (data.empty())
                return Event::NeedData;
            const StartClass c = classifyHeld(data, time, frame);
            if (c == StartClass::NeedMore)
                return Event::NeedData;
            if (c == StartClass::Yes) {
                beginHead(time, frame);
                break;
            }
            if (c == StartClass::Tls) {
                giveUp();
                return Event::Tls;
            }
            // The rejected start is no candidate again, and what follows it is mid-line.
            resumeAtLineStart_ = false;
            state_ = State::AwaitStart;
            return Event::BadStart;
        }
        case State::Head: return scanHead(data, time, frame);
        case State::Body: {
            const Event e = runBody(data, time, frame);
            if (e != Event::NeedData)
                return e;
            if (data.empty())
                return e;
            break;
        }
        case State::Resync:
            if (!runResync(data, time, frame))
                return Event::NeedData;
            break;
        case State::AwaitHead:
        case State::AwaitStart:
            resync(); // the caller did not answer; never loop on the same bytes
            break;
        case State::Lost:
        case State::Abandoned:
        case State::Tunnel:
        case State::Ignore:
        case State::Ended: data = {}; return Event::NeedData;
        }
    }
}

MessageStream::Event MessageStream::gap(std::uint64_t length, TimeUs time, std::uint64_t frame)
{
    sawData_ = true;
    switch (state_) {
    case State::Start:
    case State::Idle:
    case State::Resync:
    case State::Lost:
    case State::AwaitStart: startResync(); return Event::NeedData;
    case State::Head:
        // Even a cut request line tells which request this was (the caller answers with resync).
        progress_.violations |= kViolationGapInMessage;
        resumeAtLineStart_ = true; // right after the gap
        return reportHead(headBuf_, false, time, frame);
    case State::AwaitHead: resync(); return Event::NeedData;
    case State::Body:
        if (maySkipBody_) { // held bytes before the gap were body bytes
            takeHeldAsBody();
            held_.clear();
        }
        maySkipBody_ = false;
        progress_.violations |= kViolationGapInMessage;
        if (!decoder_.done() && !decoder_.failed() && decoder_.skipGap(length)) {
            countBody(length, time, frame);
            if (decoder_.done()) {
                state_ = State::Idle;
                return endBody(true);
            }
            return Event::NeedData;
        }
        {
            const Event e = endBody(false);
            startResync();
            return e;
        }
    case State::Abandoned:
    case State::Tunnel:
    case State::Ignore:
    case State::Ended: return Event::NeedData;
    }
    return Event::NeedData;
}

MessageStream::Event MessageStream::close(bool orderly)
{
    switch (state_) {
    case State::Head: progress_.violations |= kViolationTruncated; return reportHead(headBuf_, false, kNoTime, 0);
    case State::Body: {
        if (maySkipBody_)
            takeHeldAsBody();
        held_.clear();
        const bool complete = decoder_.done() || (decoder_.untilClose() && orderly);
        if (!complete)
            progress_.violations |= kViolationTruncated;
        state_ = State::Ended;
        return endBody(complete);
    }
    default:
        releaseHeadBuffer();
        held_.clear();
        state_ = State::Ended;
        return Event::NeedData;
    }
}

} // namespace hs::http
