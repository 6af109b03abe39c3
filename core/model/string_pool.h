// SPDX-License-Identifier: MIT
// Interned strings: records store 4-byte ids instead of strings (STYLE practice 4).
//
// The pool is shared by every reader thread of one analysis. Interning a string that is there
// already takes no lock (slots and entries are only ever filled in); inserting one takes a per-shard
// lock. Readers still put an InternCache in front of it: the cache keys on views into the mapped
// input and stays in the CPU cache, where the pool's tables do not. Lookups by id never lock:
// entries live in fixed-size blocks that never move once published.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace hs {

using StrId = std::uint32_t;
inline constexpr StrId kEmptyStr = 0; // id 0 is always the empty string ("-" in logs maps here too)

class StringPool {
public:
    StringPool();
    ~StringPool();
    StringPool(const StringPool &) = delete;
    StringPool &operator=(const StringPool &) = delete;

    // Thread-safe. Returns the same id for equal bytes.
    StrId intern(std::string_view text);
    StrId intern(std::string_view text, std::uint64_t hash);
    // Thread-safe. Interns each request's text (its hash given) into its id, as intern() would. A
    // lookup in a big pool is three dependent cache misses (index slot, entry, text); here the
    // requests' misses overlap, so a batch of rare values costs little more than one of them.
    struct Request {
        std::string_view text;
        std::uint64_t hash = 0;
        StrId id = kEmptyStr; // out
    };
    void internBatch(std::span<Request> requests);
    // Frees the index arrays that rehashes replaced. Lock-free lookups may still be reading them, so
    // call it only while no other thread uses the pool (e.g. once all readers finished).
    void releaseRetired();
    // Hints for loops that view many scattered ids: a view is two dependent cache misses (the entry,
    // then the text). prefetchEntry(id) starts loading the entry; prefetchText(id), issued a few
    // ids later, reads it and starts loading the text. Lock-free; unknown ids are ignored.
    void prefetchEntry(StrId id) const noexcept;
    void prefetchText(StrId id) const noexcept;
    // Thread-safe, lock-free; the view stays valid for the pool's lifetime.
    std::string_view view(StrId id) const noexcept;
    // Returns kEmptyStr-or-id if present, without inserting; npos-like ~0u when absent.
    StrId find(std::string_view text) const;
    static constexpr StrId kNotFound = ~StrId{0};

    std::size_t size() const noexcept;
    std::size_t memoryBytes() const noexcept;

private:
    // 64 shards: two reader threads interning millions of distinct client addresses and URIs
    // collided on 16 (one shard's rehash stalled the other thread), while an empty pool stays small
    // (fuzzers and the GUI create many; a shard allocates nothing until its first string). Entry
    // blocks double in size: block b holds 256 << b entries, so a shard never reallocates (reads
    // stay lock-free) and small analyses allocate little.
    static constexpr unsigned kShardBits = 6;
    static constexpr unsigned kShards = 1u << kShardBits;
    static constexpr unsigned kFirstBlockBits = 8;
    static constexpr unsigned kMaxBlocks = 19; // 256 * (2^19 - 1) > 2^26 entries per shard (the id's limit)
    // A string's record in its shard's arena: its length as a LEB128 varint, then its bytes. An
    // entry is one pointer to it, 8 bytes, not pointer + size (16 with padding): a million
    // interned stems and IPv6 addresses are 8 MB less.
    using Entry = const char *;
    struct Shard;
    std::array<std::unique_ptr<Shard>, kShards> shards_;
};

// Per-thread cache in front of a StringPool; its keys point into the pool's own storage, so callers
// may intern views of temporary buffers. Not thread-safe: one per worker.
//
// A cache, not a map: 4-way set-associative with 16-byte slots, so a set is one cache line, and
// bounded (256 KiB), so it stays in L2 beside the chunk being parsed. A full set gives up one of
// its values, which then costs a pool lookup again. Before, a growing hash table held every value
// a chunk had seen: a megabyte of rare URIs that missed the CPU caches, rehashed as it grew.
class InternCache {
public:
    explicit InternCache(StringPool &pool);
    StrId intern(std::string_view text);
    // Interns transform(raw) but caches by raw, so the transform (e.g. '+' to ' ') runs once per
    // distinct raw value. transform returns a view valid until the next call.
    template <typename Transform>
    StrId internTransformed(std::string_view raw, Transform &&transform)
    {
        if (raw.empty())
            return kEmptyStr;
        const std::uint64_t hash = hashOf(raw);
        if (const StrId *hit = lookup(raw, hash))
            return *hit;
        const StrId rawId = pool_.intern(raw, hash); // the key's storage
        const StrId id = pool_.intern(transform(raw));
        insert(pool_.view(rawId), hash, id);
        return id;
    }

    // For callers that resolve misses themselves (a batch through StringPool::internBatch): the
    // cached id of `text` (hashed with hashBytes) or nullptr, and adding an id the pool returned for
    // `text`, which must stay readable as long as this cache (a view into the mapped input, or into
    // the pool).
    const StrId *find(std::string_view text, std::uint64_t hash) const noexcept { return lookup(text, hash); }
    // find() in two steps for batches, so that their cache misses overlap: prefetchSet(hash) when a
    // value is queued; candidate(text, hash) when the batch is resolved gives the entry whose hash
    // tag and size match (its key bytes prefetched) or nullptr. Compare the key before trusting it;
    // if it differs, find() settles it (another way of the set may hold the value).
    struct Candidate {
        const char *key;
        StrId id;
    };
    void prefetchSet(std::uint64_t hash) const noexcept;
    std::optional<Candidate> candidate(std::string_view text, std::uint64_t hash) const noexcept;
    void remember(std::string_view stableText, std::uint64_t hash, StrId id);
    StringPool &pool() noexcept { return pool_; }

private:
    struct Slot {
        const char *data = nullptr; // null: empty
        StrId id = 0;
        std::uint16_t size = 0; // longer values are not cached
        std::uint16_t tag = 0;  // hash bits the set index does not use: rejects without a compare
    };
    static constexpr unsigned kWays = 4;
    struct alignas(64) Set {
        Slot ways[kWays];
    };
    static_assert(sizeof(Set) == 64, "a set is one cache line");
    static constexpr std::size_t kFirstSets = 64; // 4 KiB: a folder of small files makes thousands
    static constexpr std::size_t kMaxSets = 4096; // 256 KiB
    static std::uint16_t tagOf(std::uint64_t hash) noexcept { return static_cast<std::uint16_t>(hash >> 48); }
    static std::uint64_t hashOf(std::string_view text) noexcept; // hashBytes (model/hash.h), kept out of this header
    void grow();
    const StrId *lookup(std::string_view text, std::uint64_t hash) const noexcept;
    void insert(std::string_view storedKey, std::uint64_t hash, StrId id);
    StringPool &pool_;
    std::vector<Set> sets_;
    std::size_t used_ = 0;
    unsigned victim_ = 0; // way that a full set gives up next (round robin)
};

} // namespace hs
