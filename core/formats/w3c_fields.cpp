// SPDX-License-Identifier: MIT
#include "formats/w3c_fields.h"

#include "formats/iis_native_reader.h"
#include "formats/ncsa_reader.h"
#include "formats/text_scan.h"

#include <array>
#include <bit>

#if defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#include <emmintrin.h>
#define HS_HAVE_SSE2 1
#endif

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
        {"date-local", W3cField::DateLocal},
        {"time-local", W3cField::TimeLocal},
        {"date-UTC", W3cField::Date},
        {"time-UTC", W3cField::Time},
        {"c-ip", W3cField::ClientIp},
        {"s-ip", W3cField::ServerIp},
        {"s-port", W3cField::ServerPort},
        {"cs-method", W3cField::Method},
        {"cs-uri-stem", W3cField::UriStem},
        {"cs-uri", W3cField::UriStem},
        {"cs-uri-query", W3cField::UriQuery},
        {"cs-username", W3cField::Username},
        {"c-auth-id", W3cField::Username},
        {"cs(User-Agent)", W3cField::UserAgent},
        {"cs(Referer)", W3cField::Referer},
        {"cs(Referrer)", W3cField::Referer},
        {"cs(Cookie)", W3cField::Cookie},
        {"cs-host", W3cField::Host},
        {"cs(Host)", W3cField::Host},
        {"sc-status", W3cField::Status},
        {"sc-substatus", W3cField::Substatus},
        {"sc-win32-status", W3cField::Win32Status},
        {"sc-bytes", W3cField::ScBytes},
        {"bytes", W3cField::ScBytes},
        {"cs-bytes", W3cField::CsBytes},
        {"time-taken", W3cField::TimeTaken},
        {"TimeTakenMS", W3cField::TimeTaken},
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
        {"IIS 8.5 field set with sc-bytes and cs-bytes",
         {"date", "time", "s-ip", "cs-method", "cs-uri-stem", "cs-uri-query", "s-port", "cs-username", "c-ip",
          "cs(User-Agent)", "cs(Referer)", "sc-status", "sc-substatus", "sc-win32-status", "sc-bytes", "cs-bytes",
          "time-taken"}},
        {"IIS field set with every standard field selected",
         {"date",      "time",        "s-sitename",     "s-computername",  "s-ip",
          "cs-method", "cs-uri-stem", "cs-uri-query",   "s-port",          "cs-username",
          "c-ip",      "cs-version",  "cs(User-Agent)", "cs(Cookie)",      "cs(Referer)",
          "cs-host",   "sc-status",   "sc-substatus",   "sc-win32-status", "sc-bytes",
          "cs-bytes",  "time-taken"}},
        {"IIS field set with every standard field and an X-Forwarded-For custom field",
         {"date",      "time",        "s-sitename",     "s-computername",  "s-ip",
          "cs-method", "cs-uri-stem", "cs-uri-query",   "s-port",          "cs-username",
          "c-ip",      "cs-version",  "cs(User-Agent)", "cs(Cookie)",      "cs(Referer)",
          "cs-host",   "sc-status",   "sc-substatus",   "sc-win32-status", "sc-bytes",
          "cs-bytes",  "time-taken",  "X-Forwarded-For"}},
        {"IIS 7.x default field set with an X-Forwarded-For custom field",
         {"date", "time", "s-ip", "cs-method", "cs-uri-stem", "cs-uri-query", "s-port", "cs-username", "c-ip",
          "cs(User-Agent)", "sc-status", "sc-substatus", "sc-win32-status", "time-taken", "X-Forwarded-For"}},
    };
    return kLayouts;
}

LineScan scanFields(std::string_view line, std::string_view *out, std::size_t capacity) noexcept
{
    // The hottest loop of log ingestion: find every space of a line. With SSE2 (all x86-64) 16 bytes
    // are compared at once and the set bits of the mask are the separators; the same loads tell
    // whether the line holds NULs or non-ASCII bytes.
    const char *p = line.data();
    const std::size_t size = line.size();
    LineScan scan;
    std::size_t n = 0;
    std::size_t start = 0;
    std::size_t i = 0;
#if defined(HS_HAVE_SSE2)
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i zero = _mm_setzero_si128();
    __m128i nuls = zero;
    int high = 0;
    for (; i + 16 <= size; i += 16) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        nuls = _mm_or_si128(nuls, _mm_cmpeq_epi8(chunk, zero));
        high |= _mm_movemask_epi8(chunk);
        auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, space)));
        while (mask) {
            const std::size_t end = i + static_cast<std::size_t>(std::countr_zero(mask));
            if (n < capacity)
                out[n] = std::string_view(p + start, end - start);
            ++n;
            start = end + 1;
            mask &= mask - 1;
        }
    }
    scan.hasNul = _mm_movemask_epi8(nuls) != 0;
    scan.hasHighBytes = high != 0;
#endif
    for (; i < size; ++i) {
        const char c = p[i];
        if (c == ' ') {
            if (n < capacity)
                out[n] = std::string_view(p + start, i - start);
            ++n;
            start = i + 1;
        } else if (c == '\0') {
            scan.hasNul = true;
        } else if (static_cast<unsigned char>(c) & 0x80) {
            scan.hasHighBytes = true;
        }
    }
    if (n < capacity)
        out[n] = std::string_view(p + start, size - start);
    scan.fields = n + 1;
    return scan;
}

std::size_t splitFields(std::string_view line, std::string_view *out, std::size_t capacity) noexcept
{
    return scanFields(line, out, capacity).fields;
}

