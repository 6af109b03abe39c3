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

} // namespace

DirectiveScan scanDirectives(std::string_view bytes, TaskPool *pool, std::size_t partBytes)
{
    DirectiveScan scan;
    if (text::startsWith(bytes, "\xEF\xBB\xBF"))
        scan.contentStart = 3;
    // The scan reads every byte of the file before any chunk can start, and is the first touch of
    // the mapping: on one thread it was a tenth of a 1 GB file's analysis. Parts split anywhere: a
    // '#' starts a directive when the byte before it is a line feed, whichever part it falls in, and
    // a directive line holds no line feed, so no part can see a line start the others would skip.
    partBytes = std::max<std::size_t>(partBytes, 1);
    const std::size_t content = bytes.size() - scan.contentStart;
    const std::size_t parts = pool && content > partBytes ? (content + partBytes - 1) / partBytes : 1;
    std::vector<std::vector<DirectiveEntry>> found(parts);
    const auto scanPart = [&](std::size_t i) {
        const std::size_t begin = scan.contentStart + i * partBytes;
        const std::size_t end = i + 1 == parts ? bytes.size() : begin + partBytes;
        scanDirectiveRange(bytes, scan.contentStart, begin, end, found[i]);
    };
    if (parts == 1)
        scanPart(0);
    else
        parallelFor(*pool, parts, scanPart);
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

std::vector<ChunkRange> planChunks(std::string_view bytes, const DirectiveScan &scan, std::size_t chunkBytes)
{
    std::vector<ChunkRange> chunks;
    const std::uint64_t size = bytes.size();
    std::uint64_t begin = scan.contentStart;
    std::size_t nextDirective = 0;
    ChunkState state;
    chunkBytes = std::max<std::size_t>(chunkBytes, 4096);
    while (begin < size) {
        // State in force at `begin`: every directive before it.
        while (nextDirective < scan.entries.size() && scan.entries[nextDirective].offset < begin) {
            const auto &e = scan.entries[nextDirective++];
            if (e.kind == DirectiveEntry::Kind::Fields)
                state.layout = e.layoutIndex;
            else if (e.kind == DirectiveEntry::Kind::Date)
                state.date = e.value;
            else if (e.kind == DirectiveEntry::Kind::GmtOffset)
                state.gmtOffset = e.value;
        }
        std::uint64_t end = begin + chunkBytes;
        if (end >= size) {
            end = size;
        } else {
            const void *nl = std::memchr(bytes.data() + end, '\n', size - end);
            end = nl ? static_cast<std::uint64_t>(static_cast<const char *>(nl) - bytes.data()) + 1 : size;
        }
        chunks.push_back(ChunkRange{begin, end, state});
        begin = end;
    }
    return chunks;
}

} // namespace hs
