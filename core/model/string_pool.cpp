// SPDX-License-Identifier: MIT
#include "model/string_pool.h"

#include "model/bytes_equal.h"
#include "model/hash.h"
#include "model/prefetch.h"
#include "model/spin_mutex.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>

namespace hs {

namespace {

// Block b covers entries [256 * (2^b - 1), 256 * (2^(b+1) - 1)).
inline unsigned blockOf(std::uint32_t i, std::uint32_t &offset) noexcept
{
    const std::uint32_t scaled = (i >> 8) + 1;
    const unsigned b = static_cast<unsigned>(std::bit_width(scaled)) - 1;
    offset = i - (((1u << b) - 1) << 8);
    return b;
}

// The index slot: the hash's top 6 bits as a tag over (entry number + 1) in the low 26 bits; 0 is
// empty. 4 bytes a slot halves the index; the tag still rejects 63 of 64 foreign slots without
// touching their entries.
constexpr unsigned kEntryBits = 26;
constexpr std::uint32_t kEntryMask = (1u << kEntryBits) - 1;
constexpr std::uint32_t kMaxEntries = kEntryMask; // entry + 1 must fit the slot's 26 bits

inline std::uint32_t tagOf(std::uint64_t hash) noexcept
{
    return static_cast<std::uint32_t>(hash >> 58) << kEntryBits;
}

inline std::string_view decodeRecord(const char *record) noexcept
{
    std::uint32_t size = 0;
    unsigned shift = 0;
    const auto *p = reinterpret_cast<const unsigned char *>(record);
    while (*p & 0x80u) {
        size |= static_cast<std::uint32_t>(*p++ & 0x7fu) << shift;
        shift += 7;
    }
    size |= static_cast<std::uint32_t>(*p++) << shift;
    return {reinterpret_cast<const char *>(p), size};
}

constexpr char kEmptyRecord[] = {0}; // length 0

} // namespace

struct StringPool::Shard {
    static_assert(kShardBits + kEntryBits == 32, "a StrId is the entry number over the shard number");
    // Serialises inserts and rehashes. Lookups do not take it: see lookup().
    mutable SpinMutex mutex;
    // Open-addressing index of tagged slots (see tagOf): the tag rejects a probe without touching
    // the entry (one cache miss per probe, not three). A slot goes from 0 to its final value once,
    // with a release store after the entry and text it names are written.
    struct Index {
        std::size_t mask = 0;
        std::unique_ptr<std::atomic<std::uint32_t>[]> slots;
    };
    std::atomic<const Index *> index{nullptr};
    // Every index this shard had: a lock-free lookup may still read one a rehash replaced, so
    // replaced ones are freed only by releaseRetired(), when no lookup runs.
    std::vector<std::unique_ptr<Index>> indexes;
    std::array<std::atomic<std::atomic<Entry> *>, kMaxBlocks> blocks{};
    std::atomic<std::uint32_t> count{0};
    std::vector<std::unique_ptr<char[]>> arenas;
    char *arenaPos = nullptr;
    std::size_t arenaLeft = 0;
    std::size_t arenaBytes = 0;
    std::size_t nextArena = 4096;

    ~Shard()
    {
        for (auto &b : blocks)
            delete[] b.load(std::memory_order_relaxed);
    }

    // Copies `s` into the arena as a record (varint length, bytes); returns the record.
    const char *store(std::string_view s)
    {
        if (s.empty())
            return kEmptyRecord;
        const std::size_t need = s.size() + 5; // the varint takes at most 5 bytes
        if (need > arenaLeft) {
            // Geometric growth from 4 KiB to 1 MiB; new char[] leaves the bytes uninitialised on
            // purpose (make_unique<char[]> would zero them first).
            const std::size_t size = std::max<std::size_t>(need, nextArena);
            nextArena = std::min<std::size_t>(nextArena * 2, 1u << 20);
            arenas.emplace_back(new char[size]);
            arenaPos = arenas.back().get();
            arenaLeft = size;
            arenaBytes += size;
        }
        char *const record = arenaPos;
        char *p = record;
        auto size = static_cast<std::uint32_t>(s.size());
        while (size >= 0x80u) {
            *p++ = static_cast<char>((size & 0x7fu) | 0x80u);
            size >>= 7;
        }
        *p++ = static_cast<char>(size);
        std::memcpy(p, s.data(), s.size());
        p += s.size();
        arenaLeft -= static_cast<std::size_t>(p - arenaPos);
        arenaPos = p;
        return record;
    }

    std::string_view text(std::uint32_t i) const { return decodeRecord(entry(i).load(std::memory_order_acquire)); }

