// SPDX-License-Identifier: MIT
#include "formats/exports/url_parts.h"

#include "formats/text_scan.h"

namespace hs {

std::uint16_t defaultPort(std::string_view scheme) noexcept
{
    if (text::equalsNoCase(scheme, "http") || text::equalsNoCase(scheme, "ws"))
        return 80;
    if (text::equalsNoCase(scheme, "https") || text::equalsNoCase(scheme, "wss"))
        return 443;
    if (text::equalsNoCase(scheme, "ftp"))
        return 21;
    return 0;
}

HttpVersion harHttpVersion(std::string_view v) noexcept
{
    if (v.empty())
        return HttpVersion::Unknown;
    if (text::equalsNoCase(v, "h2") || text::equalsNoCase(v, "h2c"))
        return HttpVersion::Http2;
    if (text::equalsNoCase(v, "h3") || text::startsWithNoCase(v, "h3-"))
        return HttpVersion::Http3;
    if (text::startsWithNoCase(v, "http/")) {
        const std::string_view n = v.substr(5);
        if (n == "1.1")
            return HttpVersion::Http11;
        if (n == "1.0")
            return HttpVersion::Http10;
        if (n == "2" || n == "2.0")
            return HttpVersion::Http2;
        if (n == "3" || n == "3.0")
            return HttpVersion::Http3;
        if (n == "0.9")
            return HttpVersion::Http09;
    }
    return HttpVersion::Other;
}

UrlParts splitUrl(std::string_view url) noexcept
{
    UrlParts p;
    const std::size_t colon = url.find("://");
    if (colon == std::string_view::npos || colon == 0) {
        // Not absolute: an origin-form target ("/path?q") is still a usable target.
        if (!url.empty() && url.front() == '/') {
            p.target = url.substr(0, url.find('#'));
            p.valid = true;
        }
        return p;
    }
    p.scheme = url.substr(0, colon);
    std::string_view rest = url.substr(colon + 3);
    const std::size_t authEnd = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, authEnd);
    std::string_view target = authEnd == std::string_view::npos ? std::string_view() : rest.substr(authEnd);
    target = target.substr(0, target.find('#'));
    const std::size_t at = authority.rfind('@');
    if (at != std::string_view::npos)
        authority.remove_prefix(at + 1);
    std::string_view host = authority;
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos)
            return p;
        host = authority.substr(0, close + 1);
        if (close + 1 < authority.size() && authority[close + 1] == ':')
            port = authority.substr(close + 2);
    } else if (const std::size_t c = authority.rfind(':'); c != std::string_view::npos) {
        host = authority.substr(0, c);
        port = authority.substr(c + 1);
    }
    p.host = host;
    p.port = defaultPort(p.scheme);
    if (!port.empty() && !text::parseUnsigned(port, p.port))
        return p;
    // "https://host" and "https://host?q" have the origin-form target "/" (RFC 9112 §3.2.1).
    p.target = target.empty() || target.front() == '?' ? std::string_view() : target;
    p.valid = !host.empty();
    return p;
}

} // namespace hs
