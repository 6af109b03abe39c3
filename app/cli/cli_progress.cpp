// SPDX-License-Identifier: MIT
#include "cli/cli_progress.h"

#include "formats/text_scan.h"

#include <chrono>
#include <cstdio>
#include <string>

#ifdef _WIN32
#include <io.h>
#define HS_ISATTY _isatty
#define HS_FILENO _fileno
#else
#include <unistd.h>
#define HS_ISATTY isatty
#define HS_FILENO fileno
#endif

namespace hs::cli {

bool ProgressTicker::stderrIsTerminal()
{
    return HS_ISATTY(HS_FILENO(stderr)) != 0;
}

ProgressTicker::ProgressTicker(const Progress &progress, bool enabled) : progress_(progress)
{
    if (enabled)
        thread_ = std::thread([this] { run(); });
}

ProgressTicker::~ProgressTicker()
{
    stop_ = true;
    if (thread_.joinable())
        thread_.join();
}

void ProgressTicker::run()
{
    using namespace std::chrono;
    const auto start = steady_clock::now();
    while (!stop_) {
        std::this_thread::sleep_for(milliseconds(150));
        if (stop_ || steady_clock::now() - start < milliseconds(500))
            continue;
        const Progress::Snapshot s = progress_.snapshot();
        std::string line = std::string(stageLabel(s.stage));
        if (s.stage == Stage::Scanning) {
            line += " (" + text::groupThousands(s.filesFound) + " files)";
        } else if (s.filesTotal) {
            line += " " + text::groupThousands(s.filesDone) + "/" + text::groupThousands(s.filesTotal) + " files";
            if (s.bytesTotal)
                line += ", " + std::to_string(s.bytesDone * 100 / s.bytesTotal) + "%";
        }
        std::fprintf(stderr, "\r%-70.70s", line.c_str());
        std::fflush(stderr);
        drew_ = true;
    }
    if (drew_) {
        std::fprintf(stderr, "\r%70s\r", "");
        std::fflush(stderr);
    }
}

} // namespace hs::cli
