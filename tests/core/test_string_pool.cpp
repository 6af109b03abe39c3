// SPDX-License-Identifier: MIT
#include "model/string_pool.h"
#include "support/catch.h"

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
