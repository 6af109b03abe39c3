// SPDX-License-Identifier: MIT
// LogAddress: canonical dotted quads become 32-bit values, everything else stays interned text, and
// in both cases equal codes mean equal text and the text reads back exactly as the log wrote it.
#include "model/log_address.h"
#include "support/catch.h"

#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace hs;

namespace {

LogAddress intern(StringPool &pool, std::string_view text)
{
    return toLogAddress(text, [&](std::string_view t) { return pool.intern(t); });
}

} // namespace

TEST_CASE("Canonical dotted quads are read as their value", "[address]")
{
    CHECK(canonicalIpv4("10.0.0.5") == 0x0a000005u);
    CHECK(canonicalIpv4("0.0.0.0") == 0u);
    CHECK(canonicalIpv4("192.168.255.1") == 0xc0a8ff01u);
    CHECK(canonicalIpv4("239.255.255.255") == 0xefffffffu);
}

TEST_CASE("Anything that would not read back the same stays text", "[address]")
{
    for (const char *text : {"010.0.0.5", "10.0.0.05", "10.0.0.256", "10.0.0", "10.0.0.5.", ".10.0.0.5", "10..0.5",
                             "10.0.0.5%3", " 10.0.0.5", "10.0.0.5 ", "1000.0.0.5", "10.0.0.x", "::ffff:10.0.0.5",
                             "fe80::1%3", "", "-", "localhost", "240.0.0.1", "255.255.255.255"})
        CHECK_FALSE(canonicalIpv4(text).has_value());
}

TEST_CASE("Dotted quads: canonical exactly when a plain reading gives a value that reads back the same", "[address]")
{
    // The oracle splits at dots and converts each part with std::stoul; canonicalIpv4 must agree
    // with it on every string of digits and dots up to 17 bytes that the generator makes.
    const auto reference = [](const std::string &s) -> std::optional<std::uint32_t> {
        std::vector<std::string> parts{""};
        for (const char c : s) {
            if (c == '.')
                parts.emplace_back();
            else if (c >= '0' && c <= '9')
                parts.back() += c;
            else
                return std::nullopt;
        }
        if (parts.size() != 4)
            return std::nullopt;
        std::uint32_t v = 0;
        for (const std::string &part : parts) {
            if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0'))
                return std::nullopt;
            const unsigned long octet = std::stoul(part);
            if (octet > 255)
                return std::nullopt;
            v = (v << 8) | static_cast<std::uint32_t>(octet);
        }
        if ((v >> 24) >= 240)
            return std::nullopt;
        return v;
    };
    std::mt19937 rng(5);
    const std::string alphabet = "0123456789........12x";
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), length(0, 17), octet(0, 300);
    std::size_t canonical = 0;
    for (int round = 0; round < 200000; ++round) {
        std::string s;
        if (round % 2) { // near-valid: four numbers 0-300, sometimes with a leading zero or a stray byte
            for (int i = 0; i < 4; ++i) {
                s += (round % 7 == 0 && i == 1 ? "0" : "") + std::to_string(octet(rng));
                if (i < 3)
                    s += '.';
            }
            if (round % 11 == 0)
                s.insert(pick(rng) % (s.size() + 1), 1, alphabet[pick(rng)]);
        } else {
            const std::size_t n = length(rng);
            for (std::size_t i = 0; i < n; ++i)
                s += alphabet[pick(rng)];
        }
        const auto want = reference(s);
        INFO(s);
        REQUIRE(canonicalIpv4(s) == want);
        canonical += want.has_value();
    }
    CHECK(canonical > 30000); // the near-valid half is mostly canonical (38,473 with this seed)
}

TEST_CASE("Addresses read back as written, IPv4 without touching the pool", "[address]")
{
    StringPool pool;
    const LogAddress v4 = intern(pool, "203.0.113.7");
    CHECK(v4.isIpv4());
    CHECK(pool.size() == 1); // only the reserved empty string
    CHECK(addressText(pool, v4) == "203.0.113.7");
    CHECK(addressText(pool, intern(pool, "0.0.0.0")) == "0.0.0.0");
    CHECK(addressText(pool, intern(pool, "100.20.3.40")) == "100.20.3.40");

    for (const char *text : {"fe80::1%3", "010.0.0.5", "2001:db8::10", "255.255.255.255", "not-an-ip"}) {
        const LogAddress a = intern(pool, text);
        CHECK_FALSE(a.isIpv4());
        CHECK(addressText(pool, a) == text);
    }
    CHECK(LogAddress{}.empty());
    CHECK(addressText(pool, LogAddress{}).empty());
}

TEST_CASE("Equal codes mean equal text, across both kinds", "[address]")
{
    StringPool pool;
    const LogAddress a = intern(pool, "10.0.0.5");
    const LogAddress b = intern(pool, "10.0.0.5");
    const LogAddress leadingZero = intern(pool, "010.0.0.5");
    const LogAddress other = intern(pool, "10.0.0.6");
    CHECK(a == b);
    CHECK(a != leadingZero); // written differently: shown differently, counted apart
    CHECK(a != other);
    CHECK(intern(pool, "fe80::1%3") == intern(pool, "fe80::1%3"));
    CHECK(intern(pool, "fe80::1%3") != intern(pool, "fe80::1"));
    // The empty text is the empty address, not 0.0.0.0.
    CHECK(LogAddress::text(kEmptyStr) == LogAddress{});
    CHECK(intern(pool, "0.0.0.0") != LogAddress{});
}

TEST_CASE("Addresses resolve to IpAddress values", "[address]")
{
    StringPool pool;
    CHECK(addressIp(pool, intern(pool, "10.0.0.5")) == IpAddress::v4(0x0a000005u));
    const IpAddress zoned = addressIp(pool, intern(pool, "fe80::1%3"));
    REQUIRE(zoned.isV6());
    CHECK(zoned.toString() == "fe80::1");
    CHECK_FALSE(addressIp(pool, intern(pool, "garbage")).valid());
    CHECK_FALSE(addressIp(pool, LogAddress{}).valid());
}

TEST_CASE("findLogAddress finds what a reader would have stored, without interning", "[address]")
{
    StringPool pool;
    const LogAddress v6 = intern(pool, "2001:db8::10");
    CHECK(findLogAddress(pool, "2001:db8::10") == v6);
    CHECK(findLogAddress(pool, "10.1.2.3") == LogAddress::ipv4(0x0a010203u));
    const std::size_t before = pool.size();
    CHECK_FALSE(findLogAddress(pool, "2001:db8::11").has_value());
    CHECK(pool.size() == before);
}

TEST_CASE("Text ids beyond 2^28 are refused, never wrapped onto another address", "[address]")
{
    CHECK(LogAddress::text(LogAddress::kMaxTextId).textId() == LogAddress::kMaxTextId);
    CHECK_THROWS_AS(LogAddress::text(LogAddress::kMaxTextId + 1), std::length_error);
}
