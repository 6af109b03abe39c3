// SPDX-License-Identifier: MIT
// HttpConversation on scripted two-direction exchanges. Every case also proves split-invariance:
// cutting any data step at any byte (and feeding byte by byte) yields exactly the same result.
#include "http_script.h"
#include "support/catch.h"

#include <string>

using namespace hs;
using namespace hs::test;

namespace {

TimeUs T(std::size_t step)
{
    return ConversationScript::timeOf(step);
}

#define CHECK_SPLIT_INVARIANT(script)                                                                                  \
    do {                                                                                                               \
        const std::string splitFailure = splitInvarianceFailure(script);                                               \
        INFO(splitFailure);                                                                                            \
        CHECK(splitFailure.empty());                                                                                   \
    } while (false)

const std::string kGet = "GET /index.html?x=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: curl/8.0\r\n"
                         "Accept: */*\r\n\r\n";
const std::string kOk5 = "HTTP/1.1 200 OK\r\nServer: Microsoft-IIS/10.0\r\nContent-Length: 5\r\n\r\nhello";

} // namespace

TEST_CASE("simple GET: every request and response field", "[http][conversation]")
{
    ConversationScript s;
    s.client(kGet).server(kOk5).fin(kToClient).fin(kToServer);
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    const Transaction &t = r.tx(0);
    CHECK(t.id.value == 0);
    CHECK(t.connection.value == 0);
    CHECK(t.indexInConnection == 0);
    CHECK(t.hasRequest);
    CHECK(r.str(t.method) == "GET");
    CHECK(r.str(t.target) == "/index.html?x=1");
    CHECK(t.requestVersion == HttpVersion::Http11);
    CHECK(r.str(t.request.host) == "example.com");
    CHECK(r.str(t.request.userAgent) == "curl/8.0");
    CHECK(t.request.expect == kEmptyStr);
    CHECK(t.request.contentLength == -1);
    CHECK(t.requestFraming == BodyFraming::None);
    CHECK(t.requestTime == T(0));
    CHECK(t.requestFrame == 1);
    CHECK(t.requestHeadEndTime == T(0));
    CHECK(t.requestHeadEndFrame == 1);
    CHECK(t.requestBodyFirstTime == kNoTime);
    CHECK(t.requestBodyLastTime == kNoTime);
    CHECK(t.requestHeaderBytes == kGet.size());
    CHECK(t.requestBodyBytes == 0);
    CHECK(t.requestChunks == 0);
    CHECK(t.requestComplete);
    CHECK(t.interims.empty());
    CHECK(t.hasResponse);
    CHECK(t.status == 200);
    CHECK(r.str(t.reason) == "OK");
    CHECK(t.responseVersion == HttpVersion::Http11);
    CHECK(r.str(t.response.server) == "Microsoft-IIS/10.0");
    CHECK(t.response.userAgent == kEmptyStr); // request-only fields stay empty on the response
    CHECK(t.response.contentLength == 5);
    CHECK(t.responseFraming == BodyFraming::ContentLength);
    CHECK(t.responseTime == T(1));
    CHECK(t.responseFrame == 2);
    CHECK(t.responseEndTime == T(1));
    CHECK(t.responseEndFrame == 2);
    CHECK(t.responseHeaderBytes == kOk5.size() - 5);
    CHECK(t.responseBodyBytes == 5);
    CHECK(t.responseComplete);
    CHECK(t.violations == kViolationNone);
    CHECK(r.rawRequestHead(0) == kGet);
    CHECK(r.rawResponseHead(0) == kOk5.substr(0, kOk5.size() - 5));
    CHECK(r.connection.protocol == AppProtocol::Http);
    CHECK(r.connection.firstTransaction == 0);
    CHECK(r.connection.transactionCount == 1);
    CHECK_FALSE(r.connection.upgraded);
    CHECK(r.connection.end.unansweredRequests == 0);
    CHECK_FALSE(r.connection.end.duringRequestBody);
    CHECK(r.capture.httpRequests == 1);
    CHECK(r.capture.httpResponses == 1);
    CHECK(r.capture.httpInterim == 0);
    CHECK(r.mayBeHttp);
    CHECK_FALSE(r.upgraded);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("times and frames follow the packets that carried each part", "[http][conversation]")
{
    ConversationScript s;
    s.client("POST /upload HTTP/1.1\r\nHost: h\r\nContent-")           // step 0
        .client("Length: 6\r\n\r\n")                                   // step 1: head ends
        .client("abc")                                                 // step 2: first body bytes
        .client("def")                                                 // step 3: last body bytes
        .server("HTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\nab") // step 4
        .server("cd");                                                 // step 5
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    const Transaction &t = r.tx(0);
    CHECK(t.requestTime == T(0));
    CHECK(t.requestFrame == 1);
    CHECK(t.requestHeadEndTime == T(1));
    CHECK(t.requestHeadEndFrame == 2);
    CHECK(t.requestBodyFirstTime == T(2));
    CHECK(t.requestBodyFirstFrame == 3);
    CHECK(t.requestBodyLastTime == T(3));
    CHECK(t.requestBodyLastFrame == 4);
    CHECK(t.requestBodyBytes == 6);
    CHECK(t.requestFraming == BodyFraming::ContentLength);
    CHECK(t.request.contentLength == 6);
    CHECK(t.requestComplete);
    CHECK(t.status == 201);
    CHECK(t.responseTime == T(4));
    CHECK(t.responseEndTime == T(5));
    CHECK(t.responseEndFrame == 6);
    CHECK(t.responseBodyBytes == 4);
    CHECK(t.responseComplete);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("keep-alive: requests and responses in turn on one connection", "[http][conversation]")
{
    ConversationScript s;
    s.client(kGet)
        .server(kOk5)
        .client("GET /second HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n")
        .server("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\nConnection: close\r\n\r\nnope")
        .fin(kToClient);
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK(r.str(r.tx(0).target) == "/index.html?x=1");
    CHECK(r.tx(0).status == 200);
    CHECK(r.tx(1).indexInConnection == 1);
    CHECK(r.tx(1).id.value == 1);
    CHECK(r.str(r.tx(1).target) == "/second");
    CHECK(r.str(r.tx(1).request.connection) == "close");
    CHECK(r.tx(1).status == 404);
    CHECK(r.str(r.tx(1).reason) == "Not Found");
    CHECK(r.str(r.tx(1).response.connection) == "close");
    CHECK(r.tx(1).responseBodyBytes == 3);
    CHECK(r.tx(1).responseComplete);
    CHECK(r.tx(1).responseTime == T(3));
    CHECK(r.connection.transactionCount == 2);
    CHECK(r.capture.httpRequests == 2);
    CHECK(r.capture.httpResponses == 2);
    CHECK(r.connection.end.unansweredRequests == 0);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("pipelining: responses answer the requests in order, HEAD responses have no body", "[http][conversation]")
{
    ConversationScript s;
    s.client("GET /a HTTP/1.1\r\nHost: h\r\n\r\nHEAD /b HTTP/1.1\r\nHost: h\r\n\r\nGET /c HTTP/1.1\r\nHost: h\r\n\r\n")
        .server("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA"
                "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n") // HEAD: the length is not followed by bytes
        .server("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nC");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 3);
    CHECK(r.str(r.tx(0).target) == "/a");
    CHECK(r.str(r.tx(1).method) == "HEAD");
    CHECK(r.str(r.tx(2).target) == "/c");
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(r.tx(i).requestTime == T(0));
        CHECK(r.tx(i).hasResponse);
        CHECK(r.tx(i).responseComplete);
        CHECK(r.tx(i).violations == kViolationNone);
    }
    CHECK(r.tx(0).responseBodyBytes == 1);
    CHECK(r.tx(1).responseBodyBytes == 0);
    CHECK(r.tx(1).response.contentLength == 1000);
    CHECK(r.tx(1).responseFraming == BodyFraming::None);
    CHECK(r.tx(1).responseTime == T(1));
    CHECK(r.tx(2).responseBodyBytes == 1);
    CHECK(r.tx(2).responseTime == T(2));
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("pipelining: unanswered requests at the end stay without response", "[http][conversation]")
{
    ConversationScript s;
    s.client("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\n")
        .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        .rst(kToClient);
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 3);
    CHECK(r.tx(0).hasResponse);
    CHECK_FALSE(r.tx(1).hasResponse);
    CHECK_FALSE(r.tx(2).hasResponse);
    CHECK(r.connection.reset.unansweredRequests == 2);
    CHECK(r.connection.end.unansweredRequests == 2);
    CHECK_FALSE(r.connection.reset.duringRequestBody);
    CHECK(r.capture.httpResponses == 1);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("100-continue done right: interim linked and timed, body after it", "[http][conversation][1xx]")
{
    ConversationScript s;
    s.client("POST /api HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n") // 0
        .server("HTTP/1.1 100 Continue\r\n\r\n")                                                    // 1
        .client("0123456789")                                                                       // 2
        .server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");                                  // 3
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    const Transaction &t = r.tx(0);
    CHECK(t.expectsContinue());
    CHECK(r.str(t.request.expect) == "100-continue");
    REQUIRE(t.interims.size() == 1);
    CHECK(t.interims[0].status == 100);
    CHECK(t.interims[0].time == T(1));
    CHECK(t.interims[0].frame == 2);
    CHECK_FALSE(t.interims[0].afterFinal);
    CHECK_FALSE(t.hasStrayInterim());
    CHECK(t.requestHeadEndTime == T(0));
    CHECK(t.requestBodyFirstTime == T(2));
    CHECK(t.requestBodyLastTime == T(2));
    CHECK(t.requestBodyBytes == 10);
    CHECK(t.requestComplete);
    CHECK(t.status == 200);
    CHECK(t.responseTime == T(3)); // the final status line, not the interim's
    CHECK(t.responseHeaderBytes == std::string("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n").size());
    CHECK(t.violations == kViolationNone);
    CHECK(r.capture.httpInterim == 1);
    CHECK(r.capture.httpResponses == 1);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("Expect value keeps its case (HTTP.sys ignored \"100-Continue\")", "[http][conversation][1xx]")
{
    ConversationScript s;
    s.client("PUT /f HTTP/1.1\r\nHost: h\r\nexpect:   100-Continue  \r\nContent-Length: 3\r\n\r\n").client("abc");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    CHECK(r.str(r.tx(0).request.expect) == "100-Continue");
    CHECK(r.tx(0).requestBodyBytes == 3);
    CHECK_FALSE(r.tx(0).hasResponse);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("KB898708: a 100 Continue after the final 200 is stray on that request", "[http][conversation][1xx]")
{
    ConversationScript s;
    s.client("POST /svc HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody")                 // 0
        .server("HTTP/1.1 200 OK\r\nServer: Microsoft-IIS/6.0\r\nContent-Length: 2\r\n\r\nok") // 1
        .server("HTTP/1.1 100 Continue\r\n\r\n")                                               // 2: stray
        .client("GET /next HTTP/1.1\r\nHost: h\r\n\r\n")                                       // 3
        .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");                               // 4
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    const Transaction &post = r.tx(0);
    REQUIRE(post.interims.size() == 1);
    CHECK(post.interims[0].status == 100);
    CHECK(post.interims[0].afterFinal);
    CHECK(post.interims[0].time == T(2));
    CHECK(post.interims[0].frame == 3);
    CHECK(post.hasStrayInterim());
    CHECK(post.status == 200);
    CHECK(post.responseTime == T(1));
    CHECK(r.str(post.response.server) == "Microsoft-IIS/6.0");
    const Transaction &get = r.tx(1);
    CHECK(get.interims.empty());
    CHECK(get.status == 200);
    CHECK(get.responseTime == T(4));
    CHECK(r.capture.httpInterim == 1);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("stray 100 in the same segment as the 200", "[http][conversation][1xx]")
{
    ConversationScript s;
    s.client("POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx")
        .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n")
        .rst(kToServer);
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    REQUIRE(r.tx(0).interims.size() == 1);
    CHECK(r.tx(0).interims[0].afterFinal);
    CHECK(r.tx(0).interims[0].time == T(1));
    CHECK(r.connection.reset.unansweredRequests == 0);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("a 1xx with a later request waiting belongs to that request", "[http][conversation][1xx]")
{
    // Once the next request is in flight, a 100 after the first 200 may be that request's own
    // interim: it is not called stray.
    ConversationScript s;
    s.client("POST /a HTTP/1.1\r\nContent-Length: 1\r\n\r\nx")
        .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        .client("POST /b HTTP/1.1\r\nContent-Length: 1\r\nExpect: 100-continue\r\n\r\n")
        .server("HTTP/1.1 100 Continue\r\n\r\n")
        .client("y")
        .server("HTTP/1.1 204 No Content\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK(r.tx(0).interims.empty());
    REQUIRE(r.tx(1).interims.size() == 1);
    CHECK_FALSE(r.tx(1).interims[0].afterFinal);
    CHECK(r.tx(1).status == 204);
    CHECK(r.tx(1).responseComplete);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("pipelined requests with interims before and after their finals", "[http][conversation][1xx]")
{
    ConversationScript s;
    s.client("POST /a HTTP/1.1\r\nContent-Length: 1\r\n\r\nxPOST /b HTTP/1.1\r\nContent-Length: 1\r\n\r\ny")
        .server("HTTP/1.1 100 Continue\r\n\r\n")                // 1: A (oldest waiting)
        .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") // 2: A's final
        .server("HTTP/1.1 102 Processing\r\n\r\n")              // 3: B is waiting: B's interim
        .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") // 4: B's final
        .server("HTTP/1.1 100 Continue\r\n\r\n");               // 5: nothing waits: stray on B
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    REQUIRE(r.tx(0).interims.size() == 1);
    CHECK(r.tx(0).interims[0].time == T(1));
    CHECK_FALSE(r.tx(0).interims[0].afterFinal);
    CHECK(r.tx(0).responseTime == T(2));
    REQUIRE(r.tx(1).interims.size() == 2);
    CHECK(r.tx(1).interims[0].status == 102);
    CHECK_FALSE(r.tx(1).interims[0].afterFinal);
    CHECK(r.tx(1).interims[1].status == 100);
    CHECK(r.tx(1).interims[1].afterFinal);
    CHECK(r.tx(1).interims[1].time == T(5));
    CHECK(r.tx(1).responseTime == T(4));
    CHECK(r.capture.httpInterim == 3);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("several interims (103 Early Hints, 100) before one final", "[http][conversation][1xx]")
{
    ConversationScript s;
    s.client("GET / HTTP/1.1\r\n\r\n")
        .server("HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n")
        .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    REQUIRE(r.tx(0).interims.size() == 2);
    CHECK(r.tx(0).interims[0].status == 103);
    CHECK(r.tx(0).interims[1].status == 100);
    CHECK(r.tx(0).status == 200);
    CHECK(r.tx(0).responseHeaderBytes == std::string("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").size());
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("a 100 to an HTTP/1.0 request is a violation", "[http][conversation][1xx]")
{
    ConversationScript s;
    s.client("POST /old HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi")
        .server("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    CHECK(r.tx(0).requestVersion == HttpVersion::Http10);
    REQUIRE(r.tx(0).interims.size() == 1);
    CHECK(r.tx(0).violations == kViolationInterimToHttp10);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("Expect answered with a final status: the client sends its next request instead of the body",
          "[http][conversation][1xx]")
{
    ConversationScript s;
    s.client("PUT /forbidden HTTP/1.1\r\nContent-Length: 14\r\nExpect: 100-continue\r\n\r\n")
        .server("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")
        .client("PUT /forbidden HTTP/1.1\r\nContent-Length: 14\r\nAuthorization: Basic eA==\r\n\r\nHello People!\n")
        .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK(r.tx(0).status == 401);
    CHECK(r.tx(0).requestBodyBytes == 0);
    CHECK(r.tx(0).requestComplete); // withheld, as RFC 9110 §10.1.1 allows
    CHECK(r.tx(0).requestBodyFirstTime == kNoTime);
    CHECK(r.tx(1).requestTime == T(2));
    CHECK(r.tx(1).requestBodyBytes == 14);
    CHECK(r.tx(1).requestComplete);
    CHECK(r.tx(1).status == 200);
    CHECK(r.tx(1).violations == kViolationNone);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("Expect answered with a final status, body sent anyway", "[http][conversation][1xx]")
{
    ConversationScript s;
    s.client("POST /x HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        .server("HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n")
        .client("GETxx") // looks like a method at first, but it is the declared body
        .client("GET /after HTTP/1.1\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK(r.tx(0).status == 417);
    CHECK(r.tx(0).requestBodyBytes == 5);
    CHECK(r.tx(0).requestBodyFirstTime == T(2));
    CHECK(r.tx(0).requestComplete);
    CHECK(r.str(r.tx(1).target) == "/after");
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("Expect without a body is flagged", "[http][conversation][1xx]")
{
    ConversationScript s;
    s.client("GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    CHECK(r.tx(0).violations == kViolationExpectWithoutBody);
    CHECK(r.tx(0).requestComplete);
}

TEST_CASE("chunked request with extensions and trailers", "[http][conversation][chunked]")
{
    const std::string body = "5;name=value;q=\"x\"\r\nhello\r\nA\r\n0123456789\r\n0;last\r\nX-Trailer: 1\r\n"
                             "Another: 2\r\n\r\n";
    ConversationScript s;
    s.client("POST /chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
        .server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    const Transaction &t = r.tx(0);
    CHECK(t.requestFraming == BodyFraming::Chunked);
    CHECK(r.str(t.request.transferEncoding) == "chunked");
    CHECK(t.request.contentLength == -1);
    CHECK(t.requestChunks == 2);
    CHECK(t.requestBodyBytes == body.size());
    CHECK(t.requestComplete);
    CHECK(t.responseFraming == BodyFraming::Chunked);
    CHECK(t.responseBodyBytes == std::string("3\r\nabc\r\n0\r\n\r\n").size());
    CHECK(t.responseComplete);
    CHECK(t.violations == kViolationNone);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("chunk size overflow: 2^64 is flagged and the next request is found", "[http][conversation][chunked]")
{
    ConversationScript s;
    s.client("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\nxyz\r\n0\r\n\r\n"
             "GET /b HTTP/1.1\r\n\r\n")
        .server("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK((r.tx(0).violations & kViolationChunkSizeOverflow) != 0);
    CHECK_FALSE(r.tx(0).requestComplete);
    CHECK(r.tx(0).requestBodyBytes == 16); // the 16 hex digits read before the 17th overflowed
    CHECK(r.tx(0).status == 400);
    CHECK(r.str(r.tx(1).target) == "/b");
    CHECK(r.tx(1).status == 200);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("a declared 10 GB chunk is counted, never allocated", "[http][conversation][chunked]")
{
    ConversationScript s;
    s.client("POST /big HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n280000000\r\n" + std::string(1000, 'z'))
        .fin(kToServer);
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    const Transaction &t = r.tx(0);
    CHECK(t.requestChunks == 1);
    CHECK(t.requestBodyBytes == 11 + 1000);
    CHECK_FALSE(t.requestComplete);
    CHECK(t.violations == kViolationTruncated);
    CHECK(r.connection.end.duringRequestBody);
    CHECK(r.connection.end.unansweredRequests == 1);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("bad chunk sizes: a response falls back to reading until close", "[http][conversation][chunked]")
{
    ConversationScript s;
    s.client("GET / HTTP/1.1\r\n\r\n")
        .server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\ng\r\n012345678\r\n")
        .fin(kToClient);
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    CHECK(r.tx(0).violations == kViolationBadChunkSize);
    CHECK(r.tx(0).responseBodyBytes == std::string("g\r\n012345678\r\n").size());
    CHECK(r.tx(0).responseComplete);
    CHECK(r.tx(0).responseFraming == BodyFraming::Chunked);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("chunk data without its CRLF is tolerated and flagged", "[http][conversation][chunked]")
{
    ConversationScript s;
    s.client("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc4\r\ndefg\n0\n\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    CHECK(r.tx(0).requestChunks == 2);
    CHECK(r.tx(0).requestComplete);
    CHECK(r.tx(0).violations == (kViolationMissingChunkCrlf | kViolationBareLf));
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("Transfer-Encoding and Content-Length: chunked wins, flagged", "[http][conversation][chunked]")
{
    ConversationScript s;
    s.client("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
             "5\r\nhello\r\n0\r\n\r\nGET /after HTTP/1.1\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK(r.tx(0).requestFraming == BodyFraming::ChunkedAndLength);
    CHECK(r.tx(0).violations == kViolationTeAndCl);
    CHECK(r.tx(0).request.contentLength == 3);
    CHECK(r.tx(0).requestChunks == 1);
    CHECK(r.tx(0).requestComplete);
    CHECK(r.str(r.tx(1).target) == "/after");
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("unknown transfer coding on a request: framing unknown, next request found", "[http][conversation]")
{
    ConversationScript s;
    s.client("POST / HTTP/1.1\r\nTransfer-Encoding: ABC\r\n\r\nsome body\r\nGET /next HTTP/1.1\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK(r.tx(0).requestFraming == BodyFraming::Unknown);
    CHECK(r.tx(0).violations == kViolationUnknownTransferCoding);
    CHECK_FALSE(r.tx(0).requestComplete);
    CHECK(r.str(r.tx(1).target) == "/next");
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("Content-Length: duplicates, disagreement, garbage", "[http][conversation]")
{
    SECTION("equal duplicates are used and flagged")
    {
        ConversationScript s;
        s.client("GET / HTTP/1.1\r\n\r\n")
            .server("HTTP/1.1 200 OK\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\nabc");
        const ConversationRun r = runScript(s);
        REQUIRE(r.count() == 1);
        CHECK(r.tx(0).response.contentLength == 3);
        CHECK(r.tx(0).responseFraming == BodyFraming::ContentLength);
        CHECK(r.tx(0).responseComplete);
        CHECK(r.tx(0).violations == kViolationDuplicateContentLength);
    }
    SECTION("disagreeing values: the response is read until close")
    {
        ConversationScript s;
        s.client("GET / HTTP/1.1\r\n\r\n").server("HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\nabcd").fin(kToClient);
        const ConversationRun r = runScript(s);
        REQUIRE(r.count() == 1);
        CHECK(r.tx(0).response.contentLength == -1);
        CHECK(r.tx(0).responseFraming == BodyFraming::Unknown);
        CHECK(r.tx(0).responseBodyBytes == 4);
        CHECK(r.tx(0).responseComplete);
        CHECK(r.tx(0).violations == (kViolationDuplicateContentLength | kViolationBadContentLength));
        CHECK_SPLIT_INVARIANT(s);
    }
    SECTION("garbage in a request: the stream resynchronises on the next request")
    {
        ConversationScript s;
        s.client("POST / HTTP/1.0\r\nContent-Length: ABC\r\n\r\np=0123456789\r\nGET /x HTTP/1.0\r\n\r\n");
        const ConversationRun r = runScript(s);
        REQUIRE(r.count() == 2);
        CHECK(r.tx(0).requestFraming == BodyFraming::Unknown);
        CHECK(r.tx(0).violations == kViolationBadContentLength);
        CHECK(r.str(r.tx(1).target) == "/x");
        CHECK_SPLIT_INVARIANT(s);
    }
}

TEST_CASE("close-delimited response: complete on FIN, truncated on RST", "[http][conversation]")
{
    SECTION("FIN")
    {
        ConversationScript s;
        s.client("GET / HTTP/1.0\r\n\r\n")
            .server("HTTP/1.0 200 OK\r\nServer: Apache\r\n\r\nHello")
            .server(" World!")
            .fin(kToClient);
        const ConversationRun r = runScript(s);
        REQUIRE(r.count() == 1);
        CHECK(r.tx(0).responseFraming == BodyFraming::UntilClose);
        CHECK(r.tx(0).responseBodyBytes == 12);
        CHECK(r.tx(0).responseComplete);
        CHECK(r.tx(0).responseEndTime == T(2));
        CHECK(r.tx(0).violations == kViolationNone);
        CHECK_SPLIT_INVARIANT(s);
    }
    SECTION("RST")
    {
        ConversationScript s;
        s.client("GET / HTTP/1.0\r\n\r\n").server("HTTP/1.0 200 OK\r\n\r\nHello").rst(kToClient);
        const ConversationRun r = runScript(s);
        REQUIRE(r.count() == 1);
        CHECK(r.tx(0).responseBodyBytes == 5);
        CHECK_FALSE(r.tx(0).responseComplete);
        CHECK(r.tx(0).violations == kViolationTruncated);
        CHECK_SPLIT_INVARIANT(s);
    }
}

TEST_CASE("204 and 304 have no body whatever they declare", "[http][conversation]")
{
    ConversationScript s;
    s.client("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\n\r\n")
        .server("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n"
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nX");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 3);
    CHECK(r.tx(0).status == 204);
    CHECK(r.tx(0).responseFraming == BodyFraming::None);
    CHECK(r.tx(1).status == 304);
    CHECK(r.tx(1).response.contentLength == 50);
    CHECK(r.tx(1).responseBodyBytes == 0);
    CHECK(r.tx(1).responseComplete);
    CHECK(r.tx(2).status == 200);
    CHECK(r.tx(2).responseBodyBytes == 1);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("CONNECT with 200: the connection becomes a tunnel", "[http][conversation][upgrade]")
{
    ConversationScript s;
    s.client("CONNECT www.example.com:443 HTTP/1.1\r\nHost: www.example.com:443\r\n\r\n")
        .server("HTTP/1.1 200 Connection Established\r\n\r\n")
        .client(std::string("\x16\x03\x01\x00\x05hello", 10))
        .server(std::string("\x16\x03\x03\x00\x02hi", 7))
        .client("GET / HTTP/1.1\r\n\r\n"); // inside the tunnel: not ours to parse
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    CHECK(r.str(r.tx(0).method) == "CONNECT");
    CHECK(r.str(r.tx(0).target) == "www.example.com:443");
    CHECK(r.tx(0).status == 200);
    CHECK(r.tx(0).responseComplete);
    CHECK(r.tx(0).requestComplete);
    CHECK(r.connection.upgraded);
    CHECK(r.upgraded);
    CHECK(r.connection.protocol == AppProtocol::Http);
    CHECK(r.capture.httpRequests == 1);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("CONNECT refused: parsing goes on", "[http][conversation][upgrade]")
{
    ConversationScript s;
    s.client("CONNECT h:443 HTTP/1.1\r\n\r\n")
        .server("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
        .client("CONNECT h:443 HTTP/1.1\r\nProxy-Authorization: Basic eA==\r\n\r\n")
        .server("HTTP/1.1 200 OK\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK(r.tx(0).status == 407);
    CHECK(r.tx(1).status == 200);
    CHECK(r.connection.upgraded);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("101 Switching Protocols: parsing stops", "[http][conversation][upgrade]")
{
    ConversationScript s;
    s.client("GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
        .server("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                "\x81\x05hello")
        .client("\x81\x85xxxxhello");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    CHECK(r.tx(0).status == 101);
    CHECK(r.tx(0).interims.empty()); // 101 is the final answer to the upgrade request
    CHECK(r.tx(0).responseComplete);
    CHECK(r.tx(0).responseBodyBytes == 0);
    CHECK(r.str(r.tx(0).request.connection) == "Upgrade");
    CHECK(r.connection.upgraded);
    CHECK(r.capture.httpInterim == 0);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("gap inside a Content-Length body: framing survives", "[http][conversation][gap]")
{
    ConversationScript s;
    s.client("GET / HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n")
        .server("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
        .gap(kToClient, 80)
        .server("abcdefghijHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK(r.tx(0).violations == kViolationGapInMessage);
    CHECK(r.tx(0).responseBodyBytes == 100);
    CHECK(r.tx(0).responseComplete);
    CHECK(r.tx(0).responseEndTime == T(3));
    CHECK(r.tx(1).status == 200);
    CHECK(r.tx(1).violations == kViolationNone);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("gap inside a head: the message is kept, damaged, and parsing resynchronises", "[http][conversation][gap]")
{
    ConversationScript s;
    s.client("POST /form HTTP/1.1\r\nHost: h\r\nUser-Ag")
        .gap(kToServer, 500)
        .client("tail of the lost body\r\nGET /next HTTP/1.1\r\nHost: h\r\n\r\n")
        .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK(r.str(r.tx(0).method) == "POST");
    CHECK(r.str(r.tx(0).target) == "/form");
    CHECK(r.str(r.tx(0).request.host) == "h");
    CHECK(r.tx(0).requestHeadEndTime == kNoTime);
    CHECK(r.tx(0).requestFraming == BodyFraming::Unknown);
    CHECK_FALSE(r.tx(0).requestComplete);
    CHECK(r.tx(0).violations == kViolationGapInMessage);
    CHECK(r.tx(0).status == 200);
    CHECK(r.str(r.tx(1).target) == "/next");
    CHECK(r.tx(1).requestTime == T(2));
    CHECK(r.tx(1).status == 200);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("gap across chunk framing: the message ends there, the next one is found", "[http][conversation][gap]")
{
    ConversationScript s;
    s.client("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n")
        .gap(kToServer, 30)
        .client("\r\n0\r\n\r\nPUT /d HTTP/1.1\r\nContent-Length: 1\r\n\r\nx");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK(r.tx(0).violations == kViolationGapInMessage);
    CHECK_FALSE(r.tx(0).requestComplete);
    CHECK(r.tx(0).requestChunks == 1);
    CHECK(r.str(r.tx(1).method) == "PUT");
    CHECK(r.tx(1).requestComplete);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("gap between messages, and a gap whose search runs out of look-ahead", "[http][conversation][gap]")
{
    ConversationScript s;
    s.client("GET /1 HTTP/1.1\r\n\r\n")
        .gap(kToServer, 1234)
        .client("GET /3 HTTP/1.1\r\n\r\n") // right after a gap counts as a line start
        .gap(kToServer, 10)
        .client(std::string(3000, 'x') + "\r\nGET /lost HTTP/1.1\r\n\r\n");
    HttpConversationOptions small;
    small.resyncLookahead = 1000;
    const ConversationRun r = runScript(s, {}, small);
    REQUIRE(r.count() == 2);
    CHECK(r.str(r.tx(0).target) == "/1");
    CHECK(r.str(r.tx(1).target) == "/3");
    CHECK(r.tx(1).violations == kViolationNone);
    const std::string failure = splitInvarianceFailure(s, small);
    INFO(failure);
    CHECK(failure.empty());
}

TEST_CASE("RST in the middle of a request body", "[http][conversation]")
{
    ConversationScript s;
    s.client("POST /upload HTTP/1.1\r\nContent-Length: 100000\r\n\r\n" + std::string(5000, 'b')).rst(kToClient);
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    CHECK(r.tx(0).requestBodyBytes == 5000);
    CHECK_FALSE(r.tx(0).requestComplete);
    CHECK(r.tx(0).violations == kViolationTruncated);
    CHECK(r.connection.reset.duringRequestBody);
    CHECK(r.connection.reset.unansweredRequests == 1);
    CHECK(r.connection.end.duringRequestBody);
    CHECK(r.connection.end.unansweredRequests == 1);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("FIN records the state at that moment; a later RST records its own", "[http][conversation]")
{
    ConversationScript s;
    s.client("GET /a HTTP/1.1\r\n\r\n")
        .fin(kToServer) // client done sending, one request unanswered
        .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        .rst(kToClient);
    const ConversationRun r = runScript(s);
    CHECK(r.connection.end.unansweredRequests == 1);
    CHECK(r.connection.reset.unansweredRequests == 0);
    CHECK(r.tx(0).hasResponse);
}

TEST_CASE("truncated streams", "[http][conversation]")
{
    SECTION("a head cut after its request line is kept as a truncated request")
    {
        ConversationScript s;
        s.client("GET /cut HTTP/1.1\r\nHost: exa");
        const ConversationRun r = runScript(s);
        REQUIRE(r.count() == 1);
        CHECK(r.str(r.tx(0).target) == "/cut");
        CHECK(r.str(r.tx(0).request.host) == "exa");
        CHECK(r.tx(0).violations == kViolationTruncated);
        CHECK_FALSE(r.tx(0).requestComplete);
        CHECK(r.connection.end.unansweredRequests == 0); // no FIN/RST: the capture just ended
        CHECK_SPLIT_INVARIANT(s);
    }
    SECTION("a cut request line still tells which request it was")
    {
        ConversationScript s;
        s.client("GET /only-a-pa");
        const ConversationRun r = runScript(s);
        REQUIRE(r.count() == 1);
        CHECK(r.str(r.tx(0).method) == "GET");
        CHECK(r.str(r.tx(0).target) == "/only-a-pa");
        CHECK(r.tx(0).requestVersion == HttpVersion::Unknown); // not HTTP/0.9: we never saw the line end
        CHECK(r.tx(0).requestFraming == BodyFraming::Unknown);
        CHECK(r.tx(0).violations == kViolationTruncated);
        CHECK(r.connection.protocol == AppProtocol::Http);
        CHECK_SPLIT_INVARIANT(s);
    }
    SECTION("a status while the request head is still arriving answers that request")
    {
        ConversationScript s;
        s.client("GET /" + std::string(200, 'a'))
            .server("HTTP/1.1 414 URI Too Long\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .client(std::string(100, 'a') + " HTTP/1.1\r\nHost: h\r\n\r\n")
            .fin(kToClient);
        const ConversationRun r = runScript(s);
        REQUIRE(r.count() == 1);
        CHECK(r.tx(0).hasRequest);
        CHECK(r.tx(0).requestTime == T(0));
        CHECK(r.tx(0).requestHeadEndTime == T(2));
        CHECK(r.str(r.tx(0).request.host) == "h");
        CHECK(r.tx(0).status == 414);
        CHECK(r.tx(0).responseTime == T(1));
        CHECK(r.tx(0).violations == kViolationNone);
        CHECK(r.connection.end.unansweredRequests == 0);
        CHECK_SPLIT_INVARIANT(s);
    }
    SECTION("a response head cut in the middle")
    {
        ConversationScript s;
        s.client("GET / HTTP/1.1\r\n\r\n").server("HTTP/1.1 500 Internal Server Error\r\nContent-Le").fin(kToClient);
        const ConversationRun r = runScript(s);
        REQUIRE(r.count() == 1);
        CHECK(r.tx(0).status == 500);
        CHECK(r.tx(0).responseFraming == BodyFraming::Unknown);
        CHECK_FALSE(r.tx(0).responseComplete);
        CHECK(r.tx(0).violations == kViolationTruncated);
        CHECK_SPLIT_INVARIANT(s);
    }
    SECTION("a request head in progress counts as unanswered at a reset")
    {
        ConversationScript s;
        s.client("GET / HTTP/1.1\r\nHost:").rst(kToClient);
        const ConversationRun r = runScript(s);
        CHECK(r.connection.reset.unansweredRequests == 1);
        CHECK_FALSE(r.connection.reset.duringRequestBody);
    }
}

TEST_CASE("not HTTP: TLS, other protocols, nothing at all", "[http][conversation][protocol]")
{
    SECTION("TLS ClientHello")
    {
        ConversationScript s;
        s.client(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11))
            .server(std::string("\x16\x03\x03\x00\x5a\x02", 6));
        const ConversationRun r = runScript(s);
        CHECK(r.count() == 0);
        CHECK(r.connection.protocol == AppProtocol::Tls);
        CHECK_FALSE(r.mayBeHttp);
        CHECK_SPLIT_INVARIANT(s);
    }
    SECTION("SSH banner after a handshake")
    {
        ConversationScript s;
        s.server("SSH-2.0-OpenSSH_9.2\r\n").client("SSH-2.0-PuTTY\r\n");
        const ConversationRun r = runScript(s);
        CHECK(r.count() == 0);
        CHECK(r.connection.protocol == AppProtocol::Other);
        CHECK_FALSE(r.mayBeHttp);
        CHECK_SPLIT_INVARIANT(s);
    }
    SECTION("binary garbage")
    {
        ConversationScript s;
        s.client(std::string("\x00\x00\x00\x85\xffSMBr", 9));
        const ConversationRun r = runScript(s);
        CHECK(r.count() == 0);
        CHECK(r.connection.protocol == AppProtocol::Other);
    }
    SECTION("HTTP/2 prior knowledge is not HTTP/1.x")
    {
        ConversationScript s;
        s.client("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        const ConversationRun r = runScript(s);
        CHECK(r.count() == 0);
        CHECK(r.connection.protocol == AppProtocol::Other);
    }
    SECTION("no payload")
    {
        ConversationScript s;
        s.fin(kToServer).fin(kToClient);
        const ConversationRun r = runScript(s);
        CHECK(r.count() == 0);
        CHECK(r.connection.protocol == AppProtocol::Empty);
        CHECK(r.mayBeHttp);
    }
}

TEST_CASE("capture started mid-stream: the first message start is searched for", "[http][conversation][protocol]")
{
    ConversationScript s;
    s.midstream()
        .server("ody of a response we missed the start of\r\nmore\r\n")
        .client("ntinuation of a request body\r\nPOST /x HTTP/1.1\r\nContent-Length: 2\r\n\r\nab")
        .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    CHECK(r.str(r.tx(0).target) == "/x");
    CHECK(r.tx(0).requestTime == T(1));
    CHECK(r.tx(0).status == 200);
    CHECK(r.connection.protocol == AppProtocol::Http);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("mid-stream garbage that never turns into HTTP", "[http][conversation][protocol]")
{
    ConversationScript s;
    s.midstream().client(std::string(5000, '\x01')).server(std::string(5000, '\x02'));
    HttpConversationOptions o;
    o.resyncLookahead = 4096;
    const ConversationRun r = runScript(s, {}, o);
    CHECK(r.count() == 0);
    CHECK(r.connection.protocol == AppProtocol::Other);
    CHECK_FALSE(r.mayBeHttp);
}

TEST_CASE("HTTP/0.9: a simple request and its bare response", "[http][conversation]")
{
    ConversationScript s;
    s.client("GET /?foo=bar\r\n\r\n").server("<html>301 Moved</html>\r\n").fin(kToClient);
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    const Transaction &t = r.tx(0);
    CHECK(t.requestVersion == HttpVersion::Http09);
    CHECK(r.str(t.target) == "/?foo=bar");
    CHECK(t.requestHeaderBytes == 15);
    CHECK(t.requestComplete);
    CHECK(t.hasResponse);
    CHECK(t.status == 0);
    CHECK(t.responseVersion == HttpVersion::Http09);
    CHECK(t.responseFraming == BodyFraming::UntilClose);
    CHECK(t.responseBodyBytes == 24);
    CHECK(t.responseComplete);
    CHECK(t.responseTime == T(1));
    CHECK(t.violations == kViolationNone);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("a response with no request (capture started after it was sent)", "[http][conversation]")
{
    ConversationScript s;
    s.server("HTTP/1.0 408 Request Time-out\nContent-Length: 3\n\nbye");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    CHECK_FALSE(r.tx(0).hasRequest);
    CHECK(r.tx(0).status == 408);
    CHECK(r.tx(0).violations == (kViolationResponseWithoutRequest | kViolationBareLf));
    CHECK(r.capture.httpRequests == 0);
    CHECK(r.capture.httpResponses == 1);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("header irregularities are flagged, values still read", "[http][conversation]")
{
    ConversationScript s;
    s.client("GET / HTTP/1.1\nHost: a\nUser-Agent: Mozilla/5.0\n (folded part)\nBad Header: 1\nNoColon\n\n")
        .server("HTTP/1.1 200 OK\r\nSERVER: IIS\r\nVia: 1.1 proxy1\r\nvia: 1.1 proxy2\r\nContent-Length: 0\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    CHECK(r.str(r.tx(0).request.userAgent) == "Mozilla/5.0 (folded part)");
    CHECK(r.str(r.tx(0).request.host) == "a");
    CHECK(r.str(r.tx(0).response.server) == "IIS");
    CHECK(r.str(r.tx(0).response.via) == "1.1 proxy1, 1.1 proxy2");
    CHECK(r.tx(0).violations == (kViolationBareLf | kViolationFoldedHeader | kViolationBadHeader));
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("a head longer than the limit is cut and flagged", "[http][conversation]")
{
    ConversationScript s;
    s.client("GET /big HTTP/1.1\r\nX-Long: " + std::string(3000, 'a') + "\r\n\r\nGET /ok HTTP/1.1\r\n\r\n");
    HttpConversationOptions o;
    o.maxHeaderBytes = 1024;
    const ConversationRun r = runScript(s, {}, o);
    REQUIRE(r.count() == 2);
    CHECK(r.str(r.tx(0).target) == "/big");
    CHECK(r.tx(0).requestHeaderBytes == 1024);
    CHECK(r.tx(0).violations == kViolationHeadersTooLarge);
    CHECK_FALSE(r.tx(0).requestComplete);
    CHECK(r.str(r.tx(1).target) == "/ok");
    const std::string failure = splitInvarianceFailure(s, o);
    INFO(failure);
    CHECK(failure.empty());
}

TEST_CASE("the head arena keeps raw heads only within its budget", "[http][conversation]")
{
    ConversationScript s;
    s.client("GET /1 HTTP/1.1\r\n\r\n").server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    s.client("GET /2 HTTP/1.1\r\n\r\n").server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    HttpConversationOptions o;
    o.headArenaBudget = 60;
    const ConversationRun r = runScript(s, {}, o);
    REQUIRE(r.count() == 2);
    CHECK(r.rawRequestHead(0) == "GET /1 HTTP/1.1\r\n\r\n");
    CHECK(r.rawResponseHead(0) == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    CHECK(r.tx(1).requestHeadOffset == 0); // 19 + 38 bytes stored; 19 more would pass the budget of 60
    CHECK(r.tx(1).requestHeadSize == 0);
    CHECK(r.tx(1).requestHeaderBytes == 19); // the figures stay
    CHECK(r.capture.headArena.size() == 57);
}

TEST_CASE("leading blank lines and white space before a request", "[http][conversation]")
{
    ConversationScript s;
    s.client("GET /first HTTP/1.1\r\n\r\n")
        .server("HTTP/1.0 200 OK\r\nContent-Length: 12\r\n\r\nHello World!")
        .client("\r\n\r\n GET /second HTTP/1.1\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK(r.str(r.tx(1).target) == "/second");
    CHECK(r.tx(1).requestHeaderBytes == std::string("GET /second HTTP/1.1\r\n\r\n").size());
    CHECK(r.tx(1).violations == kViolationBadRequestLine);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("a body sent without framing is searched through for the next request", "[http][conversation]")
{
    ConversationScript s;
    s.client("POST / HTTP/1.1\r\nHost: localhost\r\n\r\nlogin=foo&password=bar\r\n")
        .server("HTTP/1.1 200 OK\r\nContent-Length: 0 \r\n\r\n")
        .client("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK(r.str(r.tx(0).method) == "POST");
    CHECK(r.tx(0).requestComplete);
    CHECK(r.tx(0).response.contentLength == 0);
    CHECK(r.str(r.tx(1).method) == "GET");
    CHECK_FALSE(r.tx(1).hasResponse);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("a rejected start held back over a segment boundary does not make the next byte a line start",
          "[http][conversation][regression]")
{
    // Found by fuzz_http: four bytes that might have been an SSLv2 record were held, then
    // rejected; the search that followed took the next segment's first byte for a line start and
    // found "POST /u" in the middle of a line (only when the stream was cut there).
    ConversationScript s;
    s.midstream().client(std::string("\x80\x83\xf5\x00POST /u\x01\x80\x01\x00UT\xdc/f\")T\r1.1T\r\nT", 33));
    const ConversationRun r = runScript(s);
    CHECK(r.count() == 0);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("a line end inside bytes held for a possible TLS header still starts a line",
          "[http][conversation][regression]")
{
    // Found by fuzz_http: "\x80\n" might begin an SSLv2 record, so it was held; once rejected, the
    // LF inside it must still make "POST" a line start, as it does when nothing was held.
    ConversationScript s;
    s.midstream().client(std::string("\x80\nPOST /up HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", 47));
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 1);
    CHECK(r.str(r.tx(0).target) == "/up");
    CHECK(r.tx(0).requestComplete);
    CHECK_SPLIT_INVARIANT(s);
}

TEST_CASE("the resync look-ahead is charged the same however the stream is cut", "[http][conversation][regression]")
{
    // Found by fuzz_http: bytes held at a rejected start, or held while a candidate line start
    // was still undecided, were not charged to the look-ahead, so where the search gave up
    // depended on segmentation. Every budget around the boundaries must agree with itself.
    ConversationScript s;
    s.client("GET /1 HTTP/1.1\r\n\r\n")
        .client("IIIIIIIIa\nIIIIIIIIIIIIIIIIIIIIIIIIT /x\nGE")
        .client("T /2 HTTP/1.1\r\n\r\nzz\nHEAD /3 HTTP/1.1\r\n\r\n");
    for (std::uint64_t lookahead = 16; lookahead <= 96; lookahead += 4) {
        HttpConversationOptions o;
        o.resyncLookahead = lookahead;
        const std::string failure = splitInvarianceFailure(s, o);
        INFO("look-ahead " << lookahead << ": " << failure);
        CHECK(failure.empty());
    }
}

TEST_CASE("body bytes held over segments while a withheld body was possible keep their own times",
          "[http][conversation][regression]")
{
    // Found by fuzz_http: after a final status to an Expect request, "C---------" might still be
    // the start of the client's next request, so it was held, and the next segment's first bytes
    // with it when the segment arrived in pieces. Once they turned out to be body bytes, all were
    // counted at the first held byte's time: the body ended in segment 3 or 4 depending on the cut.
    ConversationScript s;
    s.client("PUT /f HTTP/1.1\r\nContent-Length: 14\r\nExpect: 100-continue\r\n\r\n")
        .server("HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n")
        .client("C---------")
        .client("----GET /next HTTP/1.1\r\n\r\n");
    const ConversationRun r = runScript(s);
    REQUIRE(r.count() == 2);
    CHECK(r.tx(0).status == 417);
    CHECK(r.tx(0).requestBodyBytes == 14);
    CHECK(r.tx(0).requestComplete);
    CHECK(r.tx(0).requestBodyFirstTime == T(2));
    CHECK(r.tx(0).requestBodyLastTime == T(3));
    CHECK(r.str(r.tx(1).target) == "/next");
    CHECK_SPLIT_INVARIANT(s);
}
