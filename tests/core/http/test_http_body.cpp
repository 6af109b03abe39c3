// SPDX-License-Identifier: MIT
#include "capture/http/http_body.h"
#include "capture/http/http_pairing.h"
#include "support/catch.h"

#include <string>

using namespace hs;
using namespace hs::http;

namespace {

BodyPlan chunkedPlan()
{
    BodyPlan p;
    p.kind = BodyKind::Chunked;
    return p;
}

// Feeds `bytes` in pieces of at most `step` bytes until the body ends; returns the bytes consumed.
std::size_t feed(BodyDecoder &d, std::string_view bytes, std::size_t step)
{
    std::size_t total = 0;
    while (!bytes.empty() && !d.done() && !d.failed()) {
        const std::size_t n = d.consume(bytes.substr(0, step));
        total += n;
        bytes.remove_prefix(n);
    }
    return total;
}

} // namespace

TEST_CASE("Content-Length bodies are counted, gaps inside them bridged", "[http][body]")
{
    BodyPlan p;
    p.kind = BodyKind::Length;
    p.length = 10;
    BodyDecoder d;
    d.start(p);
    CHECK(d.consume("0123") == 4);
    CHECK_FALSE(d.done());
    CHECK(d.skipGap(3));
    CHECK(d.consume("789NEXT") == 3);
    CHECK(d.done());
    d.start(p);
    CHECK_FALSE(d.skipGap(11)); // the body ended inside the gap: framing is lost
}

TEST_CASE("chunked bodies decode the same in any pieces", "[http][body][chunked]")
{
    const std::string body = "4\r\nWiki\r\n5;ext=1\r\npedia\r\nE \r\n in\r\n\r\nchunks.\r\n0\r\nTrailer: x\r\n\r\n";
    for (std::size_t step = 1; step <= body.size(); ++step) {
        INFO("step " << step);
        BodyDecoder d;
        d.start(chunkedPlan());
        CHECK(feed(d, body + "GET", step) == body.size());
        CHECK(d.done());
        CHECK(d.chunks() == 3);
        CHECK(d.violations() == 0);
    }
}

TEST_CASE("chunk sizes: limits and malformed lines", "[http][body][chunked]")
{
    BodyDecoder d;
    d.start(chunkedPlan());
    CHECK(d.consume("FFFFFFFFFFFFFFFF\r\n") == 18); // 2^64-1: representable, so not an overflow
    CHECK_FALSE(d.failed());
    CHECK(d.consume(std::string(100, 'x')) == 100);

    d.start(chunkedPlan());
    CHECK(d.consume("10000000000000000\r\n") == 16);
    CHECK(d.failed());
    CHECK(d.violations() == kViolationChunkSizeOverflow);

    for (const char *bad : {"-1\r\n", "g\r\n", "\r\n", "0x10\r\n", "5 6\r\n", ";ext\r\n"}) {
        INFO(bad);
        d.start(chunkedPlan());
        d.consume(bad);
        CHECK(d.failed());
        CHECK(d.violations() == kViolationBadChunkSize);
    }

    d.start(chunkedPlan());
    CHECK(d.consume(" 3\r\nabc\r\n0\r\n\r\n") == 14); // leading white space: tolerated, flagged
    CHECK(d.done());
    CHECK(d.violations() == kViolationBadChunkSize);

    d.start(chunkedPlan());
    CHECK(d.consume("3 ;a=b\r\nabc\r\n0\r\n\r\n") == 18);
    CHECK(d.done());
    CHECK(d.violations() == 0);

    d.start(chunkedPlan());
    d.consume("1;" + std::string(BodyDecoder::kMaxChunkLineBytes + 1, 'e'));
    CHECK(d.failed());

    d.start(chunkedPlan());
    d.consume("0\r\nX: " + std::string(BodyDecoder::kMaxTrailerBytes, 't'));
    CHECK(d.failed());
    CHECK(d.violations() == kViolationHeadersTooLarge);
}

TEST_CASE("gaps in chunked bodies: bridged inside chunk data only", "[http][body][chunked]")
{
    BodyDecoder d;
    d.start(chunkedPlan());
    d.consume("a\r\n01");
    CHECK(d.skipGap(5));
    CHECK(d.consume("789\r\n0\r\n\r\n") == 10);
    CHECK(d.done());
    CHECK(d.chunks() == 1);

    d.start(chunkedPlan());
    d.consume("a\r\n01");
    CHECK_FALSE(d.skipGap(9)); // past the chunk's end: where the next size line is, is unknown
    d.start(chunkedPlan());
    CHECK_FALSE(d.skipGap(1)); // inside a size line
}

TEST_CASE("until-close bodies take everything", "[http][body]")
{
    BodyPlan p;
    p.kind = BodyKind::UntilClose;
    BodyDecoder d;
    d.start(p);
    CHECK(d.consume("HTTP/1.1 200 OK\r\n\r\n") == 19);
    CHECK(d.untilClose());
    CHECK(d.skipGap(1'000'000));
    CHECK_FALSE(d.done());
}

TEST_CASE("response pairing rules", "[http][pairing]")
{
    ResponsePairing p;
    CHECK(p.match(false).tx == ResponsePairing::kNone); // nothing sent yet: an orphan
    CHECK(p.match(true).tx == ResponsePairing::kNone);
    p.waitForFinal(0);
    p.waitForFinal(1);
    CHECK(p.waiting() == 2);
    CHECK(p.match(true).tx == 0); // interim for the oldest waiting
    CHECK_FALSE(p.match(true).afterFinal);
    CHECK(p.match(false).tx == 0);
    p.finalReceived(0);
    CHECK(p.match(true).tx == 1); // request 1 still waits: not stray
    p.finalReceived(1);
    CHECK(p.waiting() == 0);
    const ResponsePairing::Match stray = p.match(true);
    CHECK(stray.tx == 1);
    CHECK(stray.afterFinal);
    CHECK(p.match(false).tx == ResponsePairing::kNone); // a second final: no request left
    CHECK(p.lastAnswered() == 1);
    for (std::uint32_t i = 2; i < 1000; ++i) {
        p.waitForFinal(i);
        p.finalReceived(i);
    }
    CHECK(p.waiting() == 0);
    CHECK(p.lastAnswered() == 999);
}