std::size_t splitFieldsQuoted(std::string_view line, std::string_view *out, std::size_t capacity, std::string &scratch)
{
    // Unescaped quoted values go to scratch; reserve enough up front so views into it stay valid.
    scratch.clear();
    scratch.reserve(line.size());
    std::size_t n = 0;
    std::size_t i = 0;
    auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
    while (i < line.size()) {
        while (i < line.size() && isSpace(line[i]))
            ++i;
        if (i >= line.size())
            break;
        std::string_view value;
        if (line[i] == '"') {
            const std::size_t start = scratch.size();
            ++i;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        scratch += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                scratch += line[i++];
            }
            value = std::string_view(scratch).substr(start);
            // Text glued to a closing quote belongs to the same field.
            while (i < line.size() && !isSpace(line[i]))
                ++i;
        } else {
            const std::size_t start = i;
            while (i < line.size() && !isSpace(line[i]))
                ++i;
            value = line.substr(start, i - start);
        }
        if (n < capacity)
            out[n] = value;
        ++n;
    }
    return n;
}

namespace {

std::size_t layoutIndexOf(const Source &source, std::size_t layoutIndex, std::string_view name)
{
    if (!source.log || layoutIndex >= source.log->layouts.size())
        return std::string_view::npos;
    const auto &fields = source.log->layouts[layoutIndex].fields;
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (text::equalsNoCase(fields[i], name))
            return i;
    return std::string_view::npos;
}

// Quote-aware split that returns views into the line (quotes stripped, "" escapes left doubled).
std::size_t splitQuotedViews(std::string_view line, std::string_view *out, std::size_t capacity)
{
    std::size_t n = 0, i = 0;
    auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
    while (i < line.size()) {
        while (i < line.size() && isSpace(line[i]))
            ++i;
        if (i >= line.size())
            break;
        std::size_t start = i, end = i;
        if (line[i] == '"') {
            start = ++i;
            while (i < line.size() && !(line[i] == '"' && (i + 1 >= line.size() || line[i + 1] != '"')))
                i += line[i] == '"' ? 2 : 1;
            end = std::min(i, line.size());
            while (i < line.size() && !isSpace(line[i]))
                ++i;
        } else {
            while (i < line.size() && !isSpace(line[i]))
                ++i;
            end = i;
        }
        if (n < capacity)
            out[n] = line.substr(start, end - start);
        ++n;
    }
    return n;
}

std::optional<std::string_view> fieldByLayout(const Source &source, std::uint32_t line, std::size_t layoutIndex,
                                              std::string_view name)
{
    const std::size_t wanted = layoutIndexOf(source, layoutIndex, name);
    if (wanted == std::string_view::npos)
        return std::nullopt;
    const std::size_t declared = source.log->layouts[layoutIndex].fields.size();
    const std::string_view raw = source.rawLine(line);
    std::array<std::string_view, 256> parts;
    std::size_t n = splitFields(raw, parts.data(), parts.size());
    if (n != declared && !(n == declared + 1 && parts[declared].empty()))
        n = splitQuotedViews(raw, parts.data(), parts.size()); // the reader's fallback
    if (wanted >= n || wanted >= parts.size())
        return std::nullopt;
    return parts[wanted];
}

// NCSA: the request line holds method, target and version.
std::optional<std::string_view> ncsaField(const Source &source, const AccessRecord &record, std::string_view name)
{
    std::array<std::string_view, 9> f{};
    const std::size_t n = splitNcsaFields(source.rawLine(record.line), f.data(), f.size());
    if (n == 0)
        return std::nullopt;
    const std::string_view request = f[4];
    const std::size_t sp1 = request.find(' ');
    const std::size_t sp2 = request.rfind(' ');
    const std::string_view target = sp1 == std::string_view::npos
                                        ? std::string_view{}
                                        : request.substr(sp1 + 1, sp2 > sp1 ? sp2 - sp1 - 1 : std::string_view::npos);
    const std::size_t q = target.find('?');
    if (text::equalsNoCase(name, "cs-method"))
        return sp1 == std::string_view::npos ? request : request.substr(0, sp1);
    if (text::equalsNoCase(name, "cs-uri-stem"))
        return target.substr(0, q);
    if (text::equalsNoCase(name, "cs-uri-query"))
        return q == std::string_view::npos ? std::string_view("-") : target.substr(q + 1);
    if (text::equalsNoCase(name, "cs-version"))
        return sp2 > sp1 && sp2 != std::string_view::npos ? request.substr(sp2 + 1) : std::string_view("-");
    const auto &names = ncsaFieldNames();
    for (std::size_t i = 0; i < names.size() && i < n; ++i)
        if (text::equalsNoCase(names[i], name))
            return f[i];
    return std::nullopt;
}

} // namespace

std::optional<std::string_view> w3cFieldValue(const Source &source, const AccessRecord &record, std::string_view name)
{
    switch (source.format) {
    case FormatId::W3c: return fieldByLayout(source, record.line, record.layout, name);
    case FormatId::Ncsa: return ncsaField(source, record, name);
    case FormatId::IisNative: {
        const std::size_t wanted = layoutIndexOf(source, 0, name);
        if (wanted == std::string_view::npos)
            return std::nullopt;
        std::array<std::string_view, 15> f{};
        if (splitIisNativeFields(source.rawLine(record.line), f.data(), f.size()) != f.size())
            return std::nullopt;
        return f[wanted];
    }
    default: return std::nullopt;
    }
}

std::optional<std::string_view> httpErrFieldValue(const Source &source, const HttpErrRecord &record,
                                                  std::string_view name)
{
    if (source.format != FormatId::HttpErr)
        return std::nullopt;
    return fieldByLayout(source, record.line, record.layout, name);
}

} // namespace hs
