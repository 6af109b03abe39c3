// SPDX-License-Identifier: MIT
// What a W3C line and a captured request have in common: the method and the path. Paths are
// compared the way IIS treats them — case-insensitive, percent-decoded, query dropped — and W3C's
// '+' for a space is folded on both sides. Each distinct text is normalised once.
#pragma once

#include "model/string_pool.h"
#include "model/time.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace hs::kb {

using RequestKey = std::uint64_t; // (method StrId << 32) | path key
inline constexpr std::uint32_t kNoPathKey = ~std::uint32_t{0};

// "/a%20b/C.aspx?x=1" → "/a b/c.aspx"; "http://h:80/p?q" → "/p".
std::string normalizeRequestPath(std::string_view target);
// Hash of normalizeRequestPath(target) without building the string (collisions are possible, so use
// it only where an occasional false match is harmless).
std::uint64_t requestPathHash(std::string_view target) noexcept;
// Replaces each (StrId, time) pair's id with the requestPathHash of its text. Millions of scattered
// paths are two dependent cache misses a view (entry, text): each is loaded a few paths ahead, and a
// path equal to the one before (a client retrying) is not hashed again.
void hashRequestPaths(const StringPool &pool, std::span<std::pair<std::uint64_t, TimeUs>> pathTimes) noexcept;

class RequestKeys {
public:
    explicit RequestKeys(const StringPool &strings) : strings_(strings) {}

    // Registers the path of a captured request's target (interned text) and returns its key.
    RequestKey addTarget(StrId method, StrId target);
    // Answers of findStem by W3C stem id: 0 = not seen, 1 = no key, else key + 2.
    using StemMemo = std::vector<std::uint32_t>;

    // The key of a W3C line, or kNoKey when no captured request has this method and path.
    RequestKey findStem(StrId method, StrId stem) { return findStem(method, stem, stemMemo_); }
    // The same with the caller's memo: threads that scan logs at once each bring their own, which
    // makes lookups thread-safe while no target is added (addTarget makes every memo stale).
    RequestKey findStem(StrId method, StrId stem, StemMemo &memo) const;
    bool empty() const noexcept { return paths_.empty(); }

    static constexpr RequestKey kNoKey = ~RequestKey{0};

private:
    static constexpr std::size_t kTrackedLengths = 4096;
    void noteLength(std::size_t n);
    bool lengthSeen(std::size_t n) const noexcept;

    const StringPool &strings_;
    std::unordered_map<std::string, std::uint32_t> paths_; // normalised path → key
    StemMemo stemMemo_;                                    // for the single-threaded findStem
    std::vector<std::uint64_t> lengthsSeen_;               // bit per normalised path length (< 4096)
    bool longPaths_ = false;
    std::vector<StrId> methods_; // methods seen in captures (a handful)
};

} // namespace hs::kb
