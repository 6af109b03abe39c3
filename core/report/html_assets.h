// SPDX-License-Identifier: MIT
// The report's inline stylesheet (light, dark and print) and its optional script (table sorting,
// expand/collapse, open details for printing). Both are hashed into the CSP at write time.
#pragma once

#include <string_view>

namespace hs::html {

std::string_view reportStyle() noexcept;
std::string_view reportScript() noexcept;

} // namespace hs::html
