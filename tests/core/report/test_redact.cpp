// SPDX-License-Identifier: MIT
// `--redact`: client addresses pseudonymised consistently (every spelling of one address, in the
// HTML and in the JSON), cookies, query strings, user names and credentials removed, server
// addresses kept.
#include "html_scan.h"
#include "report/analysis_json.h"
#include "report/html_report.h"
#include "report/redact.h"
#include "report_fixture.h"
#include "support/catch.h"
#include "support/test_paths.h"

#include <regex>
#include <sstream>

using namespace hs;
using namespace hs::test;

namespace {

bool containsAddress(const std::string &text, const std::string &address)
{
    // "10.0.0.5" must not match inside "10.0.0.50".
    std::string pattern;
    for (const char c : address)
        pattern += (c == '.' ? std::string("\\.") : std::string(1, c));
    return std::regex_search(text, std::regex("(^|[^0-9A-Fa-f.:])" + pattern + "($|[^0-9A-Fa-f:])"));
}

} // namespace

TEST_CASE("redact: one token per client address, whatever its spelling", "[redact]")
{
    Redactor r;
    CHECK(r.client("10.0.0.5") == "client-1");
    CHECK(r.client("10.0.0.6") == "client-2");
    CHECK(r.client("10.0.0.5") == "client-1");
    CHECK(r.client("2001:0db8:0000::0001") == "client-3");
    CHECK(r.client("2001:db8::1") == "client-3");
    CHECK(r.client("[2001:db8::1]") == "client-3");
    CHECK(r.client("fe80::1%3") == "client-4");
    CHECK(r.client("fe80::1") == "client-4");
    CHECK(r.client("not-an-address") == "client-5");
    CHECK(r.client("-") == "-");
    CHECK(r.client("") == "");
    CHECK(r.clientCount() == 5);
}

TEST_CASE("redact: connection keys, URIs and free text", "[redact]")
{
    Redactor r;
    r.addServerAddress("10.0.0.50");
    CHECK(r.connectionKey("10.0.0.5:51000->10.0.0.50:80") == "client-1:51000->10.0.0.50:80");
    CHECK(r.connectionKey("[2001:db8::1]:51000->[2001:db8::2]:80") == "client-2:51000->[2001:db8::2]:80");
    CHECK(r.connectionKey("10.0.0.5:51001->10.0.0.50:80") == "client-1:51001->10.0.0.50:80");

    CHECK(r.uri("/a/b?x=1&y=2") == "/a/b?[redacted]");
    CHECK(r.uri("/a/b") == "/a/b");
    CHECK(r.uri("/a?") == "/a?");

    CHECK(r.text("Cookie: a=b; c=d\r\nHost: www\r\nAuthorization: Basic dXNlcjpw\r\n") ==
          "Cookie: [redacted]\r\nHost: www\r\nAuthorization: [redacted]\r\n");
    CHECK(r.text("set-cookie: s=1\nProxy-Authorization: Negotiate YII=") ==
          "set-cookie: [redacted]\nProxy-Authorization: [redacted]");
    CHECK(r.text("X-Cookie: keep") == "X-Cookie: keep"); // a different header
    CHECK(r.text("GET /p/q?token=abc HTTP/1.1") == "GET /p/q?[redacted] HTTP/1.1");
    CHECK(r.text("http://h.example/x?y=1, then") == "http://h.example/x?[redacted] then");
    CHECK(r.text("is this by design?") == "is this by design?");
    CHECK(r.text("from 10.0.0.5:51000 to 10.0.0.50:80.") == "from client-1:51000 to 10.0.0.50:80.");
    CHECK(r.text("client 10.0.0.7.") == "client client-3.");
    CHECK(r.text("Http.sys 5.2.3790.2433 at 10:00:01") == "Http.sys 5.2.3790.2433 at 10:00:01");
    CHECK(r.text("peer [fe80::1%3]:80 and ::ffff:10.0.0.8") == "peer client-4:80 and client-5");
    CHECK(r.text("MAC 00:1a:2b:3c:4d:5e") == "MAC 00:1a:2b:3c:4d:5e");
    CHECK(r.text("host10.0.0.5x") == "host10.0.0.5x");      // glued to letters: not an address token
    CHECK(r.text("from 2001:db8::9.") == "from client-6."); // a sentence may end after an address
}

