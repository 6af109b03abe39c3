// SPDX-License-Identifier: MIT
#include "model/ip_address.h"

#include "model/hash.h"

#include <cstdio>
#include <cstring>

namespace hs {
namespace {

std::optional<std::uint32_t> parseV4(std::string_view s) noexcept
{
    std::uint32_t result = 0;
    int parts = 0;
    std::size_t i = 0;
    while (parts < 4) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9')
            return std::nullopt;
        unsigned value = 0;
        int digits = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            value = value * 10 + static_cast<unsigned>(s[i] - '0');
            if (++digits > 3 || value > 255)
                return std::nullopt;
            ++i;
        }
        result = (result << 8) | value;
        ++parts;
        if (parts < 4) {
            if (i >= s.size() || s[i] != '.')
                return std::nullopt;
            ++i;
        }
    }
    if (i != s.size())
        return std::nullopt;
    return result;
}

int hexValue(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool parseV6(std::string_view s, std::uint8_t *out) noexcept
{
    std::uint16_t groups[8] = {};
    int count = 0;
    int gap = -1; // index where "::" was
    std::size_t i = 0;
    if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
        if (i == s.size()) {
            std::memset(out, 0, 16);
            return true;
        }
    } else if (!s.empty() && s[0] == ':') {
        return false;
    }
    while (i < s.size()) {
        if (count >= 8)
            return false;
        // Embedded IPv4 in the last 32 bits?
        const std::size_t nextColon = s.find(':', i);
        const std::string_view part = s.substr(i, nextColon == std::string_view::npos ? s.size() - i : nextColon - i);
        if (nextColon == std::string_view::npos && part.find('.') != std::string_view::npos) {
            const auto v4 = parseV4(part);
            if (!v4 || count > 6)
                return false;
            groups[count++] = static_cast<std::uint16_t>(*v4 >> 16);
            groups[count++] = static_cast<std::uint16_t>(*v4 & 0xffff);
            i = s.size();
            break;
        }
        if (part.empty() || part.size() > 4)
            return false;
        unsigned v = 0;
        for (char c : part) {
            const int h = hexValue(c);
            if (h < 0)
                return false;
            v = (v << 4) | static_cast<unsigned>(h);
        }
        groups[count++] = static_cast<std::uint16_t>(v);
        i += part.size();
        if (i == s.size())
            break;
        // s[i] == ':'
        ++i;
        if (i < s.size() && s[i] == ':') {
            if (gap >= 0)
                return false;
            gap = count;
            ++i;
            if (i == s.size())
                break;
        } else if (i == s.size()) {
            return false; // trailing single colon
        }
    }
    std::uint16_t full[8] = {};
    if (gap >= 0) {
        if (count > 7)
            return false;
        const int tail = count - gap;
        for (int k = 0; k < gap; ++k)
            full[k] = groups[k];
        for (int k = 0; k < tail; ++k)
            full[8 - tail + k] = groups[gap + k];
    } else {
        if (count != 8)
            return false;
        std::memcpy(full, groups, sizeof full);
    }
    for (int k = 0; k < 8; ++k) {
        out[2 * k] = static_cast<std::uint8_t>(full[k] >> 8);
        out[2 * k + 1] = static_cast<std::uint8_t>(full[k] & 0xff);
    }
    return true;
}

} // namespace

IpAddress IpAddress::v4(std::uint32_t hostOrder)
{
    IpAddress a;
    a.family = Family::V4;
    a.bytes[0] = static_cast<std::uint8_t>(hostOrder >> 24);
    a.bytes[1] = static_cast<std::uint8_t>(hostOrder >> 16);
    a.bytes[2] = static_cast<std::uint8_t>(hostOrder >> 8);
    a.bytes[3] = static_cast<std::uint8_t>(hostOrder);
    return a;
}

IpAddress IpAddress::v4(const std::uint8_t *networkOrder)
{
    IpAddress a;
    a.family = Family::V4;
    std::memcpy(a.bytes.data(), networkOrder, 4);
    return a;
}

IpAddress IpAddress::v6(const std::uint8_t *networkOrder)
{
    IpAddress a;
    a.family = Family::V6;
    std::memcpy(a.bytes.data(), networkOrder, 16);
    return a;
}

std::string IpAddress::toString() const
{
    char buf[64];
    if (family == Family::V4) {
        const int n = std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", bytes[0], bytes[1], bytes[2], bytes[3]);
        return std::string(buf, static_cast<std::size_t>(n));
    }
    if (family != Family::V6)
        return {};
    std::uint16_t g[8];
    for (int k = 0; k < 8; ++k)
        g[k] = static_cast<std::uint16_t>((bytes[2 * k] << 8) | bytes[2 * k + 1]);
    // IPv4-mapped addresses keep the dotted tail (RFC 5952 §5).
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
        const int n = std::snprintf(buf, sizeof buf, "::ffff:%u.%u.%u.%u", bytes[12], bytes[13], bytes[14], bytes[15]);
        return std::string(buf, static_cast<std::size_t>(n));
    }
    // Longest run of >= 2 zero groups, first one on ties (RFC 5952 §4.2).
    int bestStart = -1, bestLen = 0;
    for (int k = 0; k < 8;) {
        if (g[k] != 0) {
            ++k;
            continue;
        }
        int j = k;
        while (j < 8 && g[j] == 0)
            ++j;
        if (j - k > bestLen && j - k >= 2) {
            bestStart = k;
            bestLen = j - k;
        }
        k = j;
    }
    std::string out;
    out.reserve(40);
    for (int k = 0; k < 8; ++k) {
        if (k == bestStart) {
            out += "::";
            k += bestLen - 1;
            continue;
        }
        if (!out.empty() && out.back() != ':')
            out += ':';
        const int n = std::snprintf(buf, sizeof buf, "%x", g[k]);
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

std::uint64_t IpAddress::hash() const noexcept
{
    return hashBytes(std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size())) ^
           static_cast<std::uint64_t>(family);
}

std::optional<ParsedIp> parseIp(std::string_view text) noexcept
{
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']')
        text = text.substr(1, text.size() - 2);
    if (text.empty() || text.size() > 80)
        return std::nullopt;
    ParsedIp result;
    if (const auto v4 = parseV4(text)) {
        result.address = IpAddress::v4(*v4);
        return result;
    }
    std::string_view body = text;
    if (const std::size_t pct = text.find('%'); pct != std::string_view::npos) {
        body = text.substr(0, pct);
        result.zone = text.substr(pct + 1);
        if (result.zone.empty())
            return std::nullopt;
    }
    std::uint8_t raw[16];
    if (!parseV6(body, raw))
        return std::nullopt;
    result.address = IpAddress::v6(raw);
    return result;
}

} // namespace hs
