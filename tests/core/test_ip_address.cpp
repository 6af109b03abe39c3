// SPDX-License-Identifier: MIT
#include "model/endpoint.h"
#include "model/ip_address.h"
#include "support/catch.h"

using namespace hs;

TEST_CASE("IPv4 and IPv6 parse to canonical text", "[ip]")
{
    auto v4 = parseIp("10.0.0.5");
    REQUIRE(v4);
    CHECK(v4->address.toString() == "10.0.0.5");
    CHECK_FALSE(parseIp("10.0.0.256"));
    CHECK_FALSE(parseIp("10.0.0"));
    CHECK_FALSE(parseIp("[10.100.220.70](http://x)"));

    auto full = parseIp("2001:0db8:0000:0000:0000:0000:0000:0001");
    REQUIRE(full);
    CHECK(full->address.toString() == "2001:db8::1");
    auto zone = parseIp("fe80::5d3d:c591:3026:46ee%14");
    REQUIRE(zone);
    CHECK(zone->zone == "14");
    CHECK(zone->address.toString() == "fe80::5d3d:c591:3026:46ee");
    auto isatap = parseIp("2001:4898:0:fff:0:5efe:10.164.167.30%0");
    REQUIRE(isatap);
    CHECK(isatap->address.toString() == "2001:4898:0:fff:0:5efe:aa4:a71e");
    CHECK(parseIp("::1")->address.toString() == "::1");
    CHECK(parseIp("::")->address.toString() == "::");
    CHECK(parseIp("[2001:db8::2]")->address.toString() == "2001:db8::2");
    CHECK(parseIp("::ffff:10.0.0.1")->address.toString() == "::ffff:10.0.0.1");
    CHECK(parseIp("2001:db8:0:0:1:0:0:1")->address.toString() == "2001:db8::1:0:0:1");
    CHECK_FALSE(parseIp("2001:db8:::1"));
    CHECK_FALSE(parseIp("1:2:3:4:5:6:7:8:9"));
    CHECK_FALSE(parseIp("fe80::1%"));
}

TEST_CASE("connection keys follow the contract", "[ip]")
{
    Endpoint c{parseIp("10.0.0.5")->address, 51000};
    Endpoint s{parseIp("10.0.0.50")->address, 80};
    CHECK(connectionKey(c, s) == "10.0.0.5:51000->10.0.0.50:80");
    Endpoint c6{parseIp("fe80::1%3")->address, 51000};
    Endpoint s6{parseIp("2001:db8::2")->address, 80};
    CHECK(connectionKey(c6, s6) == "[fe80::1]:51000->[2001:db8::2]:80");
    CHECK(FourTuple{c, s} == FourTuple{c, s});
    CHECK_FALSE(FourTuple{c, s} == FourTuple{s, c});
}
