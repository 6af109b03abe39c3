// SPDX-License-Identifier: MIT
// From a located input to a Source ready for its reader: get the bytes (map the file, or take the
// extracted archive member), peel transport layers (gzip, UTF-16 text), then sniff the format.
#pragma once

#include "formats/registry.h"
#include "model/analysis.h"
#include "tasks/discover.h"

#include <memory>

namespace hs {

struct OpenedInput {
    std::unique_ptr<Source> source; // null when not recognised or unreadable
    SkippedFile skipped;            // filled when source is null
};

OpenedInput openInput(InputFile &&input, const FormatRegistry &registry);

// Convenience for tests, fuzzers and tools: open + read one file on a private pool.
std::unique_ptr<Source> readSingleFile(const std::filesystem::path &path, StringPool &strings,
                                       const ReadOptions &options = {});
// Same for bytes already in memory (fuzzers); name is used for sniff tie-breaks and messages.
std::unique_ptr<Source> readSingleBuffer(std::vector<char> bytes, std::string name, StringPool &strings,
                                         const ReadOptions &options = {});

} // namespace hs
