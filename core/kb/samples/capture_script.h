// SPDX-License-Identifier: MIT
// The capture part of the knowledge base's sample language: a few lines that describe connections
// and the transactions on them, turned into the same CaptureData a pcap reader produces. Knowledge
// base entries use it for their `matches` / `non_matches` samples, and detector tests use it to build
// precise situations without binary fixtures. Grammar (one statement per line, '#' starts a comment):
//
//   source NAME [format=pcap|pcapng|har|saz] [skew=SECONDS]
//   conn CLIENT:PORT -> SERVER:PORT at=ISO-8601 [midstream]
//   tx METHOD TARGET VERSION [key=value | flag]...
//   fin|rst client|server SECONDS
//
// Times after `at=` are seconds relative to the connection's start. `skew` makes the source's clock
// run that many seconds ahead of the logs (recorded time = true time + skew). See resources/kb/README.md.
#pragma once

#include "model/connection.h"
#include "model/format_id.h"
#include "model/source.h"
#include "model/string_pool.h"
#include "model/time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hs::kb {

struct ScriptInterim {
    std::uint16_t status = 100;
    double at = 0;
};

struct ScriptTransaction {
    std::size_t line = 0; // statement index (0-based) for error messages
    std::string method, target, version;
    std::optional<double> at, head, bodyFirst, bodyLast;
    std::int64_t contentLength = -1;
    bool chunked = false;
    bool incomplete = false;
    std::string expect, userAgent, host, connection, transferEncoding, via;
    std::uint64_t headerBytes = 0;
    std::vector<ScriptInterim> interims;
    std::uint16_t status = 0; // 0 = no final response
    double statusAt = 0;
    std::optional<double> responseEnd;
    std::string server, responseConnection, responseVia, reason;
    std::int64_t responseLength = -1;
    bool responseChunked = false;
    std::uint32_t repeat = 1;
    double every = 0;
};

struct ScriptEvent {
    bool rst = false;
    Peer by = Peer::None;
    double at = 0;
};

struct ScriptConnection {
    std::string client, server; // "ip:port" as written
    std::string at;             // ISO-8601
    bool midstream = false;
    std::vector<ScriptTransaction> transactions;
    std::vector<ScriptEvent> events;
};

struct ScriptSource {
    std::string name = "capture.pcapng";
    FormatId format = FormatId::Pcapng;
    double skew = 0;
    std::vector<ScriptConnection> connections;
};

struct CaptureScript {
    std::vector<ScriptSource> sources;
};

struct ScriptError {
    std::size_t line = 0; // 0-based statement index
    std::string message;
};

// Parses the statements; nullopt and `error` set on the first mistake. Never throws.
std::optional<CaptureScript> parseCaptureScript(const std::vector<std::string> &lines, ScriptError &error);

// Builds one source's CaptureData (connections ordered by start, transactions contiguous per
// connection, frames numbered in time order, connection end state derived from the transactions).
// Fails (nullopt + error) only for values that cannot be resolved, e.g. an invalid address or time.
std::optional<CaptureData> buildCaptureData(const ScriptSource &source, StringPool &strings, ScriptError &error);

} // namespace hs::kb
