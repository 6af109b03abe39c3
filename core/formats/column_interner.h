// SPDX-License-Identifier: MIT
// Interns the values of one log column. Most columns repeat the previous line's value (server IP,
// method, version, s-reason, app pool), so comparing with it first skips hashing for them.
// The remembered views point into the bytes being parsed, which stay alive for the whole chunk;
// values from a temporary buffer must go through the InternCache directly.
#pragma once

#include "model/bytes_equal.h"
#include "model/string_pool.h"

#include <array>
#include <cstring>
#include <optional>
#include <string_view>

namespace hs {

class ColumnInterner {
public:
    explicit ColumnInterner(StringPool &pool) : cache_(pool) {}

    StrId intern(std::size_t column, std::string_view value)
    {
        Last &last = last_[column % kColumns];
        if (last.is(value))
            return last.id;
        const StrId id = cache_.intern(value);
        last = Last{value.data(), static_cast<std::uint32_t>(value.size()), id};
        return id;
    }

    // The id of `value` when it is the column's last value (see DeferredIds, which looks up the
    // cache itself, in batches); rememberLast makes `value` the column's last value.
    std::optional<StrId> lastValue(std::size_t column, std::string_view value) const noexcept
    {
        const Last &last = last_[column % kColumns];
        if (last.is(value))
            return last.id;
        return std::nullopt;
    }
    void rememberLast(std::size_t column, std::string_view value, StrId id) noexcept
    {
        last_[column % kColumns] = Last{value.data(), static_cast<std::uint32_t>(value.size()), id};
    }

    // For values that do not live in the parsed bytes (unescaped quotes, decoded text).
    InternCache &cache() noexcept { return cache_; }

private:
    static constexpr std::size_t kColumns = 64;
    struct Last {
        const char *data = nullptr;
        std::uint32_t size = 0;
        StrId id = kEmptyStr;
        bool is(std::string_view value) const noexcept
        {
            return data && value.size() == size && bytesEqual(value.data(), data, value.size());
        }
    };
    InternCache cache_;
    std::array<Last, kColumns> last_{};
};

} // namespace hs
