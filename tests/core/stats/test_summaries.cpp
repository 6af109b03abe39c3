// SPDX-License-Identifier: MIT
// The HTTPERR reason summary's top lists: counted per text as the log wrote it (IPv4 addresses as
// values, other addresses and URIs as interned text), most frequent first, ties by text.
#include "stats/id_counter.h"
#include "stats/summaries.h"
#include "stats/top_counted.h"
#include "support/catch.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace hs;

namespace {

std::vector<std::string> values(const std::vector<CountedValue> &v)
{
    std::vector<std::string> out;
    for (const auto &c : v)
        out.push_back(c.value + "=" + std::to_string(c.count));
    return out;
}

} // namespace

TEST_CASE("topCounted ranks by count and breaks ties by text", "[summaries]")
{
    const std::vector<std::string> names = {"d", "b", "a", "c", "e"};
    std::vector<std::pair<std::uint32_t, std::uint64_t>> items = {{0, 2}, {1, 5}, {2, 2}, {3, 2}, {4, 1}};
    const auto name = [&](std::uint32_t k) { return std::string_view(names[k]); };
    CHECK(values(topCounted(items, 3, name)) == std::vector<std::string>{"b=5", "a=2", "c=2"});
    CHECK(values(topCounted(items, 1, name)) == std::vector<std::string>{"b=5"});
    CHECK(values(topCounted(items, 10, name)) == std::vector<std::string>{"b=5", "a=2", "c=2", "d=2", "e=1"});
    CHECK(topCounted(items, 0, name).empty());
    CHECK(topCounted(std::vector<std::pair<std::uint32_t, std::uint64_t>>{}, 5, name).empty());
}

TEST_CASE("topCountedOf ranks straight from a counter, the same as from a copy of its items", "[summaries]")
{
    // Keys in an order the counter's slots will not keep: the ranking must not depend on it.
    const std::vector<std::string> names = {"", "d", "b", "a", "c", "e", "f"};
    IdCounter counter;
    const std::vector<std::pair<StrId, std::uint64_t>> adds = {{1, 2}, {2, 5}, {3, 2}, {4, 2}, {5, 1}, {6, 5}};
    for (const auto &[id, n] : adds)
        counter.add(id, n);
    const auto name = [&](StrId k) { return std::string_view(names[k]); };
    const auto fromCounter = [&](std::size_t n) {
        return values(topCountedOf<StrId>([&](auto &&fn) { counter.forEach(fn); }, n, name));
    };
    CHECK(fromCounter(1) == std::vector<std::string>{"b=5"});
    CHECK(fromCounter(3) == std::vector<std::string>{"b=5", "f=5", "a=2"});
    CHECK(fromCounter(4) == values(topCounted(counter.items(), 4, name)));
    CHECK(fromCounter(10) == std::vector<std::string>{"b=5", "f=5", "a=2", "c=2", "d=2", "e=1"});
    CHECK(topCountedOf<StrId>([&](auto &&) {}, 3, name).empty());
}

TEST_CASE("HTTPERR reason summaries count clients as written, IPv4 and text alike", "[summaries]")
{
    Analysis a;
    auto src = std::make_unique<Source>();
    src->log = std::make_unique<LogData>();
    const StrId reason = a.strings->intern("Timer_ConnectionIdle");
    const auto client = [&](std::string_view text) {
        return toLogAddress(text, [&](std::string_view t) { return a.strings->intern(t); });
    };
    HttpErrContext context;
    context.reason = reason;
    src->log->httpErrContexts.push_back(context);
    RecordStore<HttpErrRecord>::Segment rows;
    // 10.0.0.9 and 10.0.0.10 tie at 2: text order puts "10.0.0.10" first. fe80::1%3 leads with 3.
    for (const char *c :
         {"10.0.0.9", "fe80::1%3", "10.0.0.10", "fe80::1%3", "10.0.0.9", "10.0.0.10", "fe80::1%3", "010.0.0.9", "-"}) {
        HttpErrRecord r;
        r.time = 1'000'000;
        if (std::string_view(c) != "-")
            r.clientIp = client(c);
        rows.push_back(r);
    }
    src->log->httpErr.appendSegment(std::move(rows));
    a.sources.push_back(std::move(src));
    computeSummaries(a);
    REQUIRE(a.httpErrReasons.size() == 1);
    const ReasonSummary &s = a.httpErrReasons[0];
    CHECK(s.reason == "Timer_ConnectionIdle");
    CHECK(s.count == 9);
    CHECK(values(s.topClients) ==
          std::vector<std::string>{"fe80::1%3=3", "10.0.0.10=2", "10.0.0.9=2", "=1", "010.0.0.9=1"});
}

