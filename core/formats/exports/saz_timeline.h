// SPDX-License-Identifier: MIT
// When each part of a SAZ session went over the wire, from Fiddler's session timers, and feeding its
// bytes to an HttpConversation with those times.
//
// The times are those of the server side of the proxy where Fiddler recorded them (FiddlerBeginRequest
// .. ServerGotRequest for the request, ServerBeginResponse .. ServerDoneResponse for the response): that
// is the exchange the server saw, and what its logs' time-taken measures. Sessions without them fall
// back to the client-side timers (ClientBeginRequest, GotRequestHeaders, ClientDoneRequest,
// ClientBeginResponse, ClientDoneResponse). Each later time is at least the earlier one.
#pragma once

#include "formats/exports/saz_session.h"

#include <string_view>

namespace hs {

class HttpConversation;

struct SazTimeline {
    TimeUs requestStart = kNoTime, requestHeadEnd = kNoTime, requestDone = kNoTime;
    TimeUs responseStart = kNoTime, responseHeadEnd = kNoTime, responseDone = kNoTime;
    TimeUs connected = kNoTime; // ServerConnected: the socket to the server (shared by reused sessions)

    TimeUs first() const noexcept;
    TimeUs last() const noexcept;
};

SazTimeline sazTimeline(const SazMetadata &m) noexcept;

// Feeds one session: the request head (its last byte at requestHeadEnd), the request body at
// requestDone, each interim 1xx response head and the final head at responseStart (the final head's
// last byte at responseHeadEnd), the response body at responseDone. `frame` is the session number.
void feedSazSession(HttpConversation &conversation, std::string_view request, std::string_view response,
                    const SazTimeline &times, std::uint64_t frame);

} // namespace hs
