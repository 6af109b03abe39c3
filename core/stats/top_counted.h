// SPDX-License-Identifier: MIT
// The n most frequent values of a column (top clients, URIs, app pools), most frequent first, ties
// broken by text. Keys are ids that are unique per text (StrId, LogAddress codes), so counts are
// ranked on ids and only keys tied with the n-th count are named: a reason seen from 100,000
// clients once each names those, not 100,000 × log n of them inside a comparison sort.
#pragma once

#include "model/analysis.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace hs {

// `items` holds (key, count); `name(key)` returns the key's text (a view or a string).
template <typename Key, typename Name>
std::vector<CountedValue> topCounted(std::vector<std::pair<Key, std::uint64_t>> items, std::size_t n, Name &&name)
{
    const std::size_t keep = std::min(n, items.size());
    if (keep == 0)
        return {};
    std::nth_element(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(keep - 1), items.end(),
                     [](const auto &x, const auto &y) { return x.second > y.second; });
    const std::uint64_t bar = items[keep - 1].second;
    using Text = std::decay_t<decltype(name(items.front().first))>;
    std::vector<std::pair<Text, std::uint64_t>> above, tied;
    for (const auto &[key, count] : items) {
        if (count > bar)
            above.emplace_back(name(key), count);
        else if (count == bar)
            tied.emplace_back(name(key), count);
    }
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

} // namespace hs