    std::atomic<Entry> &entry(std::uint32_t i) const
    {
        std::uint32_t offset = 0;
        const unsigned b = blockOf(i, offset);
        return blocks[b].load(std::memory_order_acquire)[offset];
    }

    std::atomic<Entry> &slotForNew(std::uint32_t i)
    {
        std::uint32_t offset = 0;
        const unsigned b = blockOf(i, offset);
        if (b >= kMaxBlocks)
            throw std::length_error("string pool shard full");
        std::atomic<Entry> *block = blocks[b].load(std::memory_order_relaxed);
        if (!block) {
            block = new std::atomic<Entry>[std::size_t{1} << (kFirstBlockBits + b)];
            blocks[b].store(block, std::memory_order_release);
        }
        return block[offset];
    }

    static std::uint32_t slotFor(std::uint64_t hash, std::uint32_t i) noexcept { return tagOf(hash) | (i + 1); }
    static std::size_t homeOf(const Index &ix, std::uint64_t hash) noexcept { return (hash >> kShardBits) & ix.mask; }

    // The entry number holding `text`, or kAbsent with `pos` at the empty slot where it would go.
    // Safe without the lock: slots and entries are only ever filled in, never changed, and an index
    // stays readable after a rehash replaced it. Without the lock kAbsent is only a hint (an insert
    // may be under way); intern() then asks again under the lock.
    static constexpr std::uint32_t kAbsent = ~std::uint32_t{0};
    std::uint32_t lookup(const Index &ix, std::string_view text, std::uint64_t hash, std::size_t &pos) const noexcept
    {
        const std::uint32_t tag = tagOf(hash);
        pos = homeOf(ix, hash);
        while (const std::uint32_t slot = ix.slots[pos].load(std::memory_order_acquire)) {
            if ((slot & ~kEntryMask) == tag) {
                const std::uint32_t i = (slot & kEntryMask) - 1;
                const std::string_view e = this->text(i);
                if (e.size() == text.size() && bytesEqual(e.data(), text.data(), text.size()))
                    return i;
            }
            pos = (pos + 1) & ix.mask;
        }
        return kAbsent;
    }
    std::uint32_t lookup(std::string_view text, std::uint64_t hash) const noexcept
    {
        const Index *ix = index.load(std::memory_order_acquire);
        std::size_t pos = 0;
        return ix ? lookup(*ix, text, hash, pos) : kAbsent;
    }

    // internBatch's hints: the home slot, and the entry that the first slot from home with this
    // hash's tag names (kAbsent at an empty slot first). Hints only; intern() decides.
    const std::atomic<std::uint32_t> *homeSlot(std::uint64_t hash) const noexcept
    {
        const Index *ix = index.load(std::memory_order_acquire);
        return ix ? &ix->slots[homeOf(*ix, hash)] : nullptr;
    }
    std::uint32_t candidate(std::uint64_t hash) const noexcept
    {
        const Index *ix = index.load(std::memory_order_acquire);
        if (!ix)
            return kAbsent;
        const std::uint32_t tag = tagOf(hash);
        for (std::size_t pos = homeOf(*ix, hash);; pos = (pos + 1) & ix->mask) {
            const std::uint32_t slot = ix->slots[pos].load(std::memory_order_acquire);
            if (slot == 0)
                return kAbsent;
            if ((slot & ~kEntryMask) == tag)
                return (slot & kEntryMask) - 1;
        }
    }

    // Under the lock.
    void rehash()
    {
        const Index *old = index.load(std::memory_order_relaxed);
        auto fresh = std::make_unique<Index>();
        const std::size_t newSize = old ? (old->mask + 1) * 2 : 64;
        fresh->mask = newSize - 1;
        fresh->slots = std::make_unique<std::atomic<std::uint32_t>[]>(newSize); // zeroed
        // Hashes are recomputed rather than stored: entries were stored in order, so this reads
        // the arenas sequentially, and the pool keeps 8 bytes less per string.
        const std::uint32_t n = count.load(std::memory_order_relaxed);
        for (std::uint32_t i = 0; i < n; ++i) {
            const std::string_view e = text(i);
            if (e.empty())
                continue; // the reserved empty string
            const std::uint64_t hash = hashBytes(e);
            std::size_t pos = homeOf(*fresh, hash);
            while (fresh->slots[pos].load(std::memory_order_relaxed) != 0)
                pos = (pos + 1) & fresh->mask;
            fresh->slots[pos].store(slotFor(hash, i), std::memory_order_relaxed);
        }
        index.store(fresh.get(), std::memory_order_release); // publishes the filled slots
        indexes.push_back(std::move(fresh));
    }

