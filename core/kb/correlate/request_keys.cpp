// SPDX-License-Identifier: MIT
#include "kb/correlate/request_keys.h"

#include "formats/text_scan.h"

namespace hs::kb {
namespace {

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

char lowerAscii(char c) noexcept
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

std::string normalizeRequestPath(std::string_view target)
{
    // Absolute-form (proxies, HAR URLs): drop scheme and authority.
    for (const std::string_view scheme : {std::string_view("http://"), std::string_view("https://")})
        if (text::startsWithNoCase(target, scheme)) {
            const auto slash = target.find('/', scheme.size());
            target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
            break;
        }
    target = target.substr(0, target.find_first_of("?#"));
    std::string out;
    out.reserve(target.size());
    for (std::size_t i = 0; i < target.size(); ++i) {
        char c = target[i];
        if (c == '%' && i + 2 < target.size()) {
            const int hi = hexValue(target[i + 1]), lo = hexValue(target[i + 2]);
            if (hi >= 0 && lo >= 0) {
                c = static_cast<char>(hi * 16 + lo);
                i += 2;
            }
        }
        out += c == '+' ? ' ' : lowerAscii(c);
    }
    return out.empty() ? std::string("/") : out;
}

RequestKey RequestKeys::addTarget(StrId method, StrId target)
{
    const auto [it, inserted] =
        paths_.try_emplace(normalizeRequestPath(strings_.view(target)), static_cast<std::uint32_t>(paths_.size()));
    methods_[method] = true;
    stemMemo_.clear(); // a new path can turn an earlier "no key" answer into a key
    return (RequestKey{method} << 32) | it->second;
}

RequestKey RequestKeys::findStem(StrId method, StrId stem)
{
    if (methods_.find(method) == methods_.end())
        return kNoKey;
    auto [it, inserted] = stemMemo_.try_emplace(stem, kNoPathKey);
    if (inserted) {
        const auto p = paths_.find(normalizeRequestPath(strings_.view(stem)));
        if (p != paths_.end())
            it->second = p->second;
    }
    return it->second == kNoPathKey ? kNoKey : (RequestKey{method} << 32) | it->second;
}

} // namespace hs::kb
