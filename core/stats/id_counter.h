// SPDX-License-Identifier: MIT
// Counts occurrences of interned ids (client addresses, URIs, reasons) over millions of records:
// an open-addressing table of (id, count) with no per-insert allocation — std::unordered_map's node
// allocations dominated the summaries' profile.
#pragma once

#include "model/prefetch.h"
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
        Slot &slot = slots_[probe(id)];
        if (slot.count == 0) {
            slot.id = id;
            ++used_;
        }
        std::uint64_t total = slot.count + n;
        if (total > kMaxSlotCount) {
            // Never in practice (4 billion lines of one value); kept exact all the same. The slot
            // keeps 1 so it stays occupied.
            overflow_.emplace_back(id, total - 1);
            total = 1;
        }
        slot.count = static_cast<std::uint32_t>(total);
    }

    bool contains(StrId id) const noexcept { return used_ != 0 && slots_[probe(id)].count != 0; }
    // A hint that add(id) comes soon (see model/prefetch.h); callers issue it a dozen keys ahead.
    void prefetch(StrId id) const noexcept
    {
        if (!slots_.empty())
            prefetchForWrite(&slots_[hash(id) & (slots_.size() - 1)]);
    }
    std::size_t size() const noexcept { return used_; }

    template <typename Fn>
    void forEach(Fn &&fn) const
    {
        if (!overflow_.empty()) {
            for (const auto &[id, count] : items())
                fn(id, count);
            return;
        }
        for (const auto &s : slots_)
            if (s.count)
                fn(s.id, std::uint64_t{s.count});
    }

    std::vector<std::pair<StrId, std::uint64_t>> items() const
    {
        std::vector<std::pair<StrId, std::uint64_t>> v;
        v.reserve(used_);
        for (const auto &s : slots_)
            if (s.count)
                v.emplace_back(s.id, s.count);
        for (const auto &[id, extra] : overflow_)
            for (auto &item : v)
                if (item.first == id)
                    item.second += extra;
        return v;
    }

private:
    // 8 bytes a slot: a million distinct client addresses per reason make this table far bigger
    // than the CPU caches, and half the bytes is half the cache misses.
    struct Slot {
        StrId id = 0;
        std::uint32_t count = 0; // 0 marks an empty slot
    };
    static constexpr std::uint64_t kMaxSlotCount = 0xffffffffu;
    static std::size_t hash(StrId id) noexcept { return static_cast<std::size_t>(id * 0x9E3779B97F4A7C15ULL >> 20); }
    // The slot holding `id`, or the empty slot where it would go (the table is never full).
    std::size_t probe(StrId id) const noexcept
    {
        const std::size_t mask = slots_.size() - 1;
        std::size_t pos = hash(id) & mask;
        while (slots_[pos].count != 0 && slots_[pos].id != id)
            pos = (pos + 1) & mask;
        return pos;
    }
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
    std::vector<std::pair<StrId, std::uint64_t>> overflow_; // counts beyond a slot's 32 bits
};

} // namespace hs
