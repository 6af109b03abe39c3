// SPDX-License-Identifier: MIT
#include "model/log_address.h"

namespace hs {

std::optional<std::uint32_t> canonicalIpv4(std::string_view text) noexcept
{
    if (text.size() < 7 || text.size() > 15)
        return std::nullopt;
    std::uint32_t value = 0;
    std::size_t i = 0;
    for (int octet = 0; octet < 4; ++octet) {
        if (octet > 0) {
            if (i >= text.size() || text[i] != '.')
                return std::nullopt;
            ++i;
        }
        const std::size_t start = i;
        unsigned part = 0;
        while (i < text.size() && i - start < 3 && text[i] >= '0' && text[i] <= '9')
            part = part * 10 + static_cast<unsigned>(text[i++] - '0');
        const std::size_t digits = i - start;
        // "010" would render back as "10": such spellings stay text so they show as written.
        if (digits == 0 || part > 255 || (digits > 1 && text[start] == '0'))
            return std::nullopt;
        value = (value << 8) | part;
    }
    if (i != text.size() || value >= LogAddress::kTextTag)
        return std::nullopt;
    return value;
}

std::optional<LogAddress> findLogAddress(const StringPool &pool, std::string_view text)
{
    if (const auto v4 = canonicalIpv4(text))
        return LogAddress::ipv4(*v4);
    const StrId id = pool.find(text);
    if (id == StringPool::kNotFound || id > LogAddress::kMaxTextId)
        return std::nullopt;
    return LogAddress::text(id);
}

std::string addressText(const StringPool &pool, LogAddress address)
{
    if (!address.isIpv4())
        return std::string(pool.view(address.textId()));
    const std::uint32_t v = address.ipv4Value();
    char buf[16];
    char *p = buf;
    for (int shift = 24; shift >= 0; shift -= 8) {
        const unsigned octet = (v >> shift) & 0xffu;
        if (octet >= 100)
            *p++ = static_cast<char>('0' + octet / 100);
        if (octet >= 10)
            *p++ = static_cast<char>('0' + octet / 10 % 10);
        *p++ = static_cast<char>('0' + octet % 10);
        if (shift > 0)
            *p++ = '.';
    }
    return std::string(buf, static_cast<std::size_t>(p - buf));
}

IpAddress addressIp(const StringPool &pool, LogAddress address)
{
    if (address.isIpv4())
        return IpAddress::v4(address.ipv4Value());
    if (address.empty())
        return {};
    const auto parsed = parseIp(pool.view(address.textId()));
    return parsed ? parsed->address : IpAddress{};
}

} // namespace hs
