// SPDX-License-Identifier: MIT
// The n most frequent values of a column (top clients, URIs, app pools), most frequent first, ties
// broken by text. Keys are ids that are unique per text (StrId, LogAddress codes), so counts are
// ranked on ids and only keys tied with the n-th count are named: a reason seen from 100,000
// clients once each names those, not 100,000 × log n of them inside a comparison sort.
#pragma once

#include "model/analysis.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace hs {

// The n most frequent keys that forEachItem(fn) visits as fn(key, count); `name(key)` returns the
// key's text (a view or a string). One pass finds the n-th highest count with an n-sized heap, a
// second names the keys at or above it: nothing the size of the table is copied (the HTTPERR
// summary ranks a million clients per reason, and a copy of them was its memory peak).
template <typename Key, typename ForEachItem, typename Name>
std::vector<CountedValue> topCountedOf(ForEachItem &&forEachItem, std::size_t n, Name &&name)
{
    if (n == 0)
        return {};
    std::vector<std::uint64_t> best; // min-heap of the n highest counts so far
    best.reserve(n);
    forEachItem([&](const Key &, std::uint64_t count) {
        if (best.size() < n) {
            best.push_back(count);
            std::push_heap(best.begin(), best.end(), std::greater<>());
        } else if (count > best.front()) {
            std::pop_heap(best.begin(), best.end(), std::greater<>());
            best.back() = count;
            std::push_heap(best.begin(), best.end(), std::greater<>());
        }
    });
    if (best.empty())
        return {};
    const std::size_t keep = best.size();
    const std::uint64_t bar = best.front();
    using Text = std::decay_t<decltype(name(std::declval<const Key &>()))>;
    std::vector<std::pair<Text, std::uint64_t>> above, tied;
    forEachItem([&](const Key &key, std::uint64_t count) {
        if (count > bar)
            above.emplace_back(name(key), count);
        else if (count == bar)
            tied.emplace_back(name(key), count);
    });
    const auto fromTied = static_cast<std::ptrdiff_t>(keep - above.size());
    std::partial_sort(tied.begin(), tied.begin() + fromTied, tied.end(),
                      [](const auto &x, const auto &y) { return x.first < y.first; });
    above.insert(above.end(), tied.begin(), tied.begin() + fromTied);
    std::sort(above.begin(), above.end(), [](const auto &x, const auto &y) {
        return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
    std::vector<CountedValue> out;
    out.reserve(keep);
    for (const auto &[text, count] : above)
        out.push_back({std::string(text), count});
    return out;
}

// `items` holds (key, count).
template <typename Key, typename Name>
std::vector<CountedValue> topCounted(const std::vector<std::pair<Key, std::uint64_t>> &items, std::size_t n,
                                     Name &&name)
{
    return topCountedOf<Key>(
        [&](auto &&fn) {
            for (const auto &[key, count] : items)
                fn(key, count);
        },
        n, std::forward<Name>(name));
}

} // namespace hs
