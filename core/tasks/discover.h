// SPDX-License-Identifier: MIT
// Turns what the user dropped (files, folders, .zip bundles) into a list of candidate inputs.
// Folders are walked recursively with symlink-loop protection; zip bundles are expanded in memory
// (SAZ archives, which are zips too, stay whole for their reader).
#pragma once

#include "io/byte_buffer.h"
#include "model/analysis.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace hs {

class CancelToken;
class Progress;

struct InputFile {
    std::string displayPath;    // relative to the dropped folder / "bundle.zip/member"
    std::filesystem::path path; // the file on disk (the archive, for members)
    std::string memberPath;     // inside the archive
    std::uint64_t size = 0;
    std::shared_ptr<std::vector<char>> memberBytes; // extracted bytes of an archive member
    std::vector<std::string> notes;                 // e.g. "member damaged: …"
};

struct DiscoveryResult {
    std::vector<InputFile> files;
    std::vector<SkippedFile> skipped;
};

struct DiscoverOptions {
    std::size_t maxFiles = 200000;
    int maxArchiveDepth = 3;
};

DiscoveryResult discoverInputs(const std::vector<std::filesystem::path> &inputs, const CancelToken &cancel,
                               Progress &progress, const DiscoverOptions &options = {});

// True if the zip holds a Fiddler session archive layout (raw/NN_c.txt …).
bool looksLikeSaz(std::string_view zipBytes);

} // namespace hs
