// SPDX-License-Identifier: MIT
// The whole analysis as one core operation (STYLE practice 7): discover → recognise → read (in
// parallel) → join captures → correlate → detect → summarise. The CLI runs it on its main thread;
// the GUI runs it on a worker and polls Progress.
#pragma once

#include "formats/format_reader.h"
#include "model/analysis.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace hs {

class CancelToken;
class Progress;

struct ClockOverride {
    std::string sourcePattern; // matches a source path (suffix match), "*" for every capture/export
    TimeUs offset = 0;         // added to that source's times
};

struct AnalyzeOptions {
    std::vector<std::filesystem::path> inputs;
    ReadOptions read;
    unsigned threads = 0; // 0: all hardware threads
    std::vector<ClockOverride> clockOverrides;
    bool estimateClockOffsets = true;
    std::vector<std::filesystem::path> kbFolders; // user knowledge-base extensions
};

// Never throws for bad input; returns whatever could be read. A cancelled run returns nullptr.
std::unique_ptr<Analysis> analyze(const AnalyzeOptions &options, const CancelToken &cancel, Progress &progress);

} // namespace hs
