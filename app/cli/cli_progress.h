// SPDX-License-Identifier: MIT
// Progress on stderr while an analysis runs, only when stderr is a terminal: one line, redrawn at
// most every 150 ms (Wireshark's PROGBAR_UPDATE_INTERVAL), and only once the work took > 0.5 s.
#pragma once

#include "tasks/progress.h"

#include <atomic>
#include <thread>

namespace hs::cli {

class ProgressTicker {
public:
    explicit ProgressTicker(const Progress &progress, bool enabled);
    ~ProgressTicker();
    ProgressTicker(const ProgressTicker &) = delete;
    ProgressTicker &operator=(const ProgressTicker &) = delete;

    static bool stderrIsTerminal();

private:
    void run();
    const Progress &progress_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    bool drew_ = false;
};

} // namespace hs::cli
