// SPDX-License-Identifier: MIT
#include "formats/w3c_fields.h"

#include "formats/text_scan.h"

#include <array>

namespace hs {

W3cField classifyW3cField(std::string_view n) noexcept
{
    using text::equalsNoCase;
    struct Name {
        std::string_view name;
        W3cField field;
    };
    static constexpr Name kNames[] = {
        {"date", W3cField::Date},
        {"time", W3cField::Time},
        {"c-ip", W3cField::ClientIp},
        {"s-ip", W3cField::ServerIp},
        {"s-port", W3cField::ServerPort},
        {"cs-method", W3cField::Method},
        {"cs-uri-stem", W3cField::UriStem},
        {"cs-uri-query", W3cField::UriQuery},
        {"cs-username", W3cField::Username},
        {"cs(User-Agent)", W3cField::UserAgent},
        {"cs(Referer)", W3cField::Referer},
        {"cs(Cookie)", W3cField::Cookie},
        {"cs-host", W3cField::Host},
        {"cs(Host)", W3cField::Host},
        {"sc-status", W3cField::Status},
        {"sc-substatus", W3cField::Substatus},
        {"sc-win32-status", W3cField::Win32Status},
        {"sc-bytes", W3cField::ScBytes},
        {"cs-bytes", W3cField::CsBytes},
        {"time-taken", W3cField::TimeTaken},
        {"cs-version", W3cField::Version},
        {"s-sitename", W3cField::SiteName},
        {"s-computername", W3cField::ComputerName},
    };
    for (const auto &k : kNames)
        if (equalsNoCase(n, k.name))
            return k.field;
    return W3cField::Other;
}

const std::vector<KnownLayout> &knownW3cLayouts()
{
    // Order matters only among sets with the same field count; shape checks pick among those.
    static const std::vector<KnownLayout> kLayouts = {
        {"IIS 8.0+ default field set",
         {"date", "time", "s-ip", "cs-method", "cs-uri-stem", "cs-uri-query", "s-port", "cs-username", "c-ip",
          "cs(User-Agent)", "cs(Referer)", "sc-status", "sc-substatus", "sc-win32-status", "time-taken"}},
        {"IIS 7.x default field set",
         {"date", "time", "s-ip", "cs-method", "cs-uri-stem", "cs-uri-query", "s-port", "cs-username", "c-ip",
          "cs(User-Agent)", "sc-status", "sc-substatus", "sc-win32-status", "time-taken"}},
        {"IIS 8.0+ default field set with an X-Forwarded-For custom field",
         {"date", "time", "s-ip", "cs-method", "cs-uri-stem", "cs-uri-query", "s-port", "cs-username", "c-ip",
          "cs(User-Agent)", "cs(Referer)", "sc-status", "sc-substatus", "sc-win32-status", "time-taken",
          "X-Forwarded-For"}},
        {"IIS 6.0 default field set",
         {"date", "time", "s-sitename", "s-ip", "cs-method", "cs-uri-stem", "cs-uri-query", "s-port", "cs-username",
          "c-ip", "cs(User-Agent)", "sc-status", "sc-substatus", "sc-win32-status"}},
        {"IIS 7.x default field set with an X-Forwarded-For custom field",
         {"date", "time", "s-ip", "cs-method", "cs-uri-stem", "cs-uri-query", "s-port", "cs-username", "c-ip",
          "cs(User-Agent)", "sc-status", "sc-substatus", "sc-win32-status", "time-taken", "X-Forwarded-For"}},
    };
    return kLayouts;
}

std::size_t splitFields(std::string_view line, std::string_view *out, std::size_t capacity) noexcept
{
    std::size_t n = 0;
    const char *p = line.data();
    const char *end = p + line.size();
    for (;;) {
        const char *sp = static_cast<const char *>(std::memchr(p, ' ', static_cast<std::size_t>(end - p)));
        const char *fieldEnd = sp ? sp : end;
        if (n < capacity)
            out[n] = std::string_view(p, static_cast<std::size_t>(fieldEnd - p));
        ++n;
        if (!sp)
            break;
        p = sp + 1;
    }
    return n;
}

namespace {

std::optional<std::string_view> fieldByLayout(const Source &source, std::uint32_t line, std::size_t layoutIndex,
                                              std::string_view name)
{
    if (!source.log || layoutIndex >= source.log->layouts.size())
        return std::nullopt;
    const auto &fields = source.log->layouts[layoutIndex].fields;
    std::size_t wanted = fields.size();
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (text::equalsNoCase(fields[i], name)) {
            wanted = i;
            break;
        }
    if (wanted == fields.size())
        return std::nullopt;
    const std::string_view raw = source.rawLine(line);
    std::array<std::string_view, 256> parts;
    const std::size_t n = splitFields(raw, parts.data(), parts.size());
    if (wanted >= n || wanted >= parts.size())
        return std::nullopt;
    return parts[wanted];
}

} // namespace

std::optional<std::string_view> w3cFieldValue(const Source &source, const AccessRecord &record, std::string_view name)
{
    if (source.format != FormatId::W3c)
        return std::nullopt;
    return fieldByLayout(source, record.line, record.layout, name);
}

std::optional<std::string_view> httpErrFieldValue(const Source &source, const HttpErrRecord &record,
                                                  std::string_view name)
{
    if (source.format != FormatId::HttpErr)
        return std::nullopt;
    return fieldByLayout(source, record.line, record.layout, name);
}

} // namespace hs
