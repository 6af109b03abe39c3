// SPDX-License-Identifier: MIT
// Reason phrases for one-line evidence summaries when a response's own phrase was not kept.
#pragma once

#include <cstdint>
#include <string_view>

namespace hs::kb {

std::string_view standardReasonPhrase(std::uint16_t status) noexcept; // 417 -> "Expectation Failed"

} // namespace hs::kb
