// SPDX-License-Identifier: MIT
// The reader interface every format implements (STYLE practice 2): a content sniffer with a
// tri-state answer, and a reader that fills a Source. Readers are stateless and shared by threads.
#pragma once

#include "model/format_id.h"
#include "model/source.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hs {

class CancelToken;
class Progress;
class StringPool;
class TaskPool;

enum class SniffKind : std::uint8_t {
    Magic,     // decided by magic bytes (pcap, pcapng): tried first
    Heuristic, // decided by directives/shape (logs, HAR): tried after all magic readers
};

enum class SniffVerdict : std::uint8_t { Mine, NotMine, Error };

struct SniffResult {
    SniffVerdict verdict = SniffVerdict::NotMine;
    int score = 0;      // comparable across heuristic readers: 100 = certain (directive), 50 = shape
    std::string reason; // why (not) — shown for unrecognised files

    static SniffResult mine(int score, std::string why = {}) { return {SniffVerdict::Mine, score, std::move(why)}; }
    static SniffResult notMine(std::string why) { return {SniffVerdict::NotMine, 0, std::move(why)}; }
    static SniffResult error(std::string why) { return {SniffVerdict::Error, 0, std::move(why)}; }
};

struct SniffInput {
    std::string_view head;     // the first bytes (up to 64 KiB), decompressed when gzip'ed
    std::string_view fileName; // the base name, for tie-breaking by extension only
    std::uint64_t size = 0;
};

struct ReadOptions {
    // Offset of server-local time for formats that log local time (IIS native). nullopt: unknown.
    std::optional<int> localOffsetMinutes;
    std::size_t chunkBytes = 16u << 20;      // unit of parallel work inside a big file
    std::size_t headArenaBudget = 64u << 20; // raw HTTP heads kept per capture for display
};

struct ReadContext {
    Source &source;
    StringPool &strings;
    const CancelToken &cancel;
    Progress &progress;
    TaskPool &pool;
    const ReadOptions &options;
};

class FormatReader {
public:
    virtual ~FormatReader() = default;
    virtual FormatId id() const = 0;
    virtual SniffKind sniffKind() const = 0;
    virtual std::vector<std::string_view> extensions() const = 0; // lower case, without dot
    virtual std::string_view recognisedBy() const = 0;            // for `httpsleuth-cli formats`
    virtual SniffResult sniff(const SniffInput &input) const = 0;
    // Fills ctx.source (records, problems, counts, time range). Must not throw for bad input:
    // problems go into ctx.source.problems. Checks ctx.cancel between chunks.
    virtual void read(ReadContext &ctx) const = 0;
};

} // namespace hs
