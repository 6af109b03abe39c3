// SPDX-License-Identifier: MIT
// Interning of high-cardinality columns (URIs, IPv6 clients) in batches. A value the chunk's cache
// has never seen costs a string-pool lookup of three dependent cache misses; a generated day has
// a million such values. Queued and interned together (StringPool::internBatch), their misses
// overlap. The row gets the id when the batch is interned, so only fields nothing reads while the
// chunk is parsed may be deferred.
#pragma once

#include "formats/column_interner.h"
#include "model/log_address.h"
#include "model/string_pool.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace hs {

template <typename Row>
class DeferredIds {
public:
    explicit DeferredIds(ColumnInterner &columns) : columns_(columns) {}

    // Sets row.*field to the id of `value`: now when the column knows it, else when the queue is
    // interned. `row` is the row the parser is filling and will append to `rows` as rows[rowIndex];
    // `value` must stay readable until the chunk is done (a view into the mapped input).
    void intern(std::size_t column, std::string_view value, std::size_t rowIndex, Row &row, StrId Row::*field)
    {
        std::uint64_t hash = 0;
        if (const auto id = columns_.known(column, value, hash)) {
            row.*field = *id;
            return;
        }
        queue(value, hash, Pending{rowIndex, field, nullptr});
    }

    // The same for a client address: a canonical IPv4 address needs no interning at all.
    void internAddress(std::size_t column, std::string_view value, std::size_t rowIndex, Row &row,
                       LogAddress Row::*field)
    {
        if (const auto v4 = canonicalIpv4(value)) {
            row.*field = LogAddress::ipv4(*v4);
            return;
        }
        std::uint64_t hash = 0;
        if (const auto id = columns_.known(column, value, hash)) {
            row.*field = LogAddress::text(*id);
            return;
        }
        queue(value, hash, Pending{rowIndex, nullptr, field});
    }

    // After every line: forgets what a rejected line queued (its row never reached `rows`, and the
    // next line's row takes its index), then interns the queue once it is full.
    void endLine(std::vector<Row> &rows)
    {
        while (!pending_.empty() && pending_.back().row >= rows.size()) {
            pending_.pop_back();
            requests_.pop_back();
        }
        if (pending_.size() >= kBatch)
            flush(rows);
    }

    // Interns the queue and fills in its rows. Call at the end of the chunk, after endLine().
    void flush(std::vector<Row> &rows)
    {
        if (pending_.empty())
            return;
        InternCache &cache = columns_.cache();
        cache.pool().internBatch(requests_);
        for (std::size_t i = 0; i < pending_.size(); ++i) {
            const Pending &p = pending_[i];
            const StrId id = requests_[i].id;
            if (p.idField)
                rows[p.row].*p.idField = id;
            else
                rows[p.row].*p.addressField = LogAddress::text(id);
            // The next sighting in this chunk is a cache hit; the key is the input's own bytes,
            // which outlive the chunk's cache.
            cache.remember(requests_[i].text, requests_[i].hash, id);
        }
        pending_.clear();
        requests_.clear();
    }

private:
    // Enough requests for their misses to overlap; few enough to stay in L1 with their lines.
    static constexpr std::size_t kBatch = 32;
    struct Pending {
        std::size_t row;
        StrId Row::*idField;
        LogAddress Row::*addressField;
    };
    void queue(std::string_view value, std::uint64_t hash, const Pending &p)
    {
        requests_.push_back(StringPool::Request{value, hash});
        pending_.push_back(p);
    }
    ColumnInterner &columns_;
    std::vector<StringPool::Request> requests_;
    std::vector<Pending> pending_;
};

} // namespace hs
