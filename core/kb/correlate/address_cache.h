// SPDX-License-Identifier: MIT
// Log records keep addresses as interned text ("10.0.0.5", "fe80::1%3"); captures keep them as
// bytes. Correlation compares them as IpAddress values, parsing each distinct text once.
#pragma once

#include "model/ip_address.h"
#include "model/string_pool.h"

#include <cstdint>
#include <unordered_map>

namespace hs::kb {

class AddressCache {
public:
    explicit AddressCache(const StringPool &strings) : strings_(strings) {}

    // The address an interned text names; an invalid IpAddress for "-", empty or garbage.
    const IpAddress &resolve(StrId id);

private:
    const StringPool &strings_;
    // Keyed by id: distinct addresses are few even in huge logs, and consecutive lines often
    // repeat the last one.
    std::unordered_map<StrId, IpAddress> cache_;
    StrId lastId_ = kEmptyStr;
    const IpAddress *last_ = nullptr;
};

} // namespace hs::kb
