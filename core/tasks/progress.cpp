// SPDX-License-Identifier: MIT
#include "tasks/progress.h"

namespace hs {

std::string_view stageLabel(Stage s) noexcept
{
    switch (s) {
    case Stage::Idle: return "Waiting";
    case Stage::Scanning: return "Scanning files";
    case Stage::ReadingLogs: return "Reading logs";
    case Stage::ReadingCaptures: return "Reading captures";
    case Stage::Correlating: return "Correlating";
    case Stage::Detecting: return "Detecting symptoms";
    case Stage::Done: return "Done";
    }
    return "";
}

void Progress::setStage(Stage s, std::string detail)
{
    stage_.store(s, std::memory_order_relaxed);
    std::lock_guard lock(detailMutex_);
    detail_ = std::move(detail);
}

void Progress::setDetail(std::string detail)
{
    std::lock_guard lock(detailMutex_);
    detail_ = std::move(detail);
}

Progress::Snapshot Progress::snapshot() const
{
    Snapshot s;
    s.stage = stage_.load(std::memory_order_relaxed);
    s.bytesDone = bytesDone_.load(std::memory_order_relaxed);
    s.bytesTotal = bytesTotal_.load(std::memory_order_relaxed);
    s.filesDone = filesDone_.load(std::memory_order_relaxed);
    s.filesTotal = filesTotal_.load(std::memory_order_relaxed);
    s.filesFound = filesFound_.load(std::memory_order_relaxed);
    std::lock_guard lock(detailMutex_);
    s.detail = detail_;
    return s;
}

} // namespace hs
