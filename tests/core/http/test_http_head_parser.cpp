// SPDX-License-Identifier: MIT
#include "capture/http/http_body.h"
#include "capture/http/http_head_parser.h"
#include "support/catch.h"

#include <string>

using namespace hs;
using namespace hs::http;

TEST_CASE("request lines", "[http][head]")
{
    RequestLine r = parseRequestLine("GET /a?b=c HTTP/1.1");
    CHECK(r.method == "GET");
    CHECK(r.target == "/a?b=c");
    CHECK(r.version == HttpVersion::Http11);
    CHECK_FALSE(r.simpleRequest);
    CHECK_FALSE(r.bad);

    r = parseRequestLine("GET /?foo=bar");
    CHECK(r.simpleRequest);
    CHECK(r.version == HttpVersion::Http09);
    CHECK(r.target == "/?foo=bar");
    CHECK_FALSE(r.bad);

    r = parseRequestLine("GET /?foo=bar HTTP/0.9"); // explicit version: a full request with headers
    CHECK_FALSE(r.simpleRequest);
    CHECK(r.version == HttpVersion::Http09);

    r = parseRequestLine("POST /x"); // only GET existed in HTTP/0.9
    CHECK(r.simpleRequest);
    CHECK(r.bad);

    r = parseRequestLine("HELLO");
    CHECK(r.method == "HELLO");
    CHECK(r.target.empty());
    CHECK(r.simpleRequest);
    CHECK(r.bad);

    r = parseRequestLine("GET / JUNK/1.0");
    CHECK(r.target == "/");
    CHECK(r.version == HttpVersion::Other);
    CHECK_FALSE(r.simpleRequest);
    CHECK(r.bad);

    r = parseRequestLine("GET / HTTP/1.2");
    CHECK(r.version == HttpVersion::Other);
    CHECK(r.bad);

    r = parseRequestLine("GET / http/1.1");
    CHECK(r.version == HttpVersion::Http11);
    CHECK(r.bad);

    r = parseRequestLine(" GET /p HTTP/1.0");
    CHECK(r.method == "GET");
    CHECK(r.target == "/p");
    CHECK(r.bad);

    r = parseRequestLine("GET /a b HTTP/1.1");
    CHECK(r.target == "/a b");
    CHECK(r.bad);

    r = parseRequestLine("GET  /x  HTTP/1.1");
    CHECK(r.target == "/x");
    CHECK(r.version == HttpVersion::Http11);
    CHECK(r.bad);

    r = parseRequestLine(std::string("GET /?p=%20\0%21 HTTP/1.0", 24));
    CHECK(r.version == HttpVersion::Http10);
    CHECK(r.bad);

    r = parseRequestLine("G@T / HTTP/1.1");
    CHECK(r.bad);

    CHECK(requestLineHasVersion("GET / HTTP/1.1\r"));
    CHECK(requestLineHasVersion("GET / HTTP/1.0"));
    CHECK_FALSE(requestLineHasVersion("GET /"));
    CHECK_FALSE(requestLineHasVersion("GET / JUNK/1.0"));
}

TEST_CASE("status lines", "[http][head]")
{
    ParsedHead h;
    parseResponseHead("HTTP/1.1 200 OK\r\n\r\n", h);
    CHECK(h.status == 200);
    CHECK(h.reason == "OK");
    CHECK(h.version == HttpVersion::Http11);
    CHECK(h.violations == 0);

    parseResponseHead("HTTP/1.0 404 Not Found\r\n\r\n", h);
    CHECK(h.status == 404);
    CHECK(h.reason == "Not Found");
    CHECK(h.version == HttpVersion::Http10);

    parseResponseHead("HTTP/1.1 204\r\n\r\n", h);
    CHECK(h.status == 204);
    CHECK(h.reason.empty());
    CHECK(h.violations == 0);

    parseResponseHead("HTTP/1.1 2000 Odd\r\n\r\n", h);
    CHECK(h.status == 0);
    CHECK(h.violations == kViolationBadStatusLine);

    parseResponseHead("HTTP/1.1 abc\r\n\r\n", h);
    CHECK(h.status == 0);
    CHECK(h.violations == kViolationBadStatusLine);

    parseResponseHead("HTTP/1.1 099 Low\r\n\r\n", h);
    CHECK(h.status == 0);
    CHECK(h.violations == kViolationBadStatusLine);

    parseResponseHead("HTTP/1.1  200 OK\r\n\r\n", h);
    CHECK(h.status == 200);
    CHECK(h.violations == kViolationBadStatusLine);

    parseResponseHead("HTTP/2 200\r\n\r\n", h);
    CHECK(h.status == 200);
    CHECK(h.violations == kViolationBadStatusLine);

    parseResponseHead("HTTP/1.1 100 Continue\n\n", h);
    CHECK(h.status == 100);
    CHECK(h.violations == kViolationBareLf);
}

