// SPDX-License-Identifier: MIT
// Interns the values of one log column. A column has few values that recur close together: the
// server address and method repeat line after line, and a handful of user agents, HTTP.sys reasons
// or app pools alternate. Each column keeps its recently seen values in a small direct-mapped table
// indexed by a cheap mix of the value's length and first and last eight bytes, so a recurring value
// costs that mix and one comparison, not a full hash and a cache lookup. (One remembered value per
// column caught only the repeats; alternating values all went to the hash.)
// The remembered views point into the bytes being parsed, which stay alive for the whole chunk;
// values from a temporary buffer must go through the InternCache directly.
#pragma once

#include "model/bytes_equal.h"
#include "model/hash.h"
#include "model/string_pool.h"

#include <cassert>
#include <cstring>
#include <string_view>
#include <vector>

namespace hs {

class ColumnInterner {
public:
    // Columns are numbered 0 to columns - 1 (a parser's field slots, plus any of its own).
    ColumnInterner(StringPool &pool, std::size_t columns) : cache_(pool), recent_(columns << kSlotBits) {}

    StrId intern(std::size_t column, std::string_view value)
    {
        Recent &slot = slotOf(column, value);
        if (slot.is(value))
            return slot.id;
        const StrId id = cache_.intern(value);
        slot = Recent{value.data(), static_cast<std::uint32_t>(value.size()), id};
        return id;
    }

    // The column's id for `value` when it was seen recently, else StringPool::kNotFound (see
    // DeferredIds, which looks up the cache itself, in batches, and the W3C user agent, whose id is
    // of a transformed value); remember makes `value` a recent value of the column. (Not an
    // optional: GCC returns one through the stack, and the caller's load of it waited on the two
    // stores that built it.)
    StrId recent(std::size_t column, std::string_view value) const noexcept
    {
        const Recent &slot = slotOf(column, value);
        return slot.is(value) ? slot.id : StringPool::kNotFound;
    }
    void remember(std::size_t column, std::string_view value, StrId id) noexcept
    {
        slotOf(column, value) = Recent{value.data(), static_cast<std::uint32_t>(value.size()), id};
    }

    // For values that do not live in the parsed bytes (unescaped quotes, decoded text).
    InternCache &cache() noexcept { return cache_; }

private:
    static constexpr unsigned kSlotBits = 3; // 8 values a column, 128 bytes: 15 fields take 2 KiB of L1
    struct Recent {
        const char *data = nullptr;
        std::uint32_t size = 0;
        StrId id = kEmptyStr;
        bool is(std::string_view value) const noexcept
        {
            return data && value.size() == size && bytesEqual(value.data(), data, value.size());
        }
    };
    // Values up to 16 bytes are mixed whole; longer ones that differ only in the middle share a
    // slot, which costs a comparison that fails, never a wrong id.
    static std::size_t slotIndex(std::string_view v) noexcept
    {
        const std::size_t n = v.size();
        const auto [a, b] = detail::edgeWords(v.data(), n);
        const std::uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ULL) ^ n) * 0xff51afd7ed558ccdULL;
        return static_cast<std::size_t>(h >> (64 - kSlotBits));
    }
    Recent &slotOf(std::size_t column, std::string_view v) noexcept
    {
        assert(column < recent_.size() >> kSlotBits);
        return recent_[column << kSlotBits | slotIndex(v)];
    }
    const Recent &slotOf(std::size_t column, std::string_view v) const noexcept
    {
        assert(column < recent_.size() >> kSlotBits);
        return recent_[column << kSlotBits | slotIndex(v)];
    }
    InternCache cache_;
    std::vector<Recent> recent_;
};

} // namespace hs
