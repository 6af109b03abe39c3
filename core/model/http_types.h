// SPDX-License-Identifier: MIT
// Small HTTP vocabulary shared by log records and capture transactions.
#pragma once

#include <cstdint>
#include <string_view>

namespace hs {

enum class HttpVersion : std::uint8_t { Unknown, Http09, Http10, Http11, Http2, Http3, Other };

HttpVersion parseHttpVersion(std::string_view text) noexcept; // "HTTP/1.1" -> Http11
std::string_view toString(HttpVersion v) noexcept;            // Http11 -> "HTTP/1.1"

// Status class for charts: 1xx..5xx, 0 for none/unknown.
constexpr int statusClass(int status) noexcept
{
    return status >= 100 && status <= 599 ? status / 100 : 0;
}

} // namespace hs