TEST_CASE("header fields: lookup, combining, folding, irregularities", "[http][head]")
{
    CHECK(headerIdOf("CONTENT-length") == HeaderId::ContentLength);
    CHECK(headerIdOf("transfer-encoding") == HeaderId::TransferEncoding);
    CHECK(headerIdOf("Via") == HeaderId::Via);
    CHECK(headerIdOf("X-Via") == HeaderId::Count);
    CHECK(headerIdOf("") == HeaderId::Count);

    ParsedHead h;
    parseRequestHead("POST /x HTTP/1.1\r\n"
                     "host: example.com\r\n"
                     "HOST: second.example\r\n"
                     "Connection: Keep-Alive\r\n"
                     "connection: Upgrade\r\n"
                     "Upgrade: h2c\r\n"
                     "Expect: 100-Continue\r\n"
                     "User-Agent: A\r\n"
                     "\tB\r\n"
                     "Content-Length: 5\r\n"
                     "\r\n",
                     h);
    CHECK(h.method == "POST");
    CHECK(h.value(HeaderId::Host) == "example.com"); // the first one counts
    CHECK(h.counts[static_cast<std::size_t>(HeaderId::Host)] == 2);
    CHECK(h.value(HeaderId::Connection) == "Keep-Alive, Upgrade");
    CHECK(h.connectionKeepAlive);
    CHECK(h.connectionUpgrade);
    CHECK_FALSE(h.connectionClose);
    CHECK(h.value(HeaderId::Upgrade) == "h2c");
    CHECK(h.value(HeaderId::Expect) == "100-Continue");
    CHECK(h.value(HeaderId::UserAgent) == "A B");
    CHECK(h.contentLength == 5);
    CHECK(h.hasContentLength);
    CHECK(h.fieldLines == 8);
    CHECK(h.violations == kViolationFoldedHeader);

    // A reused ParsedHead starts clean.
    parseRequestHead("GET / HTTP/1.1\r\n\r\n", h);
    CHECK(h.value(HeaderId::UserAgent).empty());
    CHECK(h.contentLength == -1);
    CHECK_FALSE(h.connectionKeepAlive);
    CHECK(h.violations == 0);

    parseResponseHead("HTTP/1.0 200 OK\r\n"
                      " Invalid-Folding: 1\r\n"
                      "No Colon\r\n"
                      "Lws : After Header Name\r\n"
                      "Header@Name: Not Token\r\n"
                      ": Empty Name\r\n"
                      "Server: Apache\r\n"
                      "\r\n",
                      h);
    CHECK(h.value(HeaderId::Server) == "Apache");
    CHECK(h.violations == kViolationBadHeader);
}

TEST_CASE("Content-Length and Transfer-Encoding values", "[http][head]")
{
    ParsedHead h;
    const auto req = [&](const std::string &fields) { parseRequestHead("POST / HTTP/1.1\r\n" + fields + "\r\n", h); };

    req("Content-Length: 5, 5\r\n");
    CHECK(h.contentLength == 5);
    CHECK(h.violations == kViolationDuplicateContentLength);

    req("Content-Length: 5\r\nContent-Length: 6\r\n");
    CHECK(h.contentLength == -1);
    CHECK(h.hasContentLength);
    CHECK(h.violations == (kViolationDuplicateContentLength | kViolationBadContentLength));

    req("Content-Length:\r\n");
    CHECK(h.contentLength == -1);
    CHECK(h.violations == kViolationBadContentLength);

    req("Content-Length: 99999999999999999999\r\n");
    CHECK(h.contentLength == -1);
    CHECK(h.violations == kViolationBadContentLength);

    req("Content-Length: -1\r\n");
    CHECK(h.violations == kViolationBadContentLength);

    req("Transfer-Encoding: gzip,\r\n chunked\r\n");
    CHECK(h.chunked);
    CHECK(h.hasTransferEncoding);
    CHECK(h.value(HeaderId::TransferEncoding) == "gzip, chunked");
    CHECK(h.violations == kViolationFoldedHeader);

    req("Transfer-Encoding: gzip\r\nTransfer-Encoding: CHUNKED\r\n");
    CHECK(h.chunked);
    CHECK(h.violations == 0);

    req("Transfer-Encoding: chunked, gzip\r\n");
    CHECK_FALSE(h.chunked);
    CHECK(h.hasTransferEncoding);
    CHECK(h.violations == kViolationUnknownTransferCoding);

    req("Transfer-Encoding: identity\r\nContent-Length: 3\r\n");
    CHECK_FALSE(h.hasTransferEncoding); // identity means no coding: Content-Length frames the body
    CHECK(h.contentLength == 3);
    CHECK(h.violations == kViolationUnknownTransferCoding);

    req("Transfer-Encoding: x-custom\r\n");
    CHECK(h.hasTransferEncoding);
    CHECK_FALSE(h.chunked);
    CHECK(h.violations == kViolationUnknownTransferCoding);

    req("Transfer-Encoding: chunked;foo=bar\r\n");
    CHECK(h.chunked);
    CHECK(h.violations == 0);

    // llhttp response/transfer-encoding.md: identity after chunked leaves chunked not final.
    req("Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n");
    CHECK_FALSE(h.chunked);
    CHECK(h.hasTransferEncoding);
    CHECK(h.violations == kViolationUnknownTransferCoding);
}

