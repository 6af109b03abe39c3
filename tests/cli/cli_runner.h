// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace hs::test {

struct CliResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs httpsleuth-cli with the arguments (no shell involved) and captures stdout/stderr.
CliResult runCli(const std::vector<std::string> &args);

} // namespace hs::test
