// SPDX-License-Identifier: MIT
// What a W3C line and a captured request have in common: the method and the path. Paths are
// compared the way IIS treats them — case-insensitive, percent-decoded, query dropped — and W3C's
// '+' for a space is folded on both sides. Each distinct text is normalised once.
#pragma once

#include "model/string_pool.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hs::kb {

using RequestKey = std::uint64_t; // (method StrId << 32) | path key
inline constexpr std::uint32_t kNoPathKey = ~std::uint32_t{0};

// "/a%20b/C.aspx?x=1" → "/a b/c.aspx"; "http://h:80/p?q" → "/p".
std::string normalizeRequestPath(std::string_view target);

class RequestKeys {
public:
    explicit RequestKeys(const StringPool &strings) : strings_(strings) {}

    // Registers the path of a captured request's target (interned text) and returns its key.
    RequestKey addTarget(StrId method, StrId target);
    // The key of a W3C line, or kNoKey when no captured request has this method and path.
    RequestKey findStem(StrId method, StrId stem);
    bool empty() const noexcept { return paths_.empty(); }

    static constexpr RequestKey kNoKey = ~RequestKey{0};

private:
    const StringPool &strings_;
    std::unordered_map<std::string, std::uint32_t> paths_; // normalised path → key
    std::unordered_map<StrId, std::uint32_t> stemMemo_;    // W3C stem id → key (or kNoPathKey)
    std::unordered_map<StrId, bool> methods_;              // methods seen in captures
};

} // namespace hs::kb
