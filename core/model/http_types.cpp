// SPDX-License-Identifier: MIT
#include "model/http_types.h"

namespace hs {

HttpVersion parseHttpVersion(std::string_view t) noexcept
{
    if (t.size() < 6 || (t.substr(0, 5) != "HTTP/" && t.substr(0, 5) != "http/"))
        return t.empty() ? HttpVersion::Unknown : HttpVersion::Other;
    const std::string_view v = t.substr(5);
    if (v == "1.1")
        return HttpVersion::Http11;
    if (v == "1.0")
        return HttpVersion::Http10;
    if (v == "2" || v == "2.0")
        return HttpVersion::Http2;
    if (v == "3" || v == "3.0")
        return HttpVersion::Http3;
    if (v == "0.9")
        return HttpVersion::Http09;
    return HttpVersion::Other;
}

std::string_view toString(HttpVersion v) noexcept
{
    switch (v) {
    case HttpVersion::Http09: return "HTTP/0.9";
    case HttpVersion::Http10: return "HTTP/1.0";
    case HttpVersion::Http11: return "HTTP/1.1";
    case HttpVersion::Http2: return "HTTP/2";
    case HttpVersion::Http3: return "HTTP/3";
    case HttpVersion::Other: return "other";
    case HttpVersion::Unknown: break;
    }
    return "";
}

} // namespace hs
