// SPDX-License-Identifier: MIT
// Endpoints and the connection key contract (ARCHITECTURE §3):
//   CLIENT_IP:CLIENT_PORT->SERVER_IP:SERVER_PORT, IPv6 in brackets, zone ids dropped.
#pragma once

#include "model/ip_address.h"

#include <cstdint>
#include <functional>
#include <string>

namespace hs {

struct Endpoint {
    IpAddress ip;
    std::uint16_t port = 0;

    bool valid() const noexcept { return ip.valid(); }
    // "10.0.0.5:51000", "[2001:db8::1]:51000"; "?" when unknown (HAR entries have no client side).
    std::string toString() const;
    friend bool operator==(const Endpoint &, const Endpoint &) = default;
};

struct FourTuple {
    Endpoint client;
    Endpoint server;
    friend bool operator==(const FourTuple &, const FourTuple &) = default;
    std::uint64_t hash() const noexcept;
};

std::string connectionKey(const Endpoint &client, const Endpoint &server);
inline std::string connectionKey(const FourTuple &t)
{
    return connectionKey(t.client, t.server);
}

struct FourTupleHash {
    std::size_t operator()(const FourTuple &t) const noexcept { return static_cast<std::size_t>(t.hash()); }
};

} // namespace hs
