// SPDX-License-Identifier: MIT
// Assigns HttpErrContext ids while the chunks of one HTTPERR file are read in parallel. One locked
// table per file holds the contexts; each chunk puts a cache in front of it, so a chunk locks once
// per context it meets (a few hundred), not once per line (millions).
#pragma once

#include "model/records.h"

#include <array>
#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace hs {

struct HttpErrContextHash {
    std::size_t operator()(const HttpErrContext &c) const noexcept { return static_cast<std::size_t>(c.hash()); }
};

class HttpErrContextTable {
public:
    std::uint32_t idOf(const HttpErrContext &context)
    {
        std::lock_guard lock(mutex_);
        const auto [it, inserted] = ids_.try_emplace(context, static_cast<std::uint32_t>(contexts_.size()));
        if (inserted)
            contexts_.push_back(context);
        return it->second;
    }
    // The contexts by id; call once every chunk is done.
    std::vector<HttpErrContext> take()
    {
        std::lock_guard lock(mutex_);
        ids_.clear();
        return std::move(contexts_);
    }

private:
    std::mutex mutex_;
    std::vector<HttpErrContext> contexts_;
    std::unordered_map<HttpErrContext, std::uint32_t, HttpErrContextHash> ids_;
};

class HttpErrContextCache {
public:
    explicit HttpErrContextCache(HttpErrContextTable &table) : table_(table) {}

    std::uint32_t idOf(const HttpErrContext &context)
    {
        // Direct-mapped: a chunk meets a few dozen contexts, so nearly every line hits here with
        // one hash and one compare; the map behind it sees each context about once.
        const std::uint64_t hash = context.hash();
        Slot &slot = slots_[hash % kSlots];
        if (slot.used && slot.context == context)
            return slot.id;
        const auto [it, inserted] = ids_.try_emplace(context, 0);
        if (inserted)
            it->second = table_.idOf(context);
        slot = Slot{context, it->second, true};
        return slot.id;
    }

private:
    static constexpr std::size_t kSlots = 256;
    struct Slot {
        HttpErrContext context;
        std::uint32_t id = 0;
        bool used = false;
    };
    HttpErrContextTable &table_;
    std::unordered_map<HttpErrContext, std::uint32_t, HttpErrContextHash> ids_;
    std::array<Slot, kSlots> slots_{};
};

} // namespace hs
