// SPDX-License-Identifier: MIT
// URL and protocol-version spellings found in exports (HAR request URLs, SAZ absolute request
// targets and CONNECT authorities).
#pragma once

#include "model/http_types.h"

#include <cstdint>
#include <string_view>

namespace hs {

// "HTTP/1.1", "http/2.0", "h2", "h3", "HTTP/3" → the version; "" → Unknown.
HttpVersion harHttpVersion(std::string_view text) noexcept;

// The parts of a request URL the model needs: "https://h:8443/p?q#f" → scheme "https", host "h",
// port 8443 (else the scheme's default), target "/p?q".
struct UrlParts {
    std::string_view scheme, host, target;
    std::uint16_t port = 0;
    bool valid = false;
};
UrlParts splitUrl(std::string_view url) noexcept;

// 80 for http/ws, 443 for https/wss, 21 for ftp, else 0.
std::uint16_t defaultPort(std::string_view scheme) noexcept;

} // namespace hs