TEST_CASE("a CR inside a line is not a line end, and is flagged", "[http][head]")
{
    ParsedHead h;
    parseRequestHead("POST / HTTP/1.1\r\nx:\rTransfer-Encoding: chunked\r\n\r\n", h);
    CHECK_FALSE(h.chunked);
    CHECK(h.counts[static_cast<std::size_t>(HeaderId::TransferEncoding)] == 0);
    CHECK(h.violations == kViolationBadHeader);
    parseResponseHead("HTTP/1.1 200 OK\r\rContent-Length: 4\r\n\r\n", h);
    CHECK(h.status == 200);
    CHECK_FALSE(h.hasContentLength);
    CHECK(h.violations == kViolationBadStatusLine);
}

TEST_CASE("a cut head: the last, partial line is read but not judged", "[http][head]")
{
    ParsedHead h;
    parseRequestHead("GET / HTTP/1.1\r\nHost: exa", h);
    CHECK(h.value(HeaderId::Host) == "exa");
    CHECK(h.violations == 0);
    parseRequestHead("GET / HTTP/1.1\r\nHost: a\r\nUser-Ag", h);
    CHECK(h.value(HeaderId::UserAgent).empty());
    CHECK(h.violations == 0);
}

TEST_CASE("request body framing", "[http][framing]")
{
    ParsedHead h;
    parseRequestHead("GET / HTTP/1.1\r\n\r\n", h);
    BodyPlan p = planRequestBody(h);
    CHECK(p.kind == BodyKind::None);
    CHECK(p.framing == BodyFraming::None);

    parseRequestHead("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n", h);
    CHECK(planRequestBody(h).kind == BodyKind::None);

    parseRequestHead("POST / HTTP/1.1\r\nContent-Length: 12\r\n\r\n", h);
    p = planRequestBody(h);
    CHECK(p.kind == BodyKind::Length);
    CHECK(p.length == 12);
    CHECK(p.framing == BodyFraming::ContentLength);

    parseRequestHead("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", h);
    p = planRequestBody(h);
    CHECK(p.kind == BodyKind::Chunked);
    CHECK(p.framing == BodyFraming::ChunkedAndLength);
    CHECK(p.violations == (kViolationTeAndCl | kViolationTeInHttp10));

    parseRequestHead("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", h);
    p = planRequestBody(h);
    CHECK(p.kind == BodyKind::Unknown);
    CHECK(p.framing == BodyFraming::Unknown);

    parseRequestHead("POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n", h);
    CHECK(planRequestBody(h).kind == BodyKind::Unknown);

    parseRequestHead("GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n", h);
    CHECK(planRequestBody(h).violations == kViolationExpectWithoutBody);
}

TEST_CASE("response body framing", "[http][framing]")
{
    ParsedHead h;
    parseResponseHead("HTTP/1.1 200 OK\r\n\r\n", h);
    BodyPlan p = planResponseBody(h, false);
    CHECK(p.kind == BodyKind::UntilClose);
    CHECK(p.framing == BodyFraming::UntilClose);

    parseResponseHead("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", h);
    CHECK(planResponseBody(h, false).kind == BodyKind::Length);
    CHECK(planResponseBody(h, true).kind == BodyKind::None); // answer to HEAD

    for (const char *head : {"HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n",
                             "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n",
                             "HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 103 Early Hints\r\n\r\n"}) {
        INFO(head);
        parseResponseHead(head, h);
        CHECK(planResponseBody(h, false).kind == BodyKind::None);
    }

    parseResponseHead("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", h);
    p = planResponseBody(h, false);
    CHECK(p.kind == BodyKind::UntilClose);
    CHECK(p.framing == BodyFraming::Unknown);

    parseResponseHead("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", h);
    p = planResponseBody(h, false);
    CHECK(p.kind == BodyKind::UntilClose);
    CHECK(p.framing == BodyFraming::Unknown);

    parseResponseHead("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", h);
    p = planResponseBody(h, false);
    CHECK(p.kind == BodyKind::Chunked);
    CHECK(p.violations == kViolationTeInHttp10);
}
