// SPDX-License-Identifier: MIT
// The W3C pass's lookup structures: the watched-client set with its Bloom filter, and the POSTs
// grouped per client. Both replaced hash maps for speed; these pin down that they answer the same.
#include "kb/correlate/correlation.h"
#include "kb/correlate/log_passes.h"
#include "support/catch.h"

#include <random>
#include <set>

using namespace hs;

TEST_CASE("watched clients: the sealed filter never hides a member, and non-members stay out", "[kb][correlate]")
{
    kb::WatchedClients watched;
    std::mt19937 rng(3);
    std::set<std::uint32_t> members;
    while (members.size() < 20000)
        members.insert(static_cast<std::uint32_t>(rng()));
    for (const std::uint32_t code : members)
        watched.insert(LogAddress::fromCode(code));
    watched.seal();
    for (const std::uint32_t code : members)
        REQUIRE(watched.contains(LogAddress::fromCode(code)));
    std::size_t wrong = 0, asked = 0;
    for (std::uint32_t i = 0; i < 200000; ++i) {
        const auto code = static_cast<std::uint32_t>(rng());
        if (members.count(code))
            continue;
        ++asked;
        wrong += watched.contains(LogAddress::fromCode(code)) ? 1 : 0;
    }
    CHECK(wrong == 0); // the table behind the filter answers exactly

    // An insert after sealing must be found too (the filter is dropped until sealed again).
    watched.insert(LogAddress::ipv4(0x0A000001u));
    CHECK(watched.contains(LogAddress::ipv4(0x0A000001u)));
    watched.seal();
    CHECK(watched.contains(LogAddress::ipv4(0x0A000001u)));
    CHECK(asked > 190000);
}

TEST_CASE("client POSTs: grouped per client, in time order, log order for equal times", "[kb][correlate]")
{
    const auto mark = [](TimeUs t, std::uint32_t index) {
        kb::PostMark m;
        m.time = t;
        m.ref = kb::LogRef{SourceId(0), index};
        return m;
    };
    // Three slices of one log, in order; equal (client, time) keys across slices keep log order.
    std::vector<std::vector<kb::ClientPosts::Post>> runs = {
        {{7, mark(30, 0)}, {5, mark(10, 1)}, {7, mark(10, 2)}},
        {{7, mark(30, 3)}, {5, mark(5, 4)}},
        {{9, mark(1, 5)}, {7, mark(30, 6)}},
    };
    for (auto &run : runs)
        kb::ClientPosts::sortPosts(run);
    const kb::ClientPosts grouped = kb::ClientPosts::group(std::move(runs));
    CHECK(grouped.size() == 3);
    const auto indexes = [&](std::uint32_t client) {
        std::vector<std::uint32_t> out;
        for (const kb::PostMark &m : grouped.of(client))
            out.push_back(m.ref.index);
        return out;
    };
    CHECK(indexes(5) == std::vector<std::uint32_t>{4, 1});
    CHECK(indexes(7) == std::vector<std::uint32_t>{2, 0, 3, 6});
    CHECK(indexes(9) == std::vector<std::uint32_t>{5});
    CHECK(grouped.of(6).empty());
    CHECK(grouped.of(10).empty());
    CHECK(kb::ClientPosts::group({}).of(5).empty());

    // Many runs with equal keys (the merge takes them run by run, in log order), and runs that end
    // at different points.
    std::vector<std::vector<kb::ClientPosts::Post>> many(9);
    for (std::uint32_t r = 0; r < many.size(); ++r)
        for (std::uint32_t k = 0; k <= r; ++k)
            many[r].push_back({k % 3, mark(100, r * 100 + k)});
    for (auto &run : many)
        kb::ClientPosts::sortPosts(run);
    const kb::ClientPosts all = kb::ClientPosts::group(std::move(many));
    REQUIRE(all.size() == 3);
    for (std::uint32_t client = 0; client < 3; ++client) {
        std::vector<std::uint32_t> expected; // run by run, each run's posts in its order
        for (std::uint32_t r = 0; r < 9; ++r)
            for (std::uint32_t k = 0; k <= r; ++k)
                if (k % 3 == client)
                    expected.push_back(r * 100 + k);
        std::vector<std::uint32_t> got;
        for (const kb::PostMark &m : all.of(client))
            got.push_back(m.ref.index);
        CHECK(got == expected);
    }
    CHECK(kb::ClientPosts::group({{}, {}}).size() == 0);
}
