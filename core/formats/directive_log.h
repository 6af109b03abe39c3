// SPDX-License-Identifier: MIT
// Shared machinery for the "#directive + space-separated fields" logs (W3C extended, HTTPERR):
//  1. a prescan cuts the file at line ends into ranges, in parallel, and in each finds the
//     directive lines ('#' at a line start) and counts the lines;
//  2. chunks are runs of those ranges; each starts with the #Fields/#Date state in force at its
//     first byte and knows how many lines precede it, so chunks parse independently and in
//     parallel, numbering lines from the file's start;
//  3. chunk outputs are joined in file order.
// Logs without directives (NCSA, IIS log format) take the same path with scanLines.
#pragma once

#include "formats/format_reader.h"
#include "formats/line_splitter.h"
#include "formats/timestamp_cache.h"
#include "io/page_advice.h"
#include "model/force_inline.h"
#include "model/line_index.h"
#include "model/problem.h"
#include "model/source.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"
#include "tasks/task_pool.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hs {

struct DirectiveEntry {
    enum class Kind : std::uint8_t { Fields, Date, Software, Version, GmtOffset, Other };
    std::uint64_t offset = 0;
    Kind kind = Kind::Other;
    std::string_view value; // text after "#Name:", trimmed
    int layoutIndex = -1;   // for Fields: index into DirectiveScan::layouts
};

// A piece of the content that ends at a line end (or the file's end), and how many lines it holds.
struct LineRange {
    std::uint64_t begin = 0, end = 0;
    std::uint64_t lines = 0;
};

struct DirectiveScan {
    std::vector<DirectiveEntry> entries; // file order
    std::vector<FieldLayout> layouts;    // one per #Fields directive, file order
    std::size_t contentStart = 0;        // after a UTF-8 byte order mark
    // [contentStart, size) in the pieces the scan read, with their line counts: the scan counts the
    // line feeds while the bytes are in cache, and chunks are cut along these pieces, so no chunk
    // reads its bytes once more only to count its lines.
    std::vector<LineRange> ranges;
};

// Reads the content in pieces of about partBytes ending at line ends, on the pool's threads when
// there is a pool (the same result as one thread; tests pass tiny parts). Readers pass their chunk
// size, so that each chunk is one piece.
DirectiveScan scanDirectives(std::string_view bytes, TaskPool *pool = nullptr, std::size_t partBytes = 16u << 20);
// The same cut for a log without directives (NCSA, IIS log format): content start and line counts
// only; a '#' line is data there.
DirectiveScan scanLines(std::string_view bytes, TaskPool *pool, std::size_t partBytes);
// Splits a #Fields value into names (runs of spaces/tabs separate; a trailing space is ignored).
std::vector<std::string> splitFieldNames(std::string_view value);

struct ChunkState {
    int layout = -1;            // layout in force at the chunk start; -1 = none yet
    std::string_view date;      // last #Date value before the chunk
    std::string_view gmtOffset; // last #GMT-Offset value (Oracle Web Cache writes local times)
};

struct ChunkRange {
    std::uint64_t begin = 0, end = 0;
    ChunkState state;
    std::uint64_t lines = 0;
};

// Cuts the scan's content into runs of its ranges of at least chunkBytes (and 4 KiB) each, but the
// last; each chunk starts with the directive state in force there.
std::vector<ChunkRange> planChunks(const DirectiveScan &scan, std::size_t chunkBytes);

// Everything one chunk produced. Line numbers count from the file's first line (1-based).
template <typename Row>
struct ChunkOutput {
    std::vector<Row> rows;
    LineIndex::Chunk lineIndex;
    ProblemList problems;
    std::vector<std::uint32_t> rejectedLines;
    StatusCounts statuses; // of `rows`
    std::uint64_t lines = 0, dataLines = 0, directiveLines = 0, blankLines = 0, rejected = 0;
    TimeUs first = kNoTime, last = kNoTime;
    bool lastLineUnterminated = false;

    void widen(TimeUs t) noexcept { widenTimeRange(first, last, t); }
    void reject(std::uint64_t line, std::string category, std::string message)
    {
        ++rejected;
        rejectedLines.push_back(static_cast<std::uint32_t>(line));
        problems.add(
            Problem{line, Problem::kNoOffset, 0, ProblemLevel::Warning, std::move(category), std::move(message)});
    }
    void note(std::uint64_t line, std::string category, std::string message)
    {
        problems.add(Problem{line, Problem::kNoOffset, 0, ProblemLevel::Note, std::move(category), std::move(message)});
    }
};

