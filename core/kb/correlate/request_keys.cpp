// SPDX-License-Identifier: MIT
#include "kb/correlate/request_keys.h"

#include "formats/text_scan.h"

#include <algorithm>

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

namespace {

// Calls emit(c) for each character of the normalised path (see normalizeRequestPath).
template <typename Emit>
void forEachNormalized(std::string_view target, Emit &&emit)
{
    // Absolute-form (proxies, HAR URLs): drop scheme and authority.
    for (const std::string_view scheme : {std::string_view("http://"), std::string_view("https://")})
        if (text::startsWithNoCase(target, scheme)) {
            const auto slash = target.find('/', scheme.size());
            target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
            break;
        }
    target = target.substr(0, target.find_first_of("?#"));
    if (target.empty()) {
        emit('/');
        return;
    }
    for (std::size_t i = 0; i < target.size(); ++i) {
        char c = target[i];
        if (c == '%' && i + 2 < target.size()) {
            const int hi = hexValue(target[i + 1]), lo = hexValue(target[i + 2]);
            if (hi >= 0 && lo >= 0) {
                c = static_cast<char>(hi * 16 + lo);
                i += 2;
            }
        }
        emit(c == '+' ? ' ' : lowerAscii(c));
    }
}

} // namespace

std::string normalizeRequestPath(std::string_view target)
{
    std::string out;
    out.reserve(target.size());
    forEachNormalized(target, [&](char c) { out += c; });
    return out;
}

std::uint64_t requestPathHash(std::string_view target) noexcept
{
    std::uint64_t h = 0xcbf29ce484222325ULL; // FNV-1a: byte at a time, fine for short paths
    forEachNormalized(target, [&](char c) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    });
    return h;
}

void hashRequestPaths(const StringPool &pool, std::span<std::pair<std::uint64_t, TimeUs>> pathTimes) noexcept
{
    constexpr std::size_t kAhead = 8;
    const std::size_t n = pathTimes.size();
    std::uint64_t lastId = ~std::uint64_t{0}, lastHash = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (i + 2 * kAhead < n)
            pool.prefetchEntry(static_cast<StrId>(pathTimes[i + 2 * kAhead].first));
        if (i + kAhead < n)
            pool.prefetchText(static_cast<StrId>(pathTimes[i + kAhead].first));
        const std::uint64_t id = pathTimes[i].first;
        if (id != lastId) {
            lastId = id;
            lastHash = requestPathHash(pool.view(static_cast<StrId>(id)));
        }
        pathTimes[i].first = lastHash;
    }
}

void RequestKeys::noteLength(std::size_t n)
{
    if (n >= kTrackedLengths) {
        longPaths_ = true;
        return;
    }
    if (lengthsSeen_.empty())
        lengthsSeen_.assign(kTrackedLengths / 64, 0);
    lengthsSeen_[n / 64] |= std::uint64_t{1} << (n % 64);
}

bool RequestKeys::lengthSeen(std::size_t n) const noexcept
{
    if (n >= kTrackedLengths)
        return longPaths_;
    return !lengthsSeen_.empty() && (lengthsSeen_[n / 64] >> (n % 64) & 1);
}

RequestKey RequestKeys::addTarget(StrId method, StrId target)
{
    std::string path = normalizeRequestPath(strings_.view(target));
    noteLength(path.size());
    const auto [it, inserted] = paths_.try_emplace(std::move(path), static_cast<std::uint32_t>(paths_.size()));
    if (std::find(methods_.begin(), methods_.end(), method) == methods_.end())
        methods_.push_back(method);
    stemMemo_.clear(); // a new path can turn an earlier "no key" answer into a key
    return (RequestKey{method} << 32) | it->second;
}

RequestKey RequestKeys::findStem(StrId method, StrId stem, StemMemo &stemMemo) const
{
    if (std::find(methods_.begin(), methods_.end(), method) == methods_.end())
        return kNoKey;
    // Ids are dense (a counter per shard, interleaved), so a flat table indexed by id is a few MB
    // even for millions of distinct strings, and a lookup is one load.
    if (stem >= stemMemo.size())
        stemMemo.resize(std::max<std::size_t>(static_cast<std::size_t>(stem) + 1, stemMemo.size() * 3 / 2), 0);
    std::uint32_t &memo = stemMemo[stem];
    if (memo == 0) {
        // A plain stem ("/a/b": no escapes, query or fragment) keeps its length when normalised, so
        // a length no captured path has cannot match and needs no normalised copy.
        const std::string_view raw = strings_.view(stem);
        const bool plain = !raw.empty() && raw.front() == '/' && raw.find_first_of("%?#") == std::string_view::npos;
        if (plain && !lengthSeen(raw.size())) {
            memo = 1;
        } else {
            const auto p = paths_.find(normalizeRequestPath(raw));
            memo = p == paths_.end() ? 1 : p->second + 2;
        }
    }
    return memo == 1 ? kNoKey : (RequestKey{method} << 32) | (memo - 2);
}

} // namespace hs::kb
