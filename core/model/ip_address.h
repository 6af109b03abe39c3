// SPDX-License-Identifier: MIT
// IPv4/IPv6 addresses as 16 bytes, parsed from log text (with zone ids) or packet headers, and
// rendered canonically (RFC 5952) so that "2001:0db8:0000::1" in a log and 2001:db8::1 in a capture
// compare equal.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hs {

struct IpAddress {
    enum class Family : std::uint8_t { None, V4, V6 };
    std::array<std::uint8_t, 16> bytes{}; // IPv4 in the first 4 bytes
    Family family = Family::None;

    static IpAddress v4(std::uint32_t hostOrder);
    static IpAddress v4(const std::uint8_t *networkOrder);
    static IpAddress v6(const std::uint8_t *networkOrder);

    bool valid() const noexcept { return family != Family::None; }
    bool isV6() const noexcept { return family == Family::V6; }
    // Canonical text without zone id: "10.0.0.5", "2001:db8::1", "::ffff:10.0.0.1".
    std::string toString() const;
    std::uint64_t hash() const noexcept;

    friend bool operator==(const IpAddress &, const IpAddress &) = default;
};

struct ParsedIp {
    IpAddress address;
    std::string_view zone; // "3" for "fe80::1%3"; kept for display, dropped from connection keys
};

// Accepts dotted IPv4, any RFC 4291 IPv6 spelling (compressed, uncompressed, embedded IPv4), an
// optional "%zone" suffix and optional surrounding brackets. Returns nullopt for anything else.
std::optional<ParsedIp> parseIp(std::string_view text) noexcept;

} // namespace hs
