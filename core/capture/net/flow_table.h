// SPDX-License-Identifier: MIT
// Open-addressing hash table from FlowKey to a small value, with linear probing and backward-shift
// deletion (no tombstone slots, so lookups stay short after millions of connections come and go).
// Grows by doubling at half load; nothing is allocated per lookup.
#pragma once

#include "capture/net/flow_key.h"

#include <cstdint>
#include <vector>

namespace hs::net {

template <typename Value>
class FlowTable {
public:
    FlowTable() { slots_.resize(kInitialCapacity); }

    // Returns the value for `key`, or nullptr.
    Value *find(const FlowKey &key, std::uint64_t hash) noexcept
    {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot &s = slots_[i];
            if (!s.used)
                return nullptr;
            if (s.hash == hash && s.key == key)
                return &s.value;
        }
    }

    // Inserts (key must be absent) and returns the new value. Invalidates other Value pointers.
    Value &insert(const FlowKey &key, std::uint64_t hash, const Value &value)
    {
        if ((size_ + 1) * 2 > slots_.size())
            grow();
        Slot &s = place(key, hash);
        s.value = value;
        ++size_;
        return s.value;
    }

    void erase(const FlowKey &key, std::uint64_t hash) noexcept
    {
        const std::size_t mask = slots_.size() - 1;
        std::size_t i = hash & mask;
        for (;; i = (i + 1) & mask) {
            if (!slots_[i].used)
                return;
            if (slots_[i].hash == hash && slots_[i].key == key)
                break;
        }
        // Backward shift: move later members of the probe run into the hole when that keeps them
        // reachable from their home slot.
        std::size_t hole = i;
        for (std::size_t j = (i + 1) & mask; slots_[j].used; j = (j + 1) & mask) {
            const std::size_t home = slots_[j].hash & mask;
            const bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                slots_[hole] = slots_[j];
                hole = j;
            }
        }
        slots_[hole].used = false;
        --size_;
    }

    std::size_t size() const noexcept { return size_; }

    // Calls fn(key, hash, value) for every entry; fn must not modify the table.
    template <typename Fn>
    void forEach(Fn &&fn)
    {
        for (Slot &s : slots_)
            if (s.used)
                fn(s.key, s.hash, s.value);
    }

    std::size_t memoryBytes() const noexcept { return slots_.capacity() * sizeof(Slot); }

private:
    static constexpr std::size_t kInitialCapacity = 1024;

    struct Slot {
        FlowKey key;
        std::uint64_t hash = 0;
        Value value{};
        bool used = false;
    };

    Slot &place(const FlowKey &key, std::uint64_t hash) noexcept
    {
        const std::size_t mask = slots_.size() - 1;
        std::size_t i = hash & mask;
        while (slots_[i].used)
            i = (i + 1) & mask;
        Slot &s = slots_[i];
        s.key = key;
        s.hash = hash;
        s.used = true;
        return s;
    }

    void grow()
    {
        std::vector<Slot> old(slots_.size() * 2);
        old.swap(slots_);
        for (Slot &s : old)
            if (s.used)
                place(s.key, s.hash).value = s.value;
    }

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

} // namespace hs::net
