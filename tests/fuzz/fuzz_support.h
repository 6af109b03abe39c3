// SPDX-License-Identifier: MIT
// Shared by the log-reader fuzz targets: run one reader directly (no sniffing, so every input
// reaches the parser) on the fuzzer's bytes, with tiny chunks so chunk joining is exercised too,
// then touch what the views read back (raw lines, on-demand fields).
#pragma once

#include "formats/format_reader.h"
#include "formats/w3c_fields.h"
#include "model/string_pool.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"
#include "tasks/task_pool.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hs::fuzz {

inline void runLogReader(const FormatReader &reader, const std::uint8_t *data, std::size_t size)
{
    static TaskPool pool(1);
    StringPool strings;
    CancelToken cancel;
    Progress progress;
    ReadOptions options;
    options.chunkBytes = 64; // planChunks rounds up to 4 KiB: big inputs still split
    Source source;
    source.format = reader.id();
    source.bytes = ByteBuffer::fromOwned(std::vector<char>(data, data + size));
    const std::string_view head(source.bytes.view().substr(0, 65536));
    (void)reader.sniff(SniffInput{head, "fuzz.log", size});
    ReadContext ctx{source, strings, cancel, progress, pool, options};
    reader.read(ctx);
    if (!source.log)
        return;
    if (source.records + source.rejected != source.log->dataLines)
        __builtin_trap(); // the reader's bookkeeping contract
    std::size_t touched = 0;
    source.log->access.forEach([&](const AccessRecord &r) {
        if (touched++ < 64) {
            (void)source.rawLine(r.line);
            (void)w3cFieldValue(source, r, "cs-uri-query");
            (void)w3cFieldValue(source, r, "cs-username");
        }
    });
    source.log->httpErr.forEach([&](const HttpErrRecord &r) {
        if (r.context >= source.log->httpErrContexts.size())
            __builtin_trap(); // every row names one of its file's contexts
        if (touched++ < 64)
            (void)httpErrFieldValue(source, r, "s-queuename");
    });
}

} // namespace hs::fuzz
