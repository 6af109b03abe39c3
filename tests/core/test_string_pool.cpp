// SPDX-License-Identifier: MIT
#include "model/bytes_equal.h"
#include "model/hash.h"
#include "model/string_pool.h"
#include "support/catch.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <span>
#include <string>
#include <thread>
#include <vector>

using namespace hs;

TEST_CASE("string pool interns and returns stable views", "[pool]")
{
    StringPool pool;
    CHECK(pool.intern("") == kEmptyStr);
    CHECK(pool.view(kEmptyStr).empty());
    const StrId a = pool.intern("GET");
    const StrId b = pool.intern("POST");
    CHECK(a != b);
    CHECK(a != kEmptyStr);
    CHECK(pool.intern(std::string("GET")) == a);
    CHECK(pool.view(a) == "GET");
    CHECK(pool.view(b) == "POST");
    CHECK(pool.find("POST") == b);
    CHECK(pool.find("PUT") == StringPool::kNotFound);
    std::vector<StrId> ids;
    for (int i = 0; i < 100000; ++i)
        ids.push_back(pool.intern("/path/" + std::to_string(i)));
    for (int i = 0; i < 100000; i += 997)
        CHECK(pool.view(ids[static_cast<std::size_t>(i)]) == "/path/" + std::to_string(i));
    CHECK(pool.view(a) == "GET"); // still valid after growth
}

TEST_CASE("string pool is consistent across threads", "[pool]")
{
    StringPool pool;
    std::vector<std::vector<StrId>> results(4);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            InternCache cache(pool);
            for (int i = 0; i < 20000; ++i)
                results[static_cast<std::size_t>(t)].push_back(cache.intern("10.0." + std::to_string(i % 5000)));
        });
    for (auto &th : threads)
        th.join();
    for (int t = 1; t < 4; ++t)
        CHECK(results[static_cast<std::size_t>(t)] == results[0]);
    CHECK(pool.view(results[0][42]) == "10.0.42");
}

TEST_CASE("intern cache transforms once per raw value", "[pool]")
{
    StringPool pool;
    InternCache cache(pool);
    std::string buf;
    int calls = 0;
    auto decode = [&](std::string_view raw) {
        ++calls;
        buf.assign(raw);
        for (char &c : buf)
            if (c == '+')
                c = ' ';
        return std::string_view(buf);
    };
    const StrId x = cache.internTransformed("curl/7.1+(x)", decode);
    const StrId y = cache.internTransformed("curl/7.1+(x)", decode);
    CHECK(x == y);
    CHECK(calls == 1);
    CHECK(pool.view(x) == "curl/7.1 (x)");
}

TEST_CASE("string pool keeps every length, across rehashes", "[pool]")
{
    // Lengths around each varint byte boundary, up to a 1 MB line, and enough strings to rehash
    // every shard several times.
    StringPool pool;
    std::vector<std::string> texts;
    for (const std::size_t n : {1u, 127u, 128u, 129u, 16383u, 16384u, 16385u, 1u << 20})
        texts.push_back(std::string(n, 'x') + "end");
    for (int i = 0; i < 50000; ++i)
        texts.push_back("/path/" + std::to_string(i));
    std::vector<StrId> ids;
    for (const auto &t : texts)
        ids.push_back(pool.intern(t));
    for (std::size_t i = 0; i < texts.size(); ++i) {
        REQUIRE(pool.view(ids[i]) == texts[i]);
        REQUIRE(pool.find(texts[i]) == ids[i]);
        REQUIRE(pool.intern(texts[i]) == ids[i]);
    }
    CHECK(pool.size() == texts.size() + 1); // and the empty string
    CHECK(pool.find("/path/50000") == StringPool::kNotFound);
}

TEST_CASE("string pool batches give the ids single interns give", "[pool]")
{
    StringPool pool;
    const StrId before = pool.intern("/known");
    // Known and new strings, a duplicate inside the batch, the empty string; 3000 of them make the
    // shards rehash between and inside batches.
    std::vector<std::string> texts = {"/known", "/new", "/new", ""};
    for (int i = 0; i < 3000; ++i)
        texts.push_back("2001:db8::" + std::to_string(i));
    std::vector<StringPool::Request> requests;
    for (const auto &t : texts)
        requests.push_back({t, hashBytes(t)});
    for (std::size_t begin = 0; begin < requests.size(); begin += 100)
        pool.internBatch(std::span(requests).subspan(begin, std::min<std::size_t>(100, requests.size() - begin)));
    CHECK(requests[0].id == before);
    CHECK(requests[1].id == requests[2].id);
    CHECK(requests[3].id == kEmptyStr);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        REQUIRE(pool.view(requests[i].id) == texts[i]);
        REQUIRE(pool.intern(texts[i]) == requests[i].id);
    }
}

