// SPDX-License-Identifier: MIT
// A log read twice, in hundreds of 4 KiB chunks (on several threads) and as one chunk, for the
// reader tests that check parallel reading changes nothing; and a read that checks its counts.
#pragma once

#include "model/string_pool.h"
#include "support/catch.h"
#include "tasks/open_input.h"

#include <filesystem>
#include <memory>

namespace hs::test {

struct ReadTwice {
    explicit ReadTwice(const std::filesystem::path &path)
    {
        ReadOptions small;
        small.chunkBytes = 4096;
        ReadOptions whole;
        whole.chunkBytes = 1u << 30;
        chunked = readSingleFile(path, chunkedPool, small);
        single = readSingleFile(path, singlePool, whole);
        REQUIRE(chunked);
        REQUIRE(single);
    }
    StringPool chunkedPool, singlePool;
    std::unique_ptr<Source> chunked, single;
};

// Reads `path` and checks how many lines became rows and how many were rejected.
inline std::unique_ptr<Source> readCounting(const std::filesystem::path &path, StringPool &pool, std::uint64_t records,
                                            std::uint64_t rejected)
{
    auto src = readSingleFile(path, pool);
    REQUIRE(src);
    CHECK(src->rejected == rejected);
    REQUIRE(src->records == records);
    return src;
}

} // namespace hs::test
