// SPDX-License-Identifier: MIT
// Orders an export's transactions into connections the way CaptureData's contract asks: connections
// by first time, each connection's transactions contiguous and in request order.
#pragma once

#include "model/connection.h"
#include "model/source.h"
#include "model/transaction.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hs {

// One transaction of an export with what decides its connection.
struct ExportItem {
    Transaction tx;
    Endpoint client; // invalid when the export does not name it (HAR)
    Endpoint server; // address may be invalid (HAR entry without serverIPAddress)
    // Items with the same non-empty group key and endpoints share a connection; an empty key gives
    // the item a connection of its own.
    std::string groupKey;
    std::uint64_t numericId = 0; // Connection::harConnection
    bool upgraded = false;
    TimeUs firstTime = kNoTime, lastTime = kNoTime;
    std::uint64_t number = 0; // entry / session number, the tie-breaker
};

// Appends the connections and transactions to `out` (whose vectors must be empty).
void buildExportConnections(std::vector<ExportItem> &&items, CaptureData &out);

} // namespace hs
