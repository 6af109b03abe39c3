// SPDX-License-Identifier: MIT
// Command line of httpsleuth-cli (ARCHITECTURE §5, a contract: extend, never rename).
#pragma once

#include "model/finding.h"
#include "tasks/analyze.h"

#include <optional>
#include <string>
#include <vector>

namespace hs::cli {

enum class Command { Analyze, Formats, Kb, Help, Version };

struct Options {
    Command command = Command::Help;
    AnalyzeOptions analyze;
    std::optional<std::string> jsonPath; // "-" = stdout
    std::optional<std::string> htmlPath;
    std::optional<Severity> failOn;
    bool redact = false;
    bool quiet = false;
    bool compactJson = false;
    std::string kbId; // `kb ID`
};

struct ParseResult {
    Options options;
    std::string error; // non-empty: usage error (exit 2)
};

ParseResult parseArguments(const std::vector<std::string> &args);
std::string usageText();

} // namespace hs::cli
