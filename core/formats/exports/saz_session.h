// SPDX-License-Identifier: MIT
// The pieces of a Fiddler Session Archive (SAZ): a zip with raw/NN_c.txt (the request bytes as the
// client sent them), raw/NN_s.txt (the response bytes, interim 1xx responses included) and
// raw/NN_m.xml (session timers and flags).
#pragma once

#include "model/endpoint.h"
#include "model/time.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hs {

enum class SazPart : std::uint8_t { Request, Response, Metadata };

// "raw/01_c.txt" → session 1, Request. Accepts '\' separators and any case ("RAW\1_C.TXT").
bool parseSazMemberName(std::string_view path, std::uint64_t &session, SazPart &part) noexcept;

// Whether the first bytes of a zip (up to 64 KiB) name a raw/NN_c.txt member: walks the local file
// headers the way the archive was written, so no central directory (at the end) is needed.
bool zipHeadHasSazRequest(std::string_view head) noexcept;

// Fiddler's Session.BitFlags (FiddlerCore SessionFlags).
enum SazBitFlag : std::uint32_t {
    kSazIsHttps = 1u << 0,
    kSazClientPipeReused = 1u << 3,
    kSazServerPipeReused = 1u << 4,
    kSazResponseGeneratedByFiddler = 1u << 8,
    kSazIsBlindTunnel = 1u << 12,
    kSazIsDecryptingTunnel = 1u << 13,
};

// What raw/NN_m.xml says. Times are UTC (Fiddler writes local time with its offset; timers it never
// set are DateTime.MinValue, "0001-01-01T00:00:00", and come back as kNoTime).
struct SazMetadata {
    std::uint64_t sid = 0; // Fiddler's own session id (the "#" column), not the file number
    std::uint32_t bitFlags = 0;
    TimeUs clientConnected = kNoTime, clientBeginRequest = kNoTime, gotRequestHeaders = kNoTime,
           clientDoneRequest = kNoTime, serverConnected = kNoTime, fiddlerBeginRequest = kNoTime,
           serverGotRequest = kNoTime, serverBeginResponse = kNoTime, gotResponseHeaders = kNoTime,
           serverDoneResponse = kNoTime, clientBeginResponse = kNoTime, clientDoneResponse = kNoTime;
    Endpoint client;              // x-clientip : x-clientport
    IpAddress serverIp;           // x-hostip
    std::uint16_t egressPort = 0; // x-egressport: Fiddler's local port towards the server
    std::string process;          // x-processinfo without the pid ("msedge")
    std::vector<std::string> bad; // timers or flags that could not be read, for the problem list
    std::string xmlError;         // where the XML broke, empty when it parsed
};

SazMetadata parseSazMetadata(std::string_view xml);

// Offsets where a header block ends (one past its empty line) in raw message bytes; npos when the
// block never ends. Used only to give each part of a message the timer Fiddler recorded for it.
std::size_t headBlockEnd(std::string_view bytes, std::size_t from = 0) noexcept;

} // namespace hs
