// SPDX-License-Identifier: MIT
#include "kb/server_identity.h"

#include "formats/text_scan.h"

#include <cctype>

namespace hs::kb {
namespace {

// "6.0" → 6, 0; stops at the first non-digit after the minor number.
bool parseVersion(std::string_view s, int &major, int &minor)
{
    major = minor = 0;
    std::size_t i = 0;
    bool any = false;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        major = major * 10 + (s[i++] - '0');
        any = true;
        if (major > 1000)
            return false;
    }
    if (!any)
        return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && minor < 1000)
            minor = minor * 10 + (s[i++] - '0');
    }
    return true;
}

std::size_t findNoCase(std::string_view hay, std::string_view needle)
{
    if (needle.size() > hay.size())
        return std::string_view::npos;
    for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i)
        if (text::equalsNoCase(hay.substr(i, needle.size()), needle))
            return i;
    return std::string_view::npos;
}

} // namespace

std::string ServerIdentity::describe() const
{
    if (kind == Kind::Unknown)
        return "unknown server";
    return text + (from.empty() ? std::string() : " (" + from + ")");
}

ServerIdentity identifyBanner(std::string_view banner)
{
    ServerIdentity id;
    banner = text::trim(banner);
    if (banner.empty())
        return id;
    id.text = std::string(banner);
    id.from = "Server header";
    if (const auto at = findNoCase(banner, "Microsoft-IIS/"); at != std::string_view::npos) {
        if (parseVersion(banner.substr(at + 14), id.major, id.minor)) {
            id.kind = ServerIdentity::Kind::Iis;
            return id;
        }
    }
    id.kind = findNoCase(banner, "Microsoft-HTTPAPI/") != std::string_view::npos ? ServerIdentity::Kind::HttpApi
                                                                                 : ServerIdentity::Kind::Other;
    return id;
}

ServerIdentity identifySoftware(std::string_view software)
{
    ServerIdentity id;
    software = text::trim(software);
    if (software.empty())
        return id;
    id.text = std::string(software);
    constexpr std::string_view kIis = "Internet Information Serv"; // "Services" (IIS 5+) and "Server" (IIS 4)
    if (const auto at = findNoCase(software, kIis); at != std::string_view::npos) {
        const auto space = software.find(' ', at + kIis.size());
        if (space != std::string_view::npos && parseVersion(software.substr(space + 1), id.major, id.minor)) {
            id.kind = ServerIdentity::Kind::Iis;
            return id;
        }
    }
    id.kind = findNoCase(software, "HTTP API") != std::string_view::npos ||
                      findNoCase(software, "HTTP Server API") != std::string_view::npos
                  ? ServerIdentity::Kind::HttpApi
                  : ServerIdentity::Kind::Other;
    return id;
}

ServerIdentity serverOfConnection(const DetectContext &ctx, std::span<const Transaction> transactions)
{
    for (const Transaction &t : transactions)
        if (t.hasResponse && t.response.server != kEmptyStr)
            return identifyBanner(ctx.str(t.response.server));
    return {};
}

ServerIdentity serverFromLogs(const DetectContext &ctx)
{
    ServerIdentity found;
    for (const auto &src : ctx.analysis.sources) {
        if (!src->log || src->format != FormatId::W3c || src->log->software.empty())
            continue;
        ServerIdentity id = identifySoftware(src->log->software);
        if (id.kind != ServerIdentity::Kind::Iis)
            continue;
        id.from = "#Software in " + src->path;
        if (found.known() && (found.major != id.major || found.minor != id.minor))
            return {}; // logs of several IIS versions: the logs cannot say which server this was
        if (!found.known())
            found = std::move(id);
    }
    return found;
}

ServerIdentity serverFor(const DetectContext &ctx, std::span<const Transaction> transactions)
{
    ServerIdentity id = serverOfConnection(ctx, transactions);
    if (id.known())
        return id;
    return serverFromLogs(ctx);
}

} // namespace hs::kb
