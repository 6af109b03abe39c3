// SPDX-License-Identifier: MIT
#include "kb/correlate/address_cache.h"

namespace hs::kb {

const IpAddress &AddressCache::resolve(StrId id)
{
    if (last_ && id == lastId_)
        return *last_;
    auto [it, inserted] = cache_.try_emplace(id);
    if (inserted && id != kEmptyStr)
        if (const auto parsed = parseIp(strings_.view(id)))
            it->second = parsed->address;
    lastId_ = id;
    last_ = &it->second; // unordered_map never moves its nodes
    return *last_;
}

} // namespace hs::kb
