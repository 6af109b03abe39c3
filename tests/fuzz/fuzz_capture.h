// SPDX-License-Identifier: MIT
// Shared by the pcap and pcapng fuzz targets: run the reader directly on the fuzzer's bytes (no
// sniffing), through link layers, IP, TCP reassembly and HTTP, then check the CaptureData
// contract the analysis relies on.
#pragma once

#include "formats/format_reader.h"
#include "model/string_pool.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"
#include "tasks/task_pool.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace hs::fuzz {

inline void checkCaptureContract(const Source &source)
{
    if (!source.capture)
        __builtin_trap();
    const CaptureData &cap = *source.capture;
    std::uint64_t counted = 0;
    for (std::size_t c = 0; c < cap.connections.size(); ++c) {
        const Connection &conn = cap.connections[c];
        if (c > 0 && conn.firstTime < cap.connections[c - 1].firstTime)
            __builtin_trap(); // ordered by first packet
        if (conn.firstFrame == 0 || conn.firstFrame > conn.lastFrame || conn.lastFrame > cap.packets)
            __builtin_trap();
        if (conn.firstTransaction + std::uint64_t{conn.transactionCount} > cap.transactions.size())
            __builtin_trap();
        for (std::uint32_t k = 0; k < conn.transactionCount; ++k) {
            const Transaction &t = cap.transactions[conn.firstTransaction + k];
            if (t.connection.value != c || t.indexInConnection != k)
                __builtin_trap(); // contiguous, and pointing back
            if (t.requestHeadSize && t.requestHeadOffset + t.requestHeadSize > cap.headArena.size())
                __builtin_trap();
            if (t.requestFrame > cap.packets || t.responseFrame > cap.packets)
                __builtin_trap();
        }
        counted += conn.transactionCount;
    }
    if (counted != cap.transactions.size() || source.records != cap.transactions.size() ||
        cap.undecodedFrames > cap.packets)
        __builtin_trap();
}

inline void runCaptureReader(const FormatReader &reader, const std::uint8_t *data, std::size_t size)
{
    static TaskPool pool(1);
    // A StringPool is costly to build (64 shards); share one and start afresh now and then so a
    // long run does not grow it without bound.
    static std::unique_ptr<StringPool> sharedStrings;
    static unsigned runs = 0;
    if (!sharedStrings || ++runs % 2000 == 0 || sharedStrings->memoryBytes() > (256u << 20))
        sharedStrings = std::make_unique<StringPool>();
    CancelToken cancel;
    Progress progress;
    const ReadOptions options;
    Source source;
    source.format = reader.id();
    source.bytes = ByteBuffer::fromOwned(std::vector<char>(data, data + size));
    (void)reader.sniff(SniffInput{source.bytes.view().substr(0, 65536), "fuzz.cap", size});
    ReadContext ctx{source, *sharedStrings, cancel, progress, pool, options};
    reader.read(ctx);
    checkCaptureContract(source);
}

} // namespace hs::fuzz