// The date and time fields of W3C and HTTPERR lines, read through `cache`; a malformed value
// rejects the line (false). Forced inline: the readers' fixed-order field readers must shrink to
// straight-line code, and as calls these cost the W3C reader 6 % more instructions.
template <typename Row>
HS_FORCE_INLINE bool readDateField(TimestampCache &cache, std::string_view v, std::uint64_t lineNo,
                                   ChunkOutput<Row> &out, std::optional<std::int64_t> &days)
{
    days = cache.date(v);
    if (days) [[likely]]
        return true;
    out.reject(lineNo, "bad-time", "malformed date '" + std::string(v.substr(0, 40)) + "' (expected yyyy-mm-dd)");
    return false;
}
template <typename Row>
HS_FORCE_INLINE bool readTimeField(TimestampCache &cache, std::string_view v, std::uint64_t lineNo,
                                   ChunkOutput<Row> &out, std::optional<text::TimeOfDay> &tod)
{
    tod = cache.time(v);
    if (tod) [[likely]]
        return true;
    out.reject(lineNo, "bad-time", "malformed time '" + std::string(v.substr(0, 40)) + "' (expected hh:mm:ss)");
    return false;
}

// Calls onLine(line, offset, lineNo) for every line in [begin, end) — line without its terminator
// (CRLF or LF), lineNo counting from linesBefore + 1 — and records line-index checkpoints, calling
// onCheckpoint() at each (every LineIndex::kStride lines).
template <typename OnLine, typename OnCheckpoint>
std::uint64_t walkLines(std::string_view bytes, std::uint64_t begin, std::uint64_t end, std::uint64_t linesBefore,
                        LineIndex::Chunk &index, bool &unterminated, OnLine &&onLine, OnCheckpoint &&onCheckpoint)
{
    const char *base = bytes.data();
    std::uint64_t pos = begin;
    std::uint64_t lineNo = 0; // in this range
    unterminated = false;
    while (pos < end) {
        const void *nl = std::memchr(base + pos, '\n', end - pos);
        std::uint64_t lineEnd = nl ? static_cast<std::uint64_t>(static_cast<const char *>(nl) - base) : end;
        const std::uint64_t next = nl ? lineEnd + 1 : end;
        if (!nl)
            unterminated = true;
        if (lineEnd > pos && base[lineEnd - 1] == '\r')
            --lineEnd;
        if (lineNo % LineIndex::kStride == 0) {
            index.checkpoints.push_back(pos);
            onCheckpoint();
        }
        ++lineNo;
        onLine(std::string_view(base + pos, lineEnd - pos), pos, linesBefore + lineNo);
        pos = next;
    }
    return lineNo;
}

// How many field slots a parser of space-separated lines needs: one for every field of the widest
// declared set plus one (a trailing space), so each field of a line that fits its layout has one;
// at least `minimum`; plus LineSplitter::kSpareSlots.
template <typename Layout>
std::size_t fieldSlotsFor(const std::vector<Layout> &layouts, std::size_t minimum)
{
    std::size_t widest = 0;
    for (const Layout &l : layouts)
        widest = std::max(widest, l.kinds.size());
    return std::max(minimum, widest + 1) + LineSplitter::kSpareSlots;
}

// walkLines for parsers of space-separated lines: one pass finds the line ends and the fields
// (LineSplitter). The parser's fieldSlots() receive each line's fields before
// onSplitLine(line, lineNo) is called; onCheckpoint() as for walkLines.
template <typename Parser, typename OnCheckpoint>
void splitLines(std::string_view bytes, std::uint64_t begin, std::uint64_t end, std::uint64_t linesBefore,
                LineIndex::Chunk &index, bool &unterminated, Parser &parser, OnCheckpoint &&onCheckpoint)
{
    const std::span<std::string_view> slots = parser.fieldSlots();
    LineSplitter splitter(bytes, begin, end);
    SplitLine line;
    std::uint64_t lineNo = 0; // in this range
    unterminated = false;
    while (splitter.next(line, slots.data(), slots.size())) {
        if (lineNo % LineIndex::kStride == 0) {
            index.checkpoints.push_back(line.offset);
            onCheckpoint();
        }
        ++lineNo;
        unterminated = !line.terminated;
        parser.onSplitLine(line, linesBefore + lineNo);
    }
}

// Joins chunk outputs (numbered from the file's start) into the source, in order.
template <typename Row>
void joinChunks(Source &source, std::vector<ChunkOutput<Row>> &chunks, RecordStore<Row> &store)
{
    LogData &log = *source.log;
    log.statusCounts = std::make_unique<StatusCounts>();
    std::uint64_t base = 0;
    for (auto &c : chunks) {
        log.statusCounts->merge(c.statuses);
        log.rejectedLines.insert(log.rejectedLines.end(), c.rejectedLines.begin(), c.rejectedLines.end());
        source.problems.merge(std::move(c.problems));
        log.lines.addChunk(LineIndex::Chunk{base + 1, std::move(c.lineIndex.checkpoints)});
        log.totalLines += c.lines;
        log.dataLines += c.dataLines;
        log.directiveLines += c.directiveLines;
        log.blankLines += c.blankLines;
        source.rejected += c.rejected;
        source.records += c.rows.size();
        source.widenTimeRange(c.first);
        source.widenTimeRange(c.last);
        store.appendSegment(std::move(c.rows));
        base += c.lines;
    }
}