    std::size_t slotCount() const noexcept
    {
        const Index *ix = index.load(std::memory_order_relaxed);
        return ix ? ix->mask + 1 : 0;
    }
};

StringPool::StringPool()
{
    for (auto &s : shards_)
        s = std::make_unique<Shard>();
    // Entry 0 of shard 0 is the empty string, so StrId 0 == "". It is never in the hash index.
    Shard &first = *shards_[0];
    first.slotForNew(0).store(kEmptyRecord, std::memory_order_relaxed);
    first.count.store(1, std::memory_order_release);
}

StringPool::~StringPool() = default;

StrId StringPool::intern(std::string_view text)
{
    return intern(text, hashBytes(text));
}

StrId StringPool::intern(std::string_view text, std::uint64_t hash)
{
    if (text.empty())
        return kEmptyStr;
    const unsigned shardNo = static_cast<unsigned>(hash & (kShards - 1));
    Shard &shard = *shards_[shardNo];
    // Most interns find a string that is there already: without the lock, two reader threads do not
    // pass the lock's cache line back and forth for them.
    if (const std::uint32_t found = shard.lookup(text, hash); found != Shard::kAbsent)
        return (found << kShardBits) | shardNo;
    std::lock_guard lock(shard.mutex);
    if ((std::size_t{shard.count.load(std::memory_order_relaxed)} + 1) * 4 > shard.slotCount() * 3)
        shard.rehash();
    const Shard::Index &ix = *shard.index.load(std::memory_order_relaxed);
    std::size_t pos = 0;
    if (const std::uint32_t found = shard.lookup(ix, text, hash, pos); found != Shard::kAbsent)
        return (found << kShardBits) | shardNo;
    const std::uint32_t i = shard.count.load(std::memory_order_relaxed);
    if (i >= kMaxEntries) // the id keeps the shard number in its low bits
        throw std::length_error("string pool shard full");
    shard.slotForNew(i).store(shard.store(text), std::memory_order_relaxed);
    shard.count.store(i + 1, std::memory_order_release);
    ix.slots[pos].store(Shard::slotFor(hash, i), std::memory_order_release); // after the entry and text
    return (i << kShardBits) | shardNo;
}

void StringPool::internBatch(std::span<Request> requests)
{
    // Stage by stage, every request's next load is started before any is waited for: the home
    // index slot, then the entry the first slot with a matching tag names, then that entry's text.
    // intern() then finds them in the cache; a rare second tag match costs it the misses it would
    // have had alone.
    const auto shardOf = [this](const Request &r) -> const Shard & { return *shards_[r.hash & (kShards - 1)]; };
    constexpr std::size_t kStage = 64;
    std::array<std::uint32_t, kStage> candidate{};
    for (std::size_t begin = 0; begin < requests.size(); begin += kStage) {
        const std::size_t end = std::min(requests.size(), begin + kStage);
        for (std::size_t i = begin; i < end; ++i)
            if (const auto *home = shardOf(requests[i]).homeSlot(requests[i].hash))
                prefetchForRead(home);
        for (std::size_t i = begin; i < end; ++i) {
            candidate[i - begin] = shardOf(requests[i]).candidate(requests[i].hash);
            if (candidate[i - begin] != Shard::kAbsent)
                prefetchForRead(&shardOf(requests[i]).entry(candidate[i - begin]));
        }
        for (std::size_t i = begin; i < end; ++i)
            if (candidate[i - begin] != Shard::kAbsent)
                prefetchForRead(shardOf(requests[i]).entry(candidate[i - begin]).load(std::memory_order_acquire));
        for (std::size_t i = begin; i < end; ++i)
            requests[i].id = intern(requests[i].text, requests[i].hash);
    }
}

void StringPool::releaseRetired()
{
    for (auto &s : shards_) {
        std::lock_guard lock(s->mutex);
        if (s->indexes.size() > 1)
            s->indexes.erase(s->indexes.begin(), s->indexes.end() - 1);
    }
}

StrId StringPool::find(std::string_view text) const
{
    if (text.empty())
        return kEmptyStr;
    const std::uint64_t hash = hashBytes(text);
    const unsigned shardNo = static_cast<unsigned>(hash & (kShards - 1));
    const Shard &shard = *shards_[shardNo];
    // Under the lock, so that "absent" is an answer, not a hint.
    std::lock_guard lock(shard.mutex);
    const std::uint32_t found = shard.lookup(text, hash);
    return found == Shard::kAbsent ? kNotFound : (found << kShardBits) | shardNo;
}

void StringPool::prefetchEntry(StrId id) const noexcept
{
    const Shard &shard = *shards_[id & (kShards - 1)];
    const std::uint32_t i = id >> kShardBits;
    if (i < shard.count.load(std::memory_order_acquire))
        prefetchForRead(&shard.entry(i));
}

void StringPool::prefetchText(StrId id) const noexcept
{
    const Shard &shard = *shards_[id & (kShards - 1)];
    const std::uint32_t i = id >> kShardBits;
    if (i < shard.count.load(std::memory_order_acquire))
        prefetchForRead(shard.entry(i).load(std::memory_order_acquire));
}

std::string_view StringPool::view(StrId id) const noexcept
{
    const Shard &shard = *shards_[id & (kShards - 1)];
    const std::uint32_t i = id >> kShardBits;
    if (i >= shard.count.load(std::memory_order_acquire))
        return {};
    return shard.text(i);
}

std::size_t StringPool::size() const noexcept
{
    std::size_t n = 0;
    for (const auto &s : shards_)
        n += s->count.load(std::memory_order_relaxed);
    return n;
}

std::size_t StringPool::memoryBytes() const noexcept
{
    std::size_t n = 0;
    for (const auto &s : shards_) {
        std::lock_guard lock(s->mutex);
        n += s->arenaBytes;
        for (const auto &ix : s->indexes)
            n += (ix->mask + 1) * sizeof(std::uint32_t);
        for (unsigned b = 0; b < kMaxBlocks; ++b)
            if (s->blocks[b].load(std::memory_order_relaxed))
                n += sizeof(std::atomic<Entry>) << (kFirstBlockBits + b);
    }
    return n;
}

InternCache::InternCache(StringPool &pool) : pool_(pool), sets_(kFirstSets) {}

void InternCache::grow()
{
    std::vector<Set> old(sets_.size() * 2);
    old.swap(sets_);
    used_ = 0;
    for (const Set &set : old)
        for (const Slot &slot : set.ways)
            if (slot.data)
                insert(std::string_view(slot.data, slot.size), hashOf(std::string_view(slot.data, slot.size)), slot.id);
}

std::uint64_t InternCache::hashOf(std::string_view text) noexcept
{
    return hashBytes(text);
}

const StrId *InternCache::lookup(std::string_view text, std::uint64_t hash) const noexcept
{
    if (text.size() > 0xffff)
        return nullptr;
    const Set &set = sets_[hash & (sets_.size() - 1)];
    const std::uint16_t tag = tagOf(hash);
    for (const Slot &slot : set.ways)
        if (slot.data && slot.tag == tag && slot.size == text.size() && bytesEqual(slot.data, text.data(), text.size()))
            return &slot.id;
    return nullptr;
}

void InternCache::prefetchSet(std::uint64_t hash) const noexcept
{
    prefetchForRead(&sets_[hash & (sets_.size() - 1)]);
}

std::optional<InternCache::Candidate> InternCache::candidate(std::string_view text, std::uint64_t hash) const noexcept
{
    if (text.size() > 0xffff)
        return std::nullopt;
    const Set &set = sets_[hash & (sets_.size() - 1)];
    const std::uint16_t tag = tagOf(hash);
    for (const Slot &slot : set.ways)
        if (slot.data && slot.tag == tag && slot.size == text.size()) {
            prefetchForRead(slot.data);
            return Candidate{slot.data, slot.id};
        }
    return std::nullopt;
}

void InternCache::insert(std::string_view storedKey, std::uint64_t hash, StrId id)
{
    if (storedKey.size() > 0xffff)
        return;
    // Grow while small (until sets are three quarters full), then stay at kMaxSets and evict.
    if (sets_.size() < kMaxSets && (used_ + 1) * 4 > sets_.size() * kWays * 3)
        grow();
    Set &set = sets_[hash & (sets_.size() - 1)];
    Slot *target = nullptr;
    for (Slot &slot : set.ways)
        if (!slot.data) {
            target = &slot;
            ++used_;
            break;
        }
    if (!target) {
        target = &set.ways[victim_];
        victim_ = (victim_ + 1) % kWays;
    }
    *target = Slot{storedKey.data(), id, static_cast<std::uint16_t>(storedKey.size()), tagOf(hash)};
}

void InternCache::remember(std::string_view stableText, std::uint64_t hash, StrId id)
{
    if (!lookup(stableText, hash))
        insert(stableText, hash, id);
}

StrId InternCache::intern(std::string_view text)
{
    if (text.empty())
        return kEmptyStr;
    const std::uint64_t hash = hashBytes(text);
    if (const StrId *hit = lookup(text, hash))
        return *hit;
    const StrId id = pool_.intern(text, hash);
    // Key on the pool's own copy: callers may pass views into temporary buffers.
    insert(pool_.view(id), hash, id);
    return id;
}

} // namespace hs
