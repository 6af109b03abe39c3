// SPDX-License-Identifier: MIT
#include "capture/http/http_conversation.h"
#include "capture/http/http_syntax.h"
#include "support/catch.h"

#include <string>

using namespace hs;
using namespace hs::http;

TEST_CASE("known methods are recognised exactly", "[http][syntax]")
{
    for (const char *m : {"GET",
                          "HEAD",
                          "POST",
                          "PUT",
                          "DELETE",
                          "CONNECT",
                          "OPTIONS",
                          "TRACE",
                          "PATCH",
                          "PROPFIND",
                          "PROPPATCH",
                          "MKCOL",
                          "COPY",
                          "MOVE",
                          "LOCK",
                          "UNLOCK",
                          "SEARCH",
                          "REPORT",
                          "M-SEARCH",
                          "NOTIFY",
                          "SUBSCRIBE",
                          "UNSUBSCRIBE",
                          "PURGE",
                          "RPC_IN_DATA",
                          "RPC_OUT_DATA",
                          "VERSION-CONTROL",
                          "BASELINE-CONTROL",
                          "ACL",
                          "MKCALENDAR"}) {
        INFO(m);
        CHECK(isKnownMethod(m));
    }
    for (const char *m : {"get", "Get", "PRI", "GETS", "", "HELLO", "POS"}) {
        INFO(m);
        CHECK_FALSE(isKnownMethod(m));
    }
}

TEST_CASE("request starts: known methods, prefixes, extension methods", "[http][syntax]")
{
    CHECK(classifyRequestStart("GET / HTTP/1.1") == StartClass::Yes);
    CHECK(classifyRequestStart("OPTIONS * HTTP/1.1") == StartClass::Yes);
    CHECK(classifyRequestStart("RPC_IN_DATA /rpc/rpcproxy.dll") == StartClass::Yes);
    CHECK(classifyRequestStart("") == StartClass::NeedMore);
    CHECK(classifyRequestStart("G") == StartClass::NeedMore);
    CHECK(classifyRequestStart("GET") == StartClass::NeedMore);
    CHECK(classifyRequestStart("GET ") == StartClass::NeedMore);
    CHECK(classifyRequestStart("GET\r\n") == StartClass::No);
    CHECK(classifyRequestStart("GET  /") == StartClass::No); // a target cannot start with a space
    CHECK(classifyRequestStart("get / HTTP/1.1") == StartClass::No);
    CHECK(classifyRequestStart("login=foo") == StartClass::No);
    CHECK(classifyRequestStart("FOO / HTTP/1.1") == StartClass::No);
    CHECK(classifyRequestStart("FOO / HTTP/1.1", true) == StartClass::Yes);
    CHECK(classifyRequestStart("FOO * HTTP/1.1", true) == StartClass::Yes);
    CHECK(classifyRequestStart("FOO http://h/ HTTP/1.1", true) == StartClass::Yes);
    CHECK(classifyRequestStart("FOO ht", true) == StartClass::NeedMore);
    CHECK(classifyRequestStart("FOO bar", true) == StartClass::No);
    CHECK(classifyRequestStart(std::string(40, 'A')) == StartClass::No);
    CHECK(classifyRequestStart(std::string(10, 'A')) == StartClass::NeedMore);
    CHECK(classifyRequestStart(std::string(kClassifyBytes, 'A')) == StartClass::No); // never waits past this
    CHECK(looksLikeHttpRequestStart("POST /x HTTP/1.1\r\n"));
    CHECK_FALSE(looksLikeHttpRequestStart("POS"));
    CHECK_FALSE(looksLikeHttpRequestStart("HTTP/1.1 200 OK"));
}

TEST_CASE("response starts", "[http][syntax]")
{
    CHECK(classifyResponseStart("HTTP/1.1 200 OK") == StartClass::Yes);
    CHECK(classifyResponseStart("HTTP/1.0 100 Continue") == StartClass::Yes);
    CHECK(classifyResponseStart("HTTP/1.1") == StartClass::NeedMore);
    CHECK(classifyResponseStart("HTTP/") == StartClass::NeedMore);
    CHECK(classifyResponseStart("") == StartClass::NeedMore);
    CHECK(classifyResponseStart("HTTP/2 200") == StartClass::No);
    CHECK(classifyResponseStart("http/1.1 200") == StartClass::No);
    CHECK(classifyResponseStart("HTTP/1.1200") == StartClass::No);
    CHECK(classifyResponseStart("<html>") == StartClass::No);
    CHECK(looksLikeHttpResponseStart("HTTP/1.1 404 Not Found\r\n"));
    CHECK_FALSE(looksLikeHttpResponseStart("GET / HTTP/1.1"));
}

TEST_CASE("TLS record headers", "[http][syntax]")
{
    CHECK(classifyTls(std::string("\x16\x03\x01\x02\x00", 5)) == StartClass::Tls);
    CHECK(classifyTls(std::string("\x17\x03\x03", 3)) == StartClass::Tls);
    CHECK(classifyTls(std::string("\x15\x03\x00", 3)) == StartClass::Tls);
    CHECK(classifyTls(std::string("\x16\x03", 2)) == StartClass::NeedMore);
    CHECK(classifyTls(std::string("\x16\x04\x01", 3)) == StartClass::No);
    CHECK(classifyTls(std::string("\x18\x03\x01", 3)) == StartClass::No);
    CHECK(classifyTls(std::string("\x80\x2e\x01\x03\x01", 5)) == StartClass::Tls); // SSLv2 ClientHello
    CHECK(classifyTls(std::string("\x80\x2e\x01", 3)) == StartClass::NeedMore);
    CHECK(classifyTls("GET / HTTP/1.1") == StartClass::No);
}

TEST_CASE("decimal numbers, trimming, case-insensitive compare", "[http][syntax]")
{
    std::uint64_t v = 0;
    CHECK(parseDecimal("0", v));
    CHECK(v == 0);
    CHECK(parseDecimal("0012", v));
    CHECK(v == 12);
    CHECK(parseDecimal("9223372036854775807", v));
    CHECK(v == 9223372036854775807ull);
    CHECK_FALSE(parseDecimal("9223372036854775808", v));
    CHECK_FALSE(parseDecimal("18446744073709551616", v));
    CHECK_FALSE(parseDecimal("", v));
    CHECK_FALSE(parseDecimal("-1", v));
    CHECK_FALSE(parseDecimal("+1", v));
    CHECK_FALSE(parseDecimal("1 2", v));
    CHECK_FALSE(parseDecimal("0x10", v));
    CHECK(trimSpaces(" \t a b \t") == "a b");
    CHECK(trimSpaces("   ").empty());
    CHECK(equalsLower("Content-LENGTH", "content-length"));
    CHECK_FALSE(equalsLower("Content-Lengt", "content-length"));
    CHECK(startsWithLower("HTTP/1.1", "http/"));
    CHECK_FALSE(startsWithLower("HTT", "http/"));
}
