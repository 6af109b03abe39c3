// SPDX-License-Identifier: MIT
// Internal to correlation: the two passes over every log record — HTTPERR lines grouped by reason,
// then the W3C digest and candidates — split over threads by record slices (record_slices.h) and
// merged in slice order, so their results do not depend on the thread count.
#pragma once

#include "kb/correlate/candidates.h"
#include "kb/correlate/correlation.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hs {
class CancelToken;
}

namespace hs::kb {

// A set of interned ids, one bit per id: tested for every log line, so no hashing.
class IdSet {
public:
    bool insert(StrId id)
    {
        if (id >= bits_.size())
            bits_.resize(static_cast<std::size_t>(id) + 1, false);
        if (bits_[id])
            return false;
        bits_[id] = true;
        ++count_;
        return true;
    }
    bool contains(StrId id) const noexcept { return id < bits_.size() && bits_[id]; }
    bool empty() const noexcept { return count_ == 0; }

private:
    std::vector<bool> bits_; // by id: tested for every line of the logs
    std::size_t count_ = 0;
};

// Clients named by connection-level HTTPERR lines of the watched reasons, as the addresses a W3C
// log would write for them: the W3C pass then tests an integer code per POST instead of parsing
// addresses (HTTPERR may write a zone id or another IPv6 spelling, so the canonical text counts too).
// An open-addressing set (IPv4 codes span 32 bits, too wide for IdSet's bits): the W3C pass tests
// it for every POST, and std::unordered_set's modulo and node hop were half of that pass.
class WatchedClients {
public:
    bool insert(LogAddress client)
    {
        if ((size_ + 1) * 2 > slots_.size())
            grow();
        std::uint64_t &slot = slots_[find(client.code())];
        if (slot != 0)
            return false;
        slot = std::uint64_t{client.code()} + 1;
        ++size_;
        return true;
    }
    bool contains(LogAddress client) const { return size_ != 0 && slots_[find(client.code())] != 0; }
    bool empty() const noexcept { return size_ == 0; }
    std::size_t size() const noexcept { return size_; }
    friend bool operator==(const WatchedClients &a, const WatchedClients &b)
    {
        if (a.size_ != b.size_)
            return false;
        for (const std::uint64_t s : a.slots_)
            if (s != 0 && !b.contains(LogAddress::fromCode(static_cast<std::uint32_t>(s - 1))))
                return false;
        return true;
    }

private:
    // The slot holding `code`, or the empty slot where it would go. Slots hold code + 1; 0 is empty.
    std::size_t find(std::uint32_t code) const noexcept
    {
        const std::size_t mask = slots_.size() - 1;
        std::size_t pos = static_cast<std::size_t>((code * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
        while (slots_[pos] != 0 && slots_[pos] != std::uint64_t{code} + 1)
            pos = (pos + 1) & mask;
        return pos;
    }
    void grow()
    {
        std::vector<std::uint64_t> old(slots_.empty() ? 64 : slots_.size() * 2, 0);
        old.swap(slots_);
        for (const std::uint64_t s : old)
            if (s != 0)
                slots_[find(static_cast<std::uint32_t>(s - 1))] = s;
    }
    std::vector<std::uint64_t> slots_;
    std::size_t size_ = 0;
};

// Capture time ranges (with clock-offset slack) in which W3C lines may describe captured requests.
struct TimeWindow {
    TimeUs from, to;
};

// Fills corr.httpErr (byReason, total, first, last) and the watched clients.
void indexHttpErr(const Analysis &a, Correlation &corr, const CorrelateOptions &options, WatchedClients &watched,
                  const CancelToken &cancel);
// Fills corr.w3c and the candidates' buckets (each sorted by time).
void scanW3c(const Analysis &a, Correlation &corr, const CorrelateOptions &options, const WatchedClients &watched,
             const std::vector<TimeWindow> &windows, CandidateIndex &candidates, const CancelToken &cancel);

} // namespace hs::kb