TEST_CASE("redact: address-like text glued to an address goes with it", "[redact]")
{
    // Left behind, "::1" would join the token's last digit ("client-1::1") into a new address, and
    // redacting the redacted text again would find it (the fuzzer's idempotence check).
    Redactor r;
    CHECK(r.text("[fe80::1%3b8::1 x") == "[client-1 x");
    CHECK(r.text("at 10.0.0.5::1 and 10.0.0.6:2::3") == "at client-2 and client-3");
    CHECK(r.text("10.0.0.5:51000 kept") == "client-2:51000 kept");
    for (const std::string_view in : {"[fe80::1%3b8::1", "10.0.0.5::1", "1.2.3.4:5:6::7", "fe80::1.2.3.4.5"}) {
        const std::string once = r.text(in);
        const std::size_t tokens = r.clientCount();
        CHECK(r.text(once) == once);
        CHECK(r.clientCount() == tokens);
    }
}

TEST_CASE("redact: log lines field by field", "[redact]")
{
    TempDir dir("redact-lines");
    const IncidentFixture fx = makeIncident(dir.path() / "web01");
    const Analysis &a = *fx.analysis;
    Redactor r(a);
    CHECK(r.isServerAddress("10.0.0.50"));
    CHECK(r.isServerAddress("fe80::50"));
    CHECK_FALSE(r.isServerAddress("10.0.0.5"));

    const Source &w3c = a.source(fx.w3c);
    const std::string line5 = r.logLine(w3c, 5, w3c.rawLine(5));
    CHECK(line5 == "2026-11-21 10:00:01 10.0.0.50 POST /upload.aspx [redacted] 80 [redacted] client-1 HTTP/1.1 "
                   "curl/7.68.0 [redacted] 200 0 0 1200");
    const std::string line6 = r.logLine(w3c, 6, w3c.rawLine(6));
    CHECK(line6 == "2026-11-21 10:00:03 10.0.0.50 GET /default.aspx - 80 - client-2 HTTP/1.1 "
                   "Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 15");
    // The rejected line does not fit #Fields: free-text rules apply.
    CHECK(r.logLine(w3c, 13, w3c.rawLine(13)) == "2026-11-21 10:05:00 garbage");

    const Source &err = a.source(fx.httpErr);
    CHECK(r.logLine(err, 5, err.rawLine(5)) == "2026-11-21 10:00:05 client-1 51001 10.0.0.50 80 HTTP/1.1 POST "
                                               "/upload.aspx?[redacted] - 1 Connection_Dropped DefaultAppPool");
    CHECK(r.logLine(err, 13, err.rawLine(13)) ==
          "2026-11-21 10:05:10 client-3 50300 fe80::50%3 80 - - - - - Timer_ConnectionIdle -");
}

TEST_CASE("redact: the HTML and the JSON carry no client address, query, cookie or credential", "[redact]")
{
    TempDir dir("redact-e2e");
    const IncidentFixture fx = makeIncident(dir.path() / "web01");
    const Analysis &a = *fx.analysis;
    Redactor r(a);

    std::ostringstream json;
    JsonOptions jo;
    jo.redactor = &r;
    writeAnalysisJson(a, json, jo);
    HtmlOptions ho;
    ho.redactor = &r;
    const std::string html = htmlReport(a, ho);
    REQUIRE(scanHtml(html).error.empty());
    const std::string jsonText = json.str();

    for (const std::string *out : {&html, &jsonText}) {
        const std::string &text = *out;
        for (const char *client :
             {"10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.0.8", "10.0.0.9", "2001:db8::10", "fe80::1"})
            CHECK_FALSE(containsAddress(text, client));
        for (const char *secret : {"s3cr3t", "abc123", "ASPSESSIONID", "dXNlcjpwYXNzd29yZA", "q=secret", "alice",
                                   "id=7", "id=8", "id=9", "q=1"})
            CHECK(text.find(secret) == std::string::npos);
        CHECK(containsAddress(text, "10.0.0.50")); // the server stays
        CHECK(text.find("client-1") != std::string::npos);
    }
    // The same client has the same token in both outputs: the JSON, written first, named 10.0.0.5
    // client-1 (first finding's connection); the HTML uses that token for its connections.
    CHECK(jsonText.find("\"client-1:51002->10.0.0.50:80\"") != std::string::npos);
    CHECK(jsonText.find("\"redacted\": true") != std::string::npos);
    const std::string card = elementById(html, "finding-1");
    CHECK(card.find("client-1:51000-&gt;10.0.0.50:80") != std::string::npos);
    CHECK(card.find("/upload.aspx?[redacted]") != std::string::npos);
    CHECK(card.find("Cookie: [redacted]") != std::string::npos);
    CHECK(card.find("Authorization: [redacted]") != std::string::npos);
    CHECK(html.find("<b>redacted</b>") != std::string::npos);
    CHECK(html.find("Redacted: client addresses are pseudonyms") != std::string::npos);
}
