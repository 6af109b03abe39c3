// SPDX-License-Identifier: MIT
// Internal to correlation: the two passes over every log record — HTTPERR lines grouped by reason,
// then the W3C digest and candidates — split over threads by record slices (record_slices.h) and
// merged in slice order, so their results do not depend on the thread count.
#pragma once

#include "kb/correlate/candidates.h"
#include "kb/correlate/correlation.h"
#include "stats/id_counter.h"

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
// IdCounter's open-addressing table (IPv4 codes span 32 bits, too wide for IdSet's bits): the W3C
// pass tests it for every POST, and std::unordered_set's modulo and node hop were half of that pass.
class WatchedClients {
public:
    bool insert(LogAddress client)
    {
        if (codes_.contains(client.code()))
            return false;
        codes_.add(client.code());
        filter_.clear(); // stale: contains() asks the table until seal() runs again
        return true;
    }
    // Builds the filter in front of the table; call once the set is complete.
    void seal();
    bool contains(LogAddress client) const
    {
        if (!filter_.empty()) {
            const std::uint64_t h = mixed(client.code());
            const std::uint64_t bits = filterBits(h);
            if ((filter_[(h >> 32) & (filter_.size() - 1)] & bits) != bits)
                return false;
        }
        return codes_.contains(client.code());
    }
    bool empty() const noexcept { return codes_.size() == 0; }
    std::size_t size() const noexcept { return codes_.size(); }
    friend bool operator==(const WatchedClients &a, const WatchedClients &b)
    {
        if (a.size() != b.size())
            return false;
        bool same = true;
        a.codes_.forEach([&](StrId code, std::uint64_t) { same = same && b.codes_.contains(code); });
        return same;
    }

private:
    // A blocked Bloom filter: one 64-bit word per code, three bits set in it, about 10 bits per
    // client (a 52,000-client set takes 64 KiB and stays in L2 beside the rows streaming past). Most
    // POSTs come from clients that are not watched; with the filter they skip the table, whose
    // misses were a third of the W3C pass on the KB benchmark bundle.
    static std::uint64_t mixed(std::uint32_t code) noexcept { return code * 0x9E3779B97F4A7C15ULL; }
    static std::uint64_t filterBits(std::uint64_t h) noexcept
    {
        return (std::uint64_t{1} << (h & 63)) | (std::uint64_t{1} << ((h >> 6) & 63)) |
               (std::uint64_t{1} << ((h >> 12) & 63));
    }
    IdCounter codes_;                   // LogAddress codes, each counted once
    std::vector<std::uint64_t> filter_; // empty: not sealed
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
