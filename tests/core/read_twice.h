// SPDX-License-Identifier: MIT
// A log read twice, in hundreds of 4 KiB chunks (on several threads) and as one chunk, for the
// reader tests that check parallel reading changes nothing.
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

} // namespace hs::test
