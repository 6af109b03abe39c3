// SPDX-License-Identifier: MIT
#include "model/endpoint.h"

namespace hs {

std::string Endpoint::toString() const
{
    if (!ip.valid())
        return port ? "?:" + std::to_string(port) : std::string("?");
    if (ip.isV6())
        return "[" + ip.toString() + "]:" + std::to_string(port);
    return ip.toString() + ":" + std::to_string(port);
}

std::uint64_t FourTuple::hash() const noexcept
{
    std::uint64_t h = client.ip.hash() * 0x9E3779B97F4A7C15ULL ^ server.ip.hash();
    h ^= (static_cast<std::uint64_t>(client.port) << 16 | server.port) * 0xff51afd7ed558ccdULL;
    return h ^ (h >> 29);
}

std::string connectionKey(const Endpoint &client, const Endpoint &server)
{
    return client.toString() + "->" + server.toString();
}

} // namespace hs
