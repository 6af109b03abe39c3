// SPDX-License-Identifier: MIT
// The human-readable summary httpsleuth-cli prints after an analysis.
#pragma once

#include "model/analysis.h"

#include <ostream>

namespace hs::cli {

void printSummary(const Analysis &analysis, std::ostream &out);

} // namespace hs::cli
