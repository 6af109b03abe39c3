// SPDX-License-Identifier: MIT
// SAZ reader. Random bytes rarely make a zip, so inputs come in two shapes:
//   - starting with "PK": the bytes are the archive (damaged zips, libarchive's paths);
//   - anything else: the text is split at "\n#~#\n" into request, response and _m.xml parts,
//     three per session, and packed into a stored zip here, so the fuzzer works on the session
//     layout, the metadata parser and the HTTP feeding rather than on zip framing.
#include "formats/saz_reader.h"
#include "model/string_pool.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"
#include "tasks/task_pool.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include <zlib.h>

namespace {

void put16(std::string &out, std::uint32_t v)
{
    out.push_back(static_cast<char>(v & 0xff));
    out.push_back(static_cast<char>((v >> 8) & 0xff));
}

void put32(std::string &out, std::uint32_t v)
{
    put16(out, v & 0xffff);
    put16(out, v >> 16);
}

// A minimal zip (stored members, central directory) in the layout Fiddler writes.
std::string storedZip(const std::vector<std::pair<std::string, std::string_view>> &members)
{
    std::string out, central;
    for (const auto &[name, data] : members) {
        const auto crc = static_cast<std::uint32_t>(
            crc32(0, reinterpret_cast<const Bytef *>(data.data()), static_cast<uInt>(data.size())));
        const auto offset = static_cast<std::uint32_t>(out.size());
        const auto size = static_cast<std::uint32_t>(data.size());
        out += "PK\x03\x04";
        put16(out, 20), put16(out, 0), put16(out, 0), put16(out, 0), put16(out, 0x21);
        put32(out, crc), put32(out, size), put32(out, size);
        put16(out, static_cast<std::uint32_t>(name.size())), put16(out, 0);
        out += name;
        out += data;
        central += "PK\x01\x02";
        put16(central, 20), put16(central, 20), put16(central, 0), put16(central, 0), put16(central, 0);
        put16(central, 0x21), put32(central, crc), put32(central, size), put32(central, size);
        put16(central, static_cast<std::uint32_t>(name.size())), put16(central, 0), put16(central, 0);
        put16(central, 0), put16(central, 0), put32(central, 0), put32(central, offset);
        central += name;
    }
    const auto centralOffset = static_cast<std::uint32_t>(out.size());
    out += central;
    out += "PK\x05\x06";
    put16(out, 0), put16(out, 0);
    put16(out, static_cast<std::uint32_t>(members.size())), put16(out, static_cast<std::uint32_t>(members.size()));
    put32(out, static_cast<std::uint32_t>(central.size())), put32(out, centralOffset), put16(out, 0);
    return out;
}

std::string sessionsToZip(std::string_view text)
{
    static constexpr std::string_view kSeparator = "\n#~#\n";
    static const char *const kSuffix[] = {"_c.txt", "_s.txt", "_m.xml"};
    std::vector<std::pair<std::string, std::string_view>> members;
    std::size_t part = 0;
    for (;;) {
        const std::size_t cut = text.find(kSeparator);
        const std::string_view piece = text.substr(0, cut);
        members.emplace_back("raw/" + std::to_string(part / 3 + 1) + kSuffix[part % 3], piece);
        ++part;
        if (cut == std::string_view::npos || members.size() >= 300)
            break;
        text.remove_prefix(cut + kSeparator.size());
    }
    return storedZip(members);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const hs::SazReader reader([] {
        hs::ExpandLimits l = hs::SazReader::defaultLimits();
        l.maxMemberBytes = 4u << 20; // keep each run small; the limits themselves are under test
        l.maxTotalBytes = 16u << 20;
        l.ratioFloor = 1u << 20;
        return l;
    }());
    static hs::TaskPool pool(1);
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    const std::string archive = input.substr(0, 2) == "PK" ? std::string(input) : sessionsToZip(input);
    // A StringPool is costly to build (64 shards); share one and start afresh now and then so a
    // long run does not grow it without bound.
    static std::unique_ptr<hs::StringPool> sharedStrings;
    static unsigned runs = 0;
    if (!sharedStrings || ++runs % 2000 == 0 || sharedStrings->memoryBytes() > (256u << 20))
        sharedStrings = std::make_unique<hs::StringPool>();
    hs::StringPool &strings = *sharedStrings;
    hs::CancelToken cancel;
    hs::Progress progress;
    const hs::ReadOptions options;
    hs::Source source;
    source.format = hs::FormatId::Saz;
    source.bytes = hs::ByteBuffer::fromOwned(std::vector<char>(archive.begin(), archive.end()));
    (void)reader.sniff(hs::SniffInput{source.bytes.view().substr(0, 65536), "fuzz.saz", archive.size()});
    hs::ReadContext ctx{source, strings, cancel, progress, pool, options};
    reader.read(ctx);
    if (!source.capture)
        __builtin_trap();
    const hs::CaptureData &cap = *source.capture;
    std::uint32_t next = 0;
    for (std::size_t c = 0; c < cap.connections.size(); ++c) {
        const hs::Connection &conn = cap.connections[c];
        if (conn.firstTransaction != next && conn.transactionCount > 0)
            __builtin_trap();
        for (std::uint32_t k = 0; k < conn.transactionCount; ++k)
            if (cap.transactions.at(conn.firstTransaction + k).connection.value != c)
                __builtin_trap();
        next += conn.transactionCount;
    }
    if (next != cap.transactions.size())
        __builtin_trap();
    return 0;
}
