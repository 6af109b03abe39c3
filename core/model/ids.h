// SPDX-License-Identifier: MIT
// Strong ids for the indices that are easy to mix up (STYLE practice 12).
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace hs {

template <typename Tag, typename T = std::uint32_t>
struct StrongId {
    static constexpr T kInvalid = std::numeric_limits<T>::max();
    T value = kInvalid;

    constexpr StrongId() = default;
    constexpr explicit StrongId(T v) : value(v) {}
    constexpr bool valid() const noexcept { return value != kInvalid; }
    constexpr explicit operator bool() const noexcept { return valid(); }
    friend constexpr auto operator<=>(StrongId, StrongId) = default;
};

using SourceId = StrongId<struct SourceTag>;
using ConnectionId = StrongId<struct ConnectionTag>;
using TransactionId = StrongId<struct TransactionTag>;

} // namespace hs

template <typename Tag, typename T>
struct std::hash<hs::StrongId<Tag, T>> {
    std::size_t operator()(hs::StrongId<Tag, T> id) const noexcept { return std::hash<T>{}(id.value); }
};
