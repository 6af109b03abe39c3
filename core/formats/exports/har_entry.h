// SPDX-License-Identifier: MIT
// One HAR 1.2 entry (a QJsonObject) to one Transaction, plus what groups it into a connection.
//
// Timings follow the HAR 1.2 definitions: startedDateTime is when the request was issued; blocked,
// dns and connect (ssl is included in connect) come before the first request byte; then send, wait
// (to the first response byte) and receive. -1 means "does not apply".
#pragma once

#include "formats/exports/url_parts.h"
#include "model/ip_address.h"
#include "model/problem.h"
#include "model/string_pool.h"
#include "model/time.h"
#include "model/transaction.h"

#include <QJsonObject>

#include <cstdint>
#include <set>
#include <string>

namespace hs {

// Where an entry sits in the file, for its problems and its transaction's frame numbers.
struct HarEntryLocation {
    std::uint64_t number = 0; // 1-based entry number (the export's "frame")
    std::uint64_t offset = 0; // byte offset of the entry's '{' in the file
    std::uint64_t line = 0;   // 1-based line of that byte
};

struct HarEntry {
    Transaction tx;
    // Connection grouping: (server address, server port, HAR "connection" id).
    IpAddress serverIp;
    std::uint16_t serverPort = 0;
    std::string connectionId; // as written; empty when the entry names none
    std::uint64_t numericConnectionId = 0;
    bool upgraded = false; // 101 Switching Protocols (WebSocket)
    TimeUs firstTime = kNoTime, lastTime = kNoTime;
    bool failed = false; // status 0: no response (blocked, aborted, network error)
};

class HarEntryConverter {
public:
    HarEntryConverter(InternCache &strings, std::string &headArena, std::size_t headArenaBudget,
                      const std::set<std::string> &pageIds);

    // Fills `out` and returns true when the entry becomes a transaction (it has a request object);
    // every missing or mistyped field is a problem located at the entry.
    bool convert(const QJsonObject &entry, const HarEntryLocation &where, HarEntry &out, ProblemList &problems);

private:
    void keepHead(std::string_view head, std::uint64_t &offset, std::uint32_t &size);

    InternCache &strings_;
    std::string &headArena_;
    std::size_t headArenaBudget_;
    const std::set<std::string> &pageIds_;
};

} // namespace hs
