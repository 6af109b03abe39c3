// SPDX-License-Identifier: MIT
// HAR reader on arbitrary bytes: sniff, then read directly (every input reaches the JSON walk),
// then check the CaptureData contract the analysis relies on.
#include "formats/har_reader.h"
#include "model/string_pool.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"
#include "tasks/task_pool.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace {

void checkContract(const hs::Source &source)
{
    if (!source.capture)
        __builtin_trap();
    const hs::CaptureData &cap = *source.capture;
    std::uint32_t next = 0;
    for (std::size_t c = 0; c < cap.connections.size(); ++c) {
        const hs::Connection &conn = cap.connections[c];
        if (conn.firstTransaction != next || conn.transactionCount == 0)
            __builtin_trap();
        for (std::uint32_t k = 0; k < conn.transactionCount; ++k) {
            const hs::Transaction &t = cap.transactions[conn.firstTransaction + k];
            if (t.connection.value != c || t.indexInConnection != k)
                __builtin_trap();
            if (t.requestHeadSize && t.requestHeadOffset + t.requestHeadSize > cap.headArena.size())
                __builtin_trap();
        }
        next += conn.transactionCount;
    }
    if (next != cap.transactions.size() || source.records != cap.transactions.size() ||
        cap.transactions.size() > cap.packets)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const hs::HarReader reader;
    static hs::TaskPool pool(1);
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
    source.format = hs::FormatId::Har;
    source.bytes = hs::ByteBuffer::fromOwned(std::vector<char>(data, data + size));
    (void)reader.sniff(hs::SniffInput{source.bytes.view().substr(0, 65536), "fuzz.har", size});
    hs::ReadContext ctx{source, strings, cancel, progress, pool, options};
    reader.read(ctx);
    checkContract(source);
    return 0;
}
