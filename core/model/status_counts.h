// SPDX-License-Identifier: MIT
// Records per HTTP status code: a flat array for 0..999 (a std::map per record was the summaries'
// cost), a map for anything larger a log may hold.
#pragma once

#include <array>
#include <cstdint>
#include <map>

namespace hs {

struct StatusCounts {
    std::array<std::uint64_t, 1000> counts{};
    std::map<std::uint16_t, std::uint64_t> other;

    void add(std::uint16_t status, std::uint64_t n = 1)
    {
        if (status < counts.size())
            counts[status] += n;
        else
            other[status] += n;
    }
    void merge(const StatusCounts &more)
    {
        for (std::size_t i = 0; i < counts.size(); ++i)
            counts[i] += more.counts[i];
        for (const auto &[status, n] : more.other)
            other[status] += n;
    }
    void into(std::map<std::uint16_t, std::uint64_t> &out) const
    {
        for (std::size_t i = 0; i < counts.size(); ++i)
            if (counts[i])
                out[static_cast<std::uint16_t>(i)] += counts[i];
        for (const auto &[status, n] : other)
            out[status] += n;
    }
};

} // namespace hs
