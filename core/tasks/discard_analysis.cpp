// SPDX-License-Identifier: MIT
#include "tasks/discard_analysis.h"

#include "io/page_advice.h"

#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace hs {
namespace {

template <typename Row>
void releaseRecordPages(RecordStore<Row> &store) noexcept
{
    for (const auto &segment : store.segments())
        releasePages(segment.data(), segment.capacity() * sizeof(Row));
}

} // namespace

void discardAnalysis(std::unique_ptr<Analysis> analysis, std::uint64_t minMappedBytes) noexcept
{
    if (!analysis)
        return;
    std::uint64_t mapped = 0;
    for (const auto &src : analysis->sources)
        if (src->bytes.isMapped())
            mapped += src->bytes.size();
    if (mapped == 0 || mapped < minMappedBytes) {
        analysis.reset();
        return;
    }
    std::vector<ByteBuffer> maps;
    for (auto &src : analysis->sources)
        if (src->bytes.isMapped())
            maps.push_back(std::exchange(src->bytes, ByteBuffer{}));
    try {
        std::thread unmapper([&maps] {
            for (const ByteBuffer &map : maps)
                releasePages(map.view().data(), map.size());
            maps.clear();
        });
        // The records are most of the rest; their pages go here, beside the maps' (see
        // io/page_advice.h for why not by freeing the blocks straight away).
        for (auto &src : analysis->sources)
            if (src->log) {
                releaseRecordPages(src->log->access);
                releaseRecordPages(src->log->httpErr);
            }
        analysis.reset();
        unmapper.join();
    } catch (const std::system_error &) {
        // No thread to be had: both halves here. (reset() twice is harmless.)
        analysis.reset();
        maps.clear();
    }
}

} // namespace hs