TEST_CASE("IdCounter counts exactly, past a slot's 32 bits too", "[summaries]")
{
    IdCounter counts;
    for (StrId id = 1; id <= 1000; ++id)
        for (StrId k = 0; k < id % 7 + 1; ++k)
            counts.add(id);
    counts.add(5, 0xffffffffu);
    counts.add(5, 10);
    CHECK(counts.size() == 1000);
    std::uint64_t total = 0, five = 0;
    counts.forEach([&](StrId id, std::uint64_t n) {
        total += n;
        if (id == 5)
            five = n;
        else
            CHECK(n == id % 7 + 1);
    });
    CHECK(five == std::uint64_t{6} + 0xffffffffu + 10);
    CHECK(total == 4003 - 6 + five); // sum over 1..1000 of (id % 7 + 1) is 4003
}

namespace {

// Two reasons, each with clients and URIs, in one HTTPERR source.
std::unique_ptr<Analysis> twoReasons()
{
    auto a = std::make_unique<Analysis>();
    auto src = std::make_unique<Source>();
    src->log = std::make_unique<LogData>();
    for (const char *reason : {"Timer_ConnectionIdle", "BadRequest"}) {
        HttpErrContext context;
        context.reason = a->strings->intern(reason);
        src->log->httpErrContexts.push_back(context);
    }
    RecordStore<HttpErrRecord>::Segment rows;
    for (std::uint32_t i = 0; i < 40; ++i) {
        HttpErrRecord r;
        r.time = 1'000'000 + i;
        r.context = i % 3 == 0 ? 1 : 0;
        r.clientIp = LogAddress::ipv4(0x0a000000u + i % 5);
        r.uri = r.context == 1 ? a->strings->intern("/u" + std::to_string(i % 4)) : kEmptyStr;
        rows.push_back(r);
    }
    src->log->httpErr.appendSegment(std::move(rows));
    a->sources.push_back(std::move(src));
    return a;
}

std::vector<std::string> described(const Analysis &a)
{
    std::vector<std::string> out;
    for (const ReasonSummary &s : a.httpErrReasons) {
        std::string line = s.reason + " " + std::to_string(s.count) + " clients:";
        for (const auto &v : values(s.topClients))
            line += " " + v;
        line += " uris:";
        for (const auto &v : values(s.topUris))
            line += " " + v;
        out.push_back(line);
    }
    return out;
}

} // namespace

TEST_CASE("computeSummaries runs the work given alongside once, on one thread or two", "[summaries]")
{
    // Every third line (i = 0, 3, ..., 39) is BadRequest; client i % 5, URI i % 4. Each client has
    // 8 lines: 10.0.0.2 has two of them in BadRequest (i = 12, 27), the others three.
    const std::vector<std::string> expected = {
        "Timer_ConnectionIdle 26 clients: 10.0.0.2=6 10.0.0.0=5 10.0.0.1=5 10.0.0.3=5 10.0.0.4=5 uris:",
        "BadRequest 14 clients: 10.0.0.0=3 10.0.0.1=3 10.0.0.3=3 10.0.0.4=3 10.0.0.2=2 uris: /u0=4 /u3=4 /u1=3 /u2=3"};
    for (const unsigned threads : {1u, 2u}) {
        CAPTURE(threads);
        auto a = twoReasons();
        int calls = 0;
        std::thread::id ranOn;
        computeSummaries(*a, threads, SummaryRange::Compute, [&] {
            ++calls;
            ranOn = std::this_thread::get_id();
        });
        CHECK(calls == 1);
        // On two threads it runs on the second one, beside the client counts.
        CHECK((ranOn == std::this_thread::get_id()) == (threads == 1));
        CHECK(described(*a) == expected);

        // What it throws reaches the caller, after both halves are done with the analysis.
        auto b = twoReasons();
        CHECK_THROWS_AS(
            computeSummaries(*b, threads, SummaryRange::Compute, [] { throw std::runtime_error("alongside failed"); }),
            std::runtime_error);
    }
}
