// SPDX-License-Identifier: MIT
// Interning of high-cardinality columns (URIs, IPv6 clients) in batches. Looking a value up one at
// a time waits on dependent cache misses: the chunk cache's set, then the bytes of the key it
// holds (the value's last sighting, often megabytes back in the input), and for a value the cache
// has never seen a string-pool lookup of three more. Queued, the lookups of a batch are made
// together, each step's loads started for the whole batch before any is used, so the misses
// overlap. The row gets the id when the batch is resolved, so only fields nothing reads while the
// chunk is parsed may be deferred.
#pragma once

#include "formats/column_interner.h"
#include "model/bytes_equal.h"
#include "model/hash.h"
#include "model/log_address.h"
#include "model/string_pool.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace hs {

template <typename Row>
class DeferredIds {
public:
    explicit DeferredIds(ColumnInterner &columns) : columns_(columns) {}

    // Sets row.*field to the id of `value`: now when it is a recent value of the column, else when the
    // queue is resolved. `row` is the row the parser is filling and will append to `rows` as
    // rows[rowIndex]; `value` must stay readable until the chunk is done (a view into the mapped
    // input).
    void intern(std::size_t column, std::string_view value, std::size_t rowIndex, Row &row, StrId Row::*field)
    {
        if (const StrId id = columns_.recent(column, value); id != StringPool::kNotFound) {
            row.*field = id;
            return;
        }
        queue(column, value, Pending{rowIndex, field, nullptr});
    }

    // The same for a client address: a canonical IPv4 address needs no interning at all.
    void internAddress(std::size_t column, std::string_view value, std::size_t rowIndex, Row &row,
                       LogAddress Row::*field)
    {
        if (std::uint32_t v4 = 0; readCanonicalIpv4(value, v4)) {
            row.*field = LogAddress::ipv4(v4);
            return;
        }
        if (const StrId id = columns_.recent(column, value); id != StringPool::kNotFound) {
            row.*field = LogAddress::text(id);
            return;
        }
        queue(column, value, Pending{rowIndex, nullptr, field});
    }

    // After every line: forgets what a rejected line queued (its row never reached `rows`, and the
    // next line's row takes its index), then resolves the queue once it is full.
    void endLine(std::vector<Row> &rows)
    {
        while (!pending_.empty() && pending_.back().row >= rows.size()) {
            pending_.pop_back();
            requests_.pop_back();
            columnOf_.pop_back();
        }
        if (pending_.size() >= kBatch)
            flush(rows);
    }

    // Resolves the queue and fills in its rows. Call at the end of the chunk, after endLine().
    void flush(std::vector<Row> &rows)
    {
        if (pending_.empty())
            return;
        InternCache &cache = columns_.cache();
        // 1. The cache's candidate for each value (its set was prefetched when the value was queued);
        //    candidate() starts loading the candidate's key bytes.
        candidates_.resize(requests_.size());
        for (std::size_t i = 0; i < requests_.size(); ++i)
            candidates_[i] = cache.candidate(requests_[i].text, requests_[i].hash);
        // 2. Hits keep the cached id; the rest go to the pool together.
        misses_.clear();
        missOf_.clear();
        for (std::size_t i = 0; i < requests_.size(); ++i) {
            StringPool::Request &r = requests_[i];
            const auto &c = candidates_[i];
            if (c && bytesEqual(c->key, r.text.data(), r.text.size())) {
                r.id = c->id;
                continue;
            }
            if (c) {
                if (const StrId *hit = cache.find(r.text, r.hash)) { // another way of the set
                    r.id = *hit;
                    continue;
                }
            }
            misses_.push_back(r);
            missOf_.push_back(i);
        }
        if (!misses_.empty()) {
            cache.pool().internBatch(misses_);
            for (std::size_t m = 0; m < misses_.size(); ++m) {
                StringPool::Request &r = requests_[missOf_[m]];
                r.id = misses_[m].id;
                // The next sighting in this chunk is a cache hit; the key is the input's own bytes,
                // which outlive the chunk's cache.
                cache.remember(r.text, r.hash, r.id);
            }
        }
        for (std::size_t i = 0; i < pending_.size(); ++i) {
            const Pending &p = pending_[i];
            const StringPool::Request &r = requests_[i];
            if (p.idField)
                rows[p.row].*p.idField = r.id;
            else
                rows[p.row].*p.addressField = LogAddress::text(r.id);
            columns_.remember(columnOf_[i], r.text, r.id);
        }
        pending_.clear();
        requests_.clear();
        columnOf_.clear();
    }

private:
    // Enough requests for their misses to overlap; few enough to stay in L1 with their lines.
    static constexpr std::size_t kBatch = 32;
    struct Pending {
        std::size_t row;
        StrId Row::*idField;
        LogAddress Row::*addressField;
    };
    void queue(std::size_t column, std::string_view value, const Pending &p)
    {
        const std::uint64_t hash = hashBytes(value);
        columns_.cache().prefetchSet(hash);
        requests_.push_back(StringPool::Request{value, hash});
        pending_.push_back(p);
        columnOf_.push_back(static_cast<std::uint32_t>(column));
    }
    ColumnInterner &columns_;
    std::vector<StringPool::Request> requests_;
    std::vector<Pending> pending_;
    std::vector<std::uint32_t> columnOf_;
    // Scratch of flush(), kept to reuse the allocations.
    std::vector<std::optional<InternCache::Candidate>> candidates_;
    std::vector<StringPool::Request> misses_;
    std::vector<std::size_t> missOf_; // the request each miss came from
};

} // namespace hs
