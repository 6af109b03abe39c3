// SPDX-License-Identifier: MIT
// Log records keep server addresses as interned text ("10.0.0.5", "fe80::1%3") and client
// addresses as LogAddress; captures keep them as bytes. Correlation compares them as IpAddress
// values, parsing each distinct text once (a client's IPv4 value needs no parsing at all).
#pragma once

#include "model/ip_address.h"
#include "model/log_address.h"
#include "model/string_pool.h"

#include <cstdint>
#include <unordered_map>

namespace hs::kb {

class AddressCache {
public:
    explicit AddressCache(const StringPool &strings) : strings_(strings) {}

    // The address an interned text names; an invalid IpAddress for "-", empty or garbage.
    const IpAddress &resolve(StrId id);
    IpAddress resolve(LogAddress address)
    {
        return address.isIpv4() ? IpAddress::v4(address.ipv4Value()) : resolve(address.textId());
    }

private:
    const StringPool &strings_;
    // Keyed by id: distinct addresses are few even in huge logs, and consecutive lines often
    // repeat the last one.
    std::unordered_map<StrId, IpAddress> cache_;
    StrId lastId_ = kEmptyStr;
    const IpAddress *last_ = nullptr;
};

} // namespace hs::kb
