// SPDX-License-Identifier: MIT
#include "formats/directive_log.h"

#include "formats/text_scan.h"

#include <algorithm>
#include <cstring>

namespace hs {

std::vector<std::string> splitFieldNames(std::string_view value)
{
    std::vector<std::string> names;
    std::size_t i = 0;
    while (i < value.size()) {
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t'))
            ++i;
        const std::size_t start = i;
        while (i < value.size() && value[i] != ' ' && value[i] != '\t')
            ++i;
        if (i > start)
            names.emplace_back(value.substr(start, i - start));
    }
    return names;
}

namespace {

// The directives whose '#' lies in [begin, end) of bytes, in file order; layoutIndex still unset.
// A directive line may run past `end`: it belongs to the part its '#' is in.
void scanDirectiveRange(std::string_view bytes, std::size_t contentStart, std::size_t begin, std::size_t end,
                        std::vector<DirectiveEntry> &entries)
{
    const char *base = bytes.data();
    std::size_t pos = begin;
    while (pos < end) {
        const void *hit = std::memchr(base + pos, '#', end - pos);
        if (!hit)
            break;
        const std::size_t at = static_cast<std::size_t>(static_cast<const char *>(hit) - base);
        pos = at + 1;
        if (at != contentStart && base[at - 1] != '\n')
            continue; // a '#' inside a data line
        const void *nl = std::memchr(base + at, '\n', bytes.size() - at);
        const std::size_t lineEnd = nl ? static_cast<std::size_t>(static_cast<const char *>(nl) - base) : bytes.size();
        const std::string_view line = text::trim(bytes.substr(at + 1, lineEnd - at - 1));
        DirectiveEntry e;
        e.offset = at;
        const std::size_t colon = line.find(':');
        const std::string_view name = colon == std::string_view::npos ? line : line.substr(0, colon);
        e.value = colon == std::string_view::npos ? std::string_view{} : text::trim(line.substr(colon + 1));
        if (text::equalsNoCase(name, "Fields"))
            e.kind = DirectiveEntry::Kind::Fields;
        else if (text::equalsNoCase(name, "Date"))
            e.kind = DirectiveEntry::Kind::Date;
        else if (text::equalsNoCase(name, "Software"))
            e.kind = DirectiveEntry::Kind::Software;
        else if (text::equalsNoCase(name, "Version"))
            e.kind = DirectiveEntry::Kind::Version;
        else if (text::equalsNoCase(name, "GMT-Offset"))
            e.kind = DirectiveEntry::Kind::GmtOffset;
        entries.push_back(e);
        pos = nl ? lineEnd + 1 : bytes.size();
    }
}

// [contentStart, size) cut about every partBytes, each cut moved to just after the next line feed.
std::vector<LineRange> cutAtLineEnds(std::string_view bytes, std::size_t contentStart, std::size_t partBytes)
{
    std::vector<LineRange> ranges;
    const std::uint64_t size = bytes.size();
    std::uint64_t begin = contentStart;
    while (begin < size) {
        std::uint64_t end = begin + partBytes;
        if (end >= size) {
            end = size;
        } else {
            const void *nl = std::memchr(bytes.data() + end, '\n', size - end);
            end = nl ? static_cast<std::uint64_t>(static_cast<const char *>(nl) - bytes.data()) + 1 : size;
        }
        ranges.push_back(LineRange{begin, end, 0});
        begin = end;
    }
    return ranges;
}

// Finds the directives of one range and counts its lines, a block at a time: the block is still in
// cache for the second look.
void scanRange(std::string_view bytes, std::size_t contentStart, LineRange &range, std::vector<DirectiveEntry> &entries)
{
    constexpr std::uint64_t kBlock = 64 * 1024;
    std::uint64_t lineFeeds = 0;
    for (std::uint64_t b = range.begin; b < range.end; b += kBlock) {
        const std::uint64_t e = std::min(range.end, b + kBlock);
        lineFeeds += countLineFeeds(bytes, b, e);
        // A directive line that runs on past `e` is read whole here; the next block can see a '#'
        // inside it only after a byte that is not a line feed, which starts nothing.
        scanDirectiveRange(bytes, contentStart, b, e, entries);
    }
    range.lines = lineFeeds + (range.end > range.begin && bytes[range.end - 1] != '\n' ? 1 : 0);
}

// Runs scanPart(i) for every range, on the pool when there is one and more than one range.
template <typename ScanPart>
void forEachRange(const DirectiveScan &scan, TaskPool *pool, ScanPart &&scanPart)
{
    if (pool && scan.ranges.size() > 1)
        parallelFor(*pool, scan.ranges.size(), scanPart);
    else
        for (std::size_t i = 0; i < scan.ranges.size(); ++i)
            scanPart(i);
}

// The scan's content start (after a UTF-8 byte order mark) and its ranges, lines not yet counted.
DirectiveScan cutScan(std::string_view bytes, std::size_t partBytes)
{
    DirectiveScan scan;
    if (text::startsWith(bytes, "\xEF\xBB\xBF"))
        scan.contentStart = 3;
    scan.ranges = cutAtLineEnds(bytes, scan.contentStart, std::max<std::size_t>(partBytes, 1));
    return scan;
}

} // namespace

DirectiveScan scanLines(std::string_view bytes, TaskPool *pool, std::size_t partBytes)
{
    DirectiveScan scan = cutScan(bytes, partBytes);
    forEachRange(scan, pool, [&](std::size_t i) {
        LineRange &r = scan.ranges[i];
        r.lines = countLines(bytes, r.begin, r.end);
    });
    return scan;
}

DirectiveScan scanDirectives(std::string_view bytes, TaskPool *pool, std::size_t partBytes)
{
    // The scan reads every byte of the file before any chunk can start, and is the first touch of
    // the mapping: on one thread it was a tenth of a 1 GB file's analysis. A '#' starts a directive
    // when the byte before it is a line feed, whichever range it falls in.
    DirectiveScan scan = cutScan(bytes, partBytes);
    std::vector<std::vector<DirectiveEntry>> found(scan.ranges.size());
    forEachRange(scan, pool, [&](std::size_t i) { scanRange(bytes, scan.contentStart, scan.ranges[i], found[i]); });
    for (auto &part : found) {
        for (DirectiveEntry &e : part) {
            if (e.kind == DirectiveEntry::Kind::Fields) {
                e.layoutIndex = static_cast<int>(scan.layouts.size());
                FieldLayout layout;
                layout.fields = splitFieldNames(e.value);
                scan.layouts.push_back(std::move(layout));
            }
            scan.entries.push_back(e);
        }
    }
    return scan;
}

std::vector<ChunkRange> planChunks(const DirectiveScan &scan, std::size_t chunkBytes)
{
    chunkBytes = std::max<std::size_t>(chunkBytes, 4096);
    // Runs of whole ranges, each at least chunkBytes but the last.
    std::vector<ChunkRange> chunks;
    for (const LineRange &r : scan.ranges) {
        if (chunks.empty() || chunks.back().end - chunks.back().begin >= chunkBytes)
            chunks.push_back(ChunkRange{r.begin, r.begin, {}, 0});
        chunks.back().end = r.end;
        chunks.back().lines += r.lines;
    }
    // The state in force at each chunk's start: every directive before it.
    std::size_t nextDirective = 0;
    ChunkState state;
    for (ChunkRange &c : chunks) {
        while (nextDirective < scan.entries.size() && scan.entries[nextDirective].offset < c.begin) {
            const auto &e = scan.entries[nextDirective++];
            if (e.kind == DirectiveEntry::Kind::Fields)
                state.layout = e.layoutIndex;
            else if (e.kind == DirectiveEntry::Kind::Date)
                state.date = e.value;
            else if (e.kind == DirectiveEntry::Kind::GmtOffset)
                state.gmtOffset = e.value;
        }
        c.state = state;
    }
    return chunks;
}

} // namespace hs
