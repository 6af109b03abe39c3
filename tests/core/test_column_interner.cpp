// SPDX-License-Identifier: MIT
// ColumnInterner answers from a small table of each column's recent values. Whatever the table
// holds, every value must get the pool's id for its own text: values that share a slot (long ones
// differing only in the middle), alternating values, and the same text in two columns.
#include "formats/column_interner.h"
#include "model/string_pool.h"
#include "support/catch.h"

#include <string>
#include <vector>

using namespace hs;

TEST_CASE("Column interner: every value gets the pool's id for its text", "[formats][intern]")
{
    StringPool pool;
    ColumnInterner columns(pool, 3);
    // Values of every length from 0 to 40, some long ones that differ only in the middle (same
    // first and last eight bytes), and a few that recur, alternating.
    std::vector<std::string> values;
    for (int len = 0; len <= 40; ++len)
        values.push_back(std::string(static_cast<std::size_t>(len), static_cast<char>('a' + len % 26)));
    for (int i = 0; i < 20; ++i)
        values.push_back("Mozilla/5.0+(Windows)" + std::to_string(1000 + i) + "+Gecko/20100101+Firefox");
    const std::string mapped = [&] {
        std::string all;
        for (int round = 0; round < 5; ++round)
            for (const std::string &v : values)
                all += v + '\n';
        return all;
    }();
    // The interner remembers views into the parsed bytes: feed it views into one buffer.
    std::size_t at = 0, checked = 0;
    while (at < mapped.size()) {
        const std::size_t nl = mapped.find('\n', at);
        const std::string_view v(mapped.data() + at, nl - at);
        at = nl + 1;
        for (std::size_t column = 0; column < 3; ++column) {
            const StrId id = columns.intern(column, v);
            REQUIRE(pool.view(id) == v);
            if (const StrId recent = columns.recent(column, v); recent != StringPool::kNotFound)
                REQUIRE(recent == id);
            ++checked;
        }
    }
    CHECK(checked == values.size() * 5 * 3);
}

TEST_CASE("Column interner: remembered ids belong to their column", "[formats][intern]")
{
    // The W3C reader keeps decoded user agents ('+' as space) in a column of its own: the same raw
    // text interned in a data column must keep its own id there.
    StringPool pool;
    ColumnInterner columns(pool, 2);
    const std::string raw = "curl/8.0+(x86_64)";
    const StrId decoded = pool.intern("curl/8.0 (x86_64)");
    columns.remember(1, raw, decoded);
    const StrId plain = columns.intern(0, raw);
    CHECK(pool.view(plain) == raw);
    CHECK(columns.recent(0, raw) == plain);
    CHECK(columns.recent(1, raw) == decoded);
    CHECK(columns.recent(1, std::string_view("curl/8.0+(x86_64)x")) == StringPool::kNotFound);
}
