// SPDX-License-Identifier: MIT
#include "model/log_address.h"

namespace hs {

std::optional<std::uint32_t> canonicalIpv4(std::string_view text) noexcept
{
    std::uint32_t value = 0;
    if (readCanonicalIpv4(text, value))
        return value;
    return std::nullopt;
}

bool readCanonicalIpv4(std::string_view text, std::uint32_t &result) noexcept
{
    // Every client address of every log line comes here, so each octet is read with one test per
    // byte (a digit is a byte whose value minus '0' is at most 9) and no separate length checks:
    // half the instructions of a loop that bounds each octet's digits.
    if (text.size() < 7 || text.size() > 15)
        return false;
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const unsigned char *const end = p + text.size();
    const auto digit = [&](unsigned &d) noexcept {
        if (p == end)
            return false;
        d = static_cast<unsigned>(*p) - '0';
        return d <= 9;
    };
    std::uint32_t value = 0;
    for (int octet = 0; octet < 4; ++octet) {
        unsigned part = 0, d = 0;
        if (!digit(part))
            return false;
        ++p;
        if (digit(d)) {
            // "010" would render back as "10": such spellings stay text so they show as written.
            if (part == 0)
                return false;
            part = part * 10 + d;
            ++p;
            if (digit(d)) {
                part = part * 10 + d;
                ++p;
                if (part > 255)
                    return false;
            }
        }
        value = (value << 8) | part;
        if (octet < 3) {
            if (p == end || *p != '.')
                return false;
            ++p;
        }
    }
    if (p != end || value >= LogAddress::kTextTag)
        return false;
    result = value;
    return true;
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
