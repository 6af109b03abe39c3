// SPDX-License-Identifier: MIT
// Progress of an analysis, written by workers with relaxed atomics and read by whoever displays it
// (the CLI's stderr ticker, the GUI's timer). Polling keeps workers free of callbacks into the UI and
// makes throttling the reader's business (STYLE practices 7 and 8).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

namespace hs {

enum class Stage : std::uint8_t {
    Idle,
    Scanning,
    ReadingLogs,
    ReadingCaptures,
    Correlating, // with the summaries beside it (detectors reuse the HTTPERR reason rankings)
    Detecting,
    Done
};

std::string_view stageLabel(Stage s) noexcept; // "Scanning files", "Reading logs", …

class Progress {
public:
    struct Snapshot {
        Stage stage = Stage::Idle;
        std::uint64_t bytesDone = 0, bytesTotal = 0;
        std::uint64_t filesDone = 0, filesTotal = 0;
        std::uint64_t filesFound = 0; // while scanning
        std::string detail;           // current file or step
    };

    void setStage(Stage s, std::string detail = {});
    void setDetail(std::string detail);
    void setTotals(std::uint64_t bytes, std::uint64_t files) noexcept
    {
        bytesTotal_.store(bytes, std::memory_order_relaxed);
        filesTotal_.store(files, std::memory_order_relaxed);
    }
    void addBytes(std::uint64_t n) noexcept { bytesDone_.fetch_add(n, std::memory_order_relaxed); }
    void fileDone() noexcept { filesDone_.fetch_add(1, std::memory_order_relaxed); }
    void fileFound() noexcept { filesFound_.fetch_add(1, std::memory_order_relaxed); }
    Snapshot snapshot() const;

private:
    std::atomic<Stage> stage_{Stage::Idle};
    std::atomic<std::uint64_t> bytesDone_{0}, bytesTotal_{0}, filesDone_{0}, filesTotal_{0}, filesFound_{0};
    mutable std::mutex detailMutex_;
    std::string detail_;
};

} // namespace hs
