// SPDX-License-Identifier: MIT
// One input file (or archive member) after reading: its bytes, what it was recognised as, what it
// held, and every problem met while reading it.
#pragma once

#include "io/byte_buffer.h"
#include "model/connection.h"
#include "model/format_id.h"
#include "model/ids.h"
#include "model/line_index.h"
#include "model/problem.h"
#include "model/records.h"
#include "model/status_counts.h"
#include "model/time.h"
#include "model/transaction.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hs {

// The field names a W3C/HTTPERR "#Fields:" directive declared (or that were assumed).
struct FieldLayout {
    std::vector<std::string> fields;
    std::uint64_t line = 0; // where it was declared; 0 when assumed
    bool assumed = false;   // no #Fields: a known default set was assumed
};

// How a log's timestamps relate to UTC.
enum class TimeBasis : std::uint8_t {
    Utc,          // W3C, HTTPERR: always UTC
    LocalUnknown, // IIS native format: server-local time, offset unknown (treated as UTC)
    LocalGiven,   // server-local time converted with the user's --local-offset
    InLine,       // NCSA: each line carries its own offset
};

struct LogData {
    std::vector<FieldLayout> layouts;
    LineIndex lines;
    RecordStore<AccessRecord> access;            // W3C, IIS native, NCSA
    RecordStore<HttpErrRecord> httpErr;          // HTTPERR
    std::vector<HttpErrContext> httpErrContexts; // HttpErrRecord::context indexes this
    std::string software;                        // last #Software directive
    std::string siteName;                        // s-sitename of the first record, else the W3SVC<n> folder
    TimeBasis timeBasis = TimeBasis::Utc;
    int localOffsetMinutes = 0;   // applied when timeBasis == LocalGiven
    std::uint64_t totalLines = 0; // every line, including directives and blanks
    std::uint64_t dataLines = 0;  // records + rejected
    std::uint64_t directiveLines = 0;
    std::uint64_t blankLines = 0;
    std::vector<std::uint32_t> rejectedLines; // all of them, for the GUI's problem list
    // Records per sc-status, counted by the text readers while each chunk's rows were still in
    // cache; empty when the records came from elsewhere (the summaries then count them).
    std::unique_ptr<StatusCounts> statusCounts;

    const HttpErrContext &context(const HttpErrRecord &r) const noexcept { return httpErrContexts[r.context]; }
};

struct CaptureData {
    std::uint64_t packets = 0; // frames (pcap/pcapng) or entries/sessions (HAR/SAZ)
    std::uint64_t nonHttpConnections = 0;
    std::uint64_t tlsConnections = 0;
    std::uint64_t httpRequests = 0;
    std::uint64_t httpResponses = 0;   // final responses
    std::uint64_t httpInterim = 0;     // 1xx responses
    std::uint64_t undecodedFrames = 0; // not Ethernet/IP/TCP, fragments never completed, …
    std::vector<std::uint32_t> linkTypes;
    std::string application; // HAR creator / SAZ client, for the sources panel
    // Reader output; moved into the Analysis (ids rebased) once all sources are read. Contract for
    // readers: Transaction::connection is an index into `connections`; each connection's
    // transactions are contiguous and Connection::firstTransaction is an index into `transactions`;
    // connections are ordered by first packet time.
    std::vector<Connection> connections;
    std::vector<Transaction> transactions;
    // Raw request/response header blocks, referenced by Transaction::*HeadOffset.
    std::string headArena;
    // Index ranges into Analysis::connections / transactions after the merge.
    std::uint32_t firstConnection = 0, connectionCount = 0;
    std::uint32_t firstTransaction = 0, transactionCount = 0;
};

class Source {
public:
    SourceId id;
    std::string path;               // relative to the dropped folder, or the file name (JSON "path")
    std::filesystem::path filePath; // the file on disk (for archive members: the archive)
    std::string memberPath;         // path inside the archive, empty for plain files
    std::string compression;        // "", "gzip"
    FormatId format = FormatId::Unknown;
    std::string formatVariant;  // e.g. "pcapng (2 sections)", "HTTPERR with streamid"
    std::uint64_t fileSize = 0; // on disk / compressed
    ByteBuffer bytes;           // what the reader parsed (decompressed if needed)
    ProblemList problems;
    std::uint64_t records = 0;  // records (logs) or transactions (captures/exports)
    std::uint64_t rejected = 0; // rejected data lines (logs)
    TimeUs first = kNoTime, last = kNoTime;
    TimeUs clockOffset = 0; // added to this source's times to align it with the logs
    bool clockOffsetApplied = false;
    bool readCompleted = false; // false if stopped/cancelled or a fatal error cut it short

    std::unique_ptr<LogData> log;
    std::unique_ptr<CaptureData> capture;

    SourceKind kind() const noexcept { return sourceKind(format); }
    std::string_view rawLine(std::uint64_t line) const noexcept
    {
        return log ? log->lines.line(bytes.view(), line) : std::string_view{};
    }
    void widenTimeRange(TimeUs t) noexcept { hs::widenTimeRange(first, last, t); }
};

} // namespace hs
