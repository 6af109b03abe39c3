// SPDX-License-Identifier: MIT
// A fixed-size log-bucketed histogram for percentiles over millions of durations without storing
// them: values below 4096 units are counted exactly, larger ones in 256 sub-buckets per power of two
// (relative error below 0.4 %). Adding a value is a few integer operations and never allocates.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <vector>

namespace hs::stats {

class DurationHistogram {
public:
    static constexpr std::uint64_t kExact = 4096; // 2^12
    static constexpr unsigned kExactBits = 12;
    static constexpr unsigned kSubBits = 8; // 256 sub-buckets per octave
    static constexpr std::size_t kBuckets = kExact + (64 - kExactBits) * (1u << kSubBits);

    DurationHistogram() : counts_(kBuckets, 0) {}

    void clear()
    {
        std::fill(counts_.begin(), counts_.end(), 0);
        samples_ = 0;
        min_ = ~std::uint64_t{0};
        max_ = 0;
    }

    void add(std::uint64_t value) noexcept
    {
        ++counts_[indexOf(value)];
        ++samples_;
        min_ = std::min(min_, value);
        max_ = std::max(max_, value);
    }

    std::uint64_t samples() const noexcept { return samples_; }
    std::uint64_t max() const noexcept { return samples_ ? max_ : 0; }

    // Nearest-rank percentile (p in (0, 100]): the smallest recorded value such that at least p % of
    // the samples are at or below it, as its bucket's midpoint clamped to [min, max].
    std::uint64_t percentile(double p) const noexcept
    {
        if (samples_ == 0)
            return 0;
        const double exactRank = p / 100.0 * static_cast<double>(samples_);
        auto rank = static_cast<std::uint64_t>(exactRank);
        if (static_cast<double>(rank) < exactRank)
            ++rank;
        rank = std::clamp<std::uint64_t>(rank, 1, samples_);
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < counts_.size(); ++i) {
            seen += counts_[i];
            if (seen >= rank)
                return std::clamp(representative(i), min_, max_);
        }
        return max_;
    }

    static std::size_t indexOf(std::uint64_t v) noexcept
    {
        if (v < kExact)
            return static_cast<std::size_t>(v);
        const unsigned octave = static_cast<unsigned>(std::bit_width(v)) - 1; // >= kExactBits
        const auto sub = static_cast<std::size_t>((v >> (octave - kSubBits)) & ((1u << kSubBits) - 1));
        return kExact + (octave - kExactBits) * (std::size_t{1} << kSubBits) + sub;
    }

    static std::uint64_t representative(std::size_t index) noexcept
    {
        if (index < kExact)
            return index;
        const std::size_t rel = index - kExact;
        const unsigned octave = kExactBits + static_cast<unsigned>(rel >> kSubBits);
        const std::uint64_t sub = rel & ((1u << kSubBits) - 1);
        const unsigned shift = octave - kSubBits;
        const std::uint64_t low = ((std::uint64_t{1} << kSubBits) + sub) << shift;
        const std::uint64_t width = std::uint64_t{1} << shift;
        return low + (width - 1) / 2;
    }

private:
    std::vector<std::uint64_t> counts_;
    std::uint64_t samples_ = 0;
    std::uint64_t min_ = ~std::uint64_t{0};
    std::uint64_t max_ = 0;
};

} // namespace hs::stats
