// SPDX-License-Identifier: MIT
#include "tasks/discard_analysis.h"

#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace hs {

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
        std::thread unmapper([&maps] { maps.clear(); });
        analysis.reset();
        unmapper.join();
    } catch (const std::system_error &) {
        // No thread to be had: both halves here. (reset() twice is harmless.)
        analysis.reset();
        maps.clear();
    }
}

} // namespace hs
