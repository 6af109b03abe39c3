// SPDX-License-Identifier: MIT
// A client address as a log line wrote it, in the 4 bytes a record has for it.
//
// Client addresses are the highest-cardinality column of a busy server's logs (a million distinct
// addresses a day is normal). Interning each one cost more than parsing the rest of the line: the
// string pool and the per-thread caches are far bigger than the CPU caches, so every new address
// was several cache misses, and the pool held a copy of every address. A canonical dotted quad is
// therefore kept as its 32-bit value; anything else (IPv6, zone ids, leading zeros, host names,
// junk) is interned text as before. The two never collide, so equal codes still mean equal text:
//   - codes below 0xF0000000 are IPv4 addresses 0.0.0.0 … 239.255.255.255, written canonically;
//   - codes 0xF0000000 | id hold a StrId below 2^28 (the empty string for "-" is id 0). The
//     class E range 240.0.0.0/4, never a client's source address, goes through the text path.
#pragma once

#include "model/ip_address.h"
#include "model/string_pool.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hs {

class LogAddress {
public:
    constexpr LogAddress() noexcept = default; // empty: the log wrote "-" or nothing

    static constexpr std::uint32_t kTextTag = 0xF0000000u;
    static constexpr std::uint32_t kMaxTextId = 0x0FFFFFFFu;

    static constexpr LogAddress ipv4(std::uint32_t hostOrder) noexcept { return LogAddress(hostOrder); }
    static LogAddress text(StrId id)
    {
        if (id > kMaxTextId)
            throw std::length_error("too many distinct strings for a client address id (2^28)");
        return LogAddress(kTextTag | id);
    }
    static constexpr LogAddress fromCode(std::uint32_t code) noexcept { return LogAddress(code); }

    constexpr bool empty() const noexcept { return code_ == kTextTag; }
    constexpr bool isIpv4() const noexcept { return code_ < kTextTag; }
    constexpr std::uint32_t ipv4Value() const noexcept { return code_; }   // valid when isIpv4()
    constexpr StrId textId() const noexcept { return code_ & kMaxTextId; } // valid when !isIpv4()
    // Equal codes mean equal text: use it as a key for counting and grouping.
    constexpr std::uint32_t code() const noexcept { return code_; }

    friend constexpr bool operator==(LogAddress, LogAddress) noexcept = default;

private:
    explicit constexpr LogAddress(std::uint32_t code) noexcept : code_(code) {}
    std::uint32_t code_ = kTextTag;
};

// The value of a dotted quad written canonically ("10.0.0.5", not "010.0.0.5" or "10.0.0.5%1")
// whose first octet is below 240; nullopt for anything else.
std::optional<std::uint32_t> canonicalIpv4(std::string_view text) noexcept;
// The same for the readers' per-line path: true and the value in `value`. (GCC returns an optional
// through the stack, and the caller's load of it waited on the two stores that built it.)
bool readCanonicalIpv4(std::string_view text, std::uint32_t &value) noexcept;

// The address for a log field's text (not "-"); `intern` turns other text into a StrId.
template <typename Intern>
LogAddress toLogAddress(std::string_view text, Intern &&intern)
{
    if (const auto v4 = canonicalIpv4(text))
        return LogAddress::ipv4(*v4);
    return LogAddress::text(intern(text));
}

// The address a record holds for `text` if it was ever read, without interning; nullopt when the
// text is no canonical IPv4 and is not in the pool.
std::optional<LogAddress> findLogAddress(const StringPool &pool, std::string_view text);

// The text as the log wrote it.
std::string addressText(const StringPool &pool, LogAddress address);
// The address it names; invalid for empty text or text that is no address.
IpAddress addressIp(const StringPool &pool, LogAddress address);

} // namespace hs
