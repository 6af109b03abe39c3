// SPDX-License-Identifier: MIT
// Counts occurrences of interned ids (client addresses, URIs, reasons) over millions of records:
// an open-addressing table of (id, count) with no per-insert allocation — std::unordered_map's node
// allocations dominated the summaries' profile.
#pragma once

#include "model/string_pool.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace hs {

class IdCounter {
public:
    void add(StrId id, std::uint64_t n = 1)
    {
        if ((used_ + 1) * 4 > slots_.size() * 3)
            grow();
        const std::size_t mask = slots_.size() - 1;
        std::size_t pos = hash(id) & mask;
        while (slots_[pos].count != 0 && slots_[pos].id != id)
            pos = (pos + 1) & mask;
        if (slots_[pos].count == 0) {
            slots_[pos].id = id;
            ++used_;
        }
        slots_[pos].count += n;
    }

    std::size_t size() const noexcept { return used_; }

    template <typename Fn>
    void forEach(Fn &&fn) const
    {
        for (const auto &s : slots_)
            if (s.count)
                fn(s.id, s.count);
    }

    std::vector<std::pair<StrId, std::uint64_t>> items() const
    {
        std::vector<std::pair<StrId, std::uint64_t>> v;
        v.reserve(used_);
        forEach([&](StrId id, std::uint64_t c) { v.emplace_back(id, c); });
        return v;
    }

private:
    struct Slot {
        StrId id = 0;
        std::uint64_t count = 0; // 0 marks an empty slot
    };
    static std::size_t hash(StrId id) noexcept { return static_cast<std::size_t>(id * 0x9E3779B97F4A7C15ULL >> 20); }
    void grow()
    {
        std::vector<Slot> old(slots_.empty() ? 16 : slots_.size() * 2);
        old.swap(slots_);
        used_ = 0;
        for (const Slot &s : old)
            if (s.count)
                add(s.id, s.count);
    }
    std::vector<Slot> slots_;
    std::size_t used_ = 0;
};

} // namespace hs
