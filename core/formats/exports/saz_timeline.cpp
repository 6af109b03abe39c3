// SPDX-License-Identifier: MIT
#include "formats/exports/saz_timeline.h"

#include "capture/http/http_conversation.h"

#include <algorithm>
#include <initializer_list>

namespace hs {
namespace {

TimeUs firstKnown(std::initializer_list<TimeUs> times) noexcept
{
    for (const TimeUs t : times)
        if (t != kNoTime)
            return t;
    return kNoTime;
}

// Keeps a chain of times from running backwards (Fiddler rounds some timers to the same tick and
// leaves others unset).
TimeUs notBefore(TimeUs t, TimeUs floor) noexcept
{
    if (t == kNoTime)
        return floor;
    return floor != kNoTime && t < floor ? floor : t;
}

// "HTTP/1.1 100 Continue": an interim head (101 Switching Protocols is final).
bool isInterimHead(std::string_view head) noexcept
{
    if (head.size() < 12 || head.substr(0, 5) != "HTTP/")
        return false;
    const std::size_t space = head.find(' ');
    if (space == std::string_view::npos || space + 4 > head.size())
        return false;
    const std::string_view code = head.substr(space + 1, 3);
    return code[0] == '1' && code[1] >= '0' && code[1] <= '9' && code[2] >= '0' && code[2] <= '9' && code != "101";
}

void feedHead(HttpConversation &c, Dir dir, std::string_view head, TimeUs start, TimeUs end, std::uint64_t frame)
{
    // The parser takes the time of the call that completes a head as the head's end time.
    if (head.size() > 1)
        c.onData(dir, head.substr(0, head.size() - 1), start, frame);
    c.onData(dir, head.substr(head.size() - 1), end, frame);
}

} // namespace

TimeUs SazTimeline::first() const noexcept
{
    TimeUs t = firstKnown({requestStart, requestHeadEnd, requestDone, responseStart, responseHeadEnd, responseDone});
    if (connected != kNoTime && (t == kNoTime || connected < t))
        t = connected;
    return t;
}

TimeUs SazTimeline::last() const noexcept
{
    return firstKnown({responseDone, responseHeadEnd, responseStart, requestDone, requestHeadEnd, requestStart});
}

SazTimeline sazTimeline(const SazMetadata &m) noexcept
{
    SazTimeline t;
    const bool serverSide = m.fiddlerBeginRequest != kNoTime || m.serverGotRequest != kNoTime;
    if (serverSide) {
        // Fiddler writes a request to the server in one go: head and body leave together.
        t.requestStart = firstKnown({m.fiddlerBeginRequest, m.serverGotRequest});
        t.requestHeadEnd = t.requestStart;
        t.requestDone = notBefore(m.serverGotRequest, t.requestStart);
    } else {
        t.requestStart = firstKnown({m.clientBeginRequest, m.gotRequestHeaders, m.clientDoneRequest});
        t.requestHeadEnd = notBefore(m.gotRequestHeaders, t.requestStart);
        t.requestDone = notBefore(m.clientDoneRequest, t.requestHeadEnd);
    }
    t.responseStart =
        notBefore(firstKnown({m.serverBeginResponse, m.gotResponseHeaders, m.clientBeginResponse}), t.requestStart);
    t.responseHeadEnd = notBefore(m.gotResponseHeaders, t.responseStart);
    t.responseDone = notBefore(firstKnown({m.serverDoneResponse, m.clientDoneResponse}), t.responseHeadEnd);
    t.connected = m.serverConnected;
    return t;
}

void feedSazSession(HttpConversation &c, std::string_view request, std::string_view response, const SazTimeline &t,
                    std::uint64_t frame)
{
    if (!request.empty()) {
        const std::size_t end = headBlockEnd(request);
        if (end == std::string_view::npos) {
            c.onData(kToServer, request, t.requestStart, frame); // a head that never ends
        } else {
            feedHead(c, kToServer, request.substr(0, end), t.requestStart, t.requestHeadEnd, frame);
            if (end < request.size())
                c.onData(kToServer, request.substr(end), t.requestDone, frame);
        }
    }
    std::size_t pos = 0;
    while (pos < response.size()) {
        const std::size_t end = headBlockEnd(response, pos);
        if (end == std::string_view::npos) {
            c.onData(kToClient, response.substr(pos), t.responseStart, frame);
            return;
        }
        const std::string_view head = response.substr(pos, end - pos);
        if (isInterimHead(head)) {
            c.onData(kToClient, head, t.responseStart, frame);
            pos = end;
            continue;
        }
        feedHead(c, kToClient, head, t.responseStart, t.responseHeadEnd, frame);
        if (end < response.size())
            c.onData(kToClient, response.substr(end), t.responseDone, frame);
        return;
    }
}

} // namespace hs