TEST_CASE("string pool batches and lock-free lookups agree across threads", "[pool]")
{
    // Two threads batch, two intern one by one, all over the same strings while the shards grow:
    // equal text must give equal ids whichever path found or inserted it first.
    StringPool pool;
    constexpr int kStrings = 20000;
    std::vector<std::vector<StrId>> ids(4, std::vector<StrId>(kStrings));
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            auto &out = ids[static_cast<std::size_t>(t)];
            std::vector<std::string> texts;
            std::vector<StringPool::Request> batch;
            for (int k = 0; k < kStrings; ++k) {
                const int i = t % 2 ? kStrings - 1 - k : k; // opposite orders meet in the middle
                const std::string text = "/api/orders/" + std::to_string(i);
                if (t < 2) {
                    out[static_cast<std::size_t>(i)] = pool.intern(text);
                    continue;
                }
                texts.push_back(text);
                if (texts.size() == 32 || k == kStrings - 1) {
                    batch.clear();
                    for (const auto &s : texts)
                        batch.push_back({s, hashBytes(s)});
                    pool.internBatch(batch);
                    for (const auto &r : batch)
                        out[static_cast<std::size_t>(std::stoi(std::string(r.text.substr(12))))] = r.id;
                    texts.clear();
                }
            }
        });
    for (auto &th : threads)
        th.join();
    for (int t = 1; t < 4; ++t)
        REQUIRE(ids[static_cast<std::size_t>(t)] == ids[0]);
    CHECK(pool.view(ids[0][12345]) == "/api/orders/12345");
    CHECK(pool.size() == kStrings + 1); // and the empty string
}

TEST_CASE("string pool frees replaced indexes and still finds everything", "[pool]")
{
    StringPool pool;
    std::vector<StrId> ids;
    for (int i = 0; i < 50000; ++i)
        ids.push_back(pool.intern("10.1." + std::to_string(i)));
    const std::size_t before = pool.memoryBytes();
    pool.releaseRetired();
    CHECK(pool.memoryBytes() < before);
    for (int i = 0; i < 50000; i += 7) {
        REQUIRE(pool.find("10.1." + std::to_string(i)) == ids[static_cast<std::size_t>(i)]);
        REQUIRE(pool.intern("10.1." + std::to_string(i)) == ids[static_cast<std::size_t>(i)]);
    }
    CHECK(pool.find("10.1.50000") == StringPool::kNotFound);
    const StrId added = pool.intern("10.1.50000"); // and inserting still works
    CHECK(pool.find("10.1.50000") == added);
    CHECK(pool.view(added) == "10.1.50000");
}

TEST_CASE("intern cache stays bounded and right when its sets overflow", "[pool]")
{
    // 100,000 distinct values through one cache (16,384 slots): full sets give values up, which
    // then come from the pool again. Values too long to cache go to the pool every time.
    StringPool pool;
    InternCache cache(pool);
    std::vector<StrId> ids;
    for (int i = 0; i < 100000; ++i)
        ids.push_back(cache.intern("/api/orders/" + std::to_string(i)));
    const std::string longValue(70000, 'x');
    const StrId longId = cache.intern(longValue);
    CHECK(cache.intern(longValue) == longId);
    CHECK(pool.view(longId) == longValue);
    for (int round = 0; round < 2; ++round)
        for (int i = 0; i < 100000; i += 13) {
            const std::string text = "/api/orders/" + std::to_string(i);
            REQUIRE(cache.intern(text) == ids[static_cast<std::size_t>(i)]);
            REQUIRE(pool.view(ids[static_cast<std::size_t>(i)]) == text);
        }
    CHECK(pool.size() == 100000 + 2);
}

TEST_CASE("bytesEqual agrees with memcmp at every length and difference position", "[model][strings]")
{
    // The buffers sit at the end of their arrays, so a read past the range would leave them.
    std::array<char, 48> a{}, b{};
    for (std::size_t n = 0; n <= 40; ++n) {
        char *x = a.data() + a.size() - n;
        char *y = b.data() + b.size() - n;
        for (std::size_t i = 0; i < n; ++i)
            x[i] = y[i] = static_cast<char>('a' + i % 26);
        INFO("length " << n);
        CHECK(bytesEqual(x, y, n));
        for (std::size_t at = 0; at < n; ++at) {
            INFO("difference at " << at);
            y[at] = static_cast<char>(y[at] ^ 0x20);
            CHECK_FALSE(bytesEqual(x, y, n));
            CHECK((std::memcmp(x, y, n) == 0) == bytesEqual(x, y, n));
            y[at] = x[at];
        }
    }
}