// Per-file notes that would be noise per line ("1,234 lines were read with an assumed field set"):
// parsers tally them per (category, message) with the first line and a count; runChunks turns each
// tally into one Problem.
struct NoteTally {
    struct Entry {
        std::uint64_t firstLine = 0;
        std::uint64_t count = 0;
    };
    std::map<std::pair<std::string, std::string>, Entry> entries;

    void add(std::string_view category, std::string_view message, std::uint64_t line)
    {
        Entry &e = entries[{std::string(category), std::string(message)}];
        if (e.count++ == 0)
            e.firstLine = line;
    }
};

// Runs one parser per chunk on the pool and joins the outputs into `store`. makeParser(out, state)
// returns an object with onLine(line, offset, lineNo) or fieldSlots() and onSplitLine(line, lineNo)
// (see splitLines), a `tally` member (NoteTally) and optionally
// finish(), called after the chunk's last line. A stop
// request keeps the chunks finished before the first skipped one. Adds the notes every text log
// shares (tallied notes, missing final newline, stopped early).
template <typename Row, typename MakeParser>
void runChunks(ReadContext &ctx, const DirectiveScan &scan, std::size_t chunkBytes, RecordStore<Row> &store,
               MakeParser &&makeParser)
{
    Source &src = ctx.source;
    LogData &log = *src.log;
    const std::string_view bytes = src.bytes.view();
    const std::vector<ChunkRange> chunks = planChunks(scan, chunkBytes);
    // Each chunk knows its line count from the scan: chunks number their lines from the file's
    // start, and no serial pass over every joined record adds a base afterwards. The counts also
    // size each chunk's record vector.
    std::vector<std::uint64_t> linesBefore(chunks.size() + 1, 0);
    for (std::size_t i = 0; i < chunks.size(); ++i)
        linesBefore[i + 1] = linesBefore[i] + chunks[i].lines;
    std::vector<ChunkOutput<Row>> outputs(chunks.size());
    std::vector<NoteTally> tallies(chunks.size());
    std::vector<std::uint8_t> done(chunks.size(), 0);
    {
        TaskGroup group(ctx.pool);
        for (std::size_t i = 0; i < chunks.size(); ++i) {
            group.run([&, i] {
                if (ctx.cancel.stopRequested())
                    return;
                const ChunkRange &c = chunks[i];
                ChunkOutput<Row> &out = outputs[i];
                // Upper bound (every line a record): the vector never doubles past its final size.
                out.rows.reserve(linesBefore[i + 1] - linesBefore[i]);
                auto parser = makeParser(out, c.state);
                WritePrefaulter prefaulter;
                const auto prefault = [&] {
                    prefaulter.advance(out.rows.data(), out.rows.size() * sizeof(Row),
                                       out.rows.capacity() * sizeof(Row));
                };
                bool unterminated = false;
                if constexpr (requires { parser.fieldSlots(); })
                    splitLines(bytes, c.begin, c.end, linesBefore[i], out.lineIndex, unterminated, parser, prefault);
                else
                    walkLines(
                        bytes, c.begin, c.end, linesBefore[i], out.lineIndex, unterminated,
                        [&](std::string_view line, std::uint64_t offset, std::uint64_t n) {
                            parser.onLine(line, offset, n);
                        },
                        prefault);
                if constexpr (requires { parser.finish(); })
                    parser.finish(); // e.g. ids still queued for a batch (DeferredIds)
                // Here, while the rows are fresh in cache and on the pool, rather than in a
                // single-threaded pass over every record of the file in the summaries.
                for (const Row &row : out.rows)
                    out.statuses.add(row.status);
                out.lastLineUnterminated = unterminated;
                tallies[i] = std::move(parser.tally);
                ctx.progress.addBytes(c.end - c.begin);
                done[i] = 1;
            });
        }
        group.wait();
    }
    std::size_t completed = 0;
    while (completed < chunks.size() && done[completed])
        ++completed;
    outputs.resize(completed);
    const bool unterminated = completed == chunks.size() && completed > 0 && outputs.back().lastLineUnterminated;
    joinChunks(src, outputs, store);
    src.readCompleted = completed == chunks.size();

    NoteTally total;
    for (std::size_t i = 0; i < completed; ++i)
        for (const auto &[key, e] : tallies[i].entries) {
            NoteTally::Entry &t = total.entries[key];
            if (t.count == 0)
                t.firstLine = e.firstLine;
            t.count += e.count;
        }
    for (const auto &[key, e] : total.entries)
        src.problems.add(Problem{e.firstLine, Problem::kNoOffset, 0, ProblemLevel::Note, key.first,
                                 std::to_string(e.count) + " line(s) " + key.second});
    if (unterminated)
        src.problems.add(Problem{log.totalLines, Problem::kNoOffset, 0, ProblemLevel::Note, "no-final-newline",
                                 "the last line has no line terminator (the file may still have been written to)"});
    if (!src.readCompleted)
        src.problems.add(Problem{0, Problem::kNoOffset, 0, ProblemLevel::Note, "stopped",
                                 "reading was stopped after " + std::to_string(log.totalLines) + " lines"});
    src.problems.sortByLocation();
}

} // namespace hs
