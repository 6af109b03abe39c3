// SPDX-License-Identifier: MIT
// The report's Content-Security-Policy: nothing may load from anywhere, and only the inline style and
// script we wrote may run, identified by the SHA-256 of their exact text (computed at write time, so
// editing the CSS or script can never leave a stale hash behind).
#pragma once

#include <string>
#include <string_view>

namespace hs::html {

// "'sha256-<base64>'" for a CSP source list.
std::string cspHashSource(std::string_view content);

// The policy for a report with this inline style and (possibly empty: no script) inline script.
std::string contentSecurityPolicy(std::string_view style, std::string_view script);

} // namespace hs::html
