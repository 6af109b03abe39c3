// SPDX-License-Identifier: MIT
// The filter bar's language: parsing, errors with positions, binding to tables, matching.
#include "filter/compiled_filter.h"
#include "filter/filter_query.h"
#include "gui_test_helpers.h"
#include "support/catch.h"
#include "tables/access_table.h"
#include "tables/httperr_table.h"

using namespace hs;
using namespace hs::ui;

namespace {

std::size_t countMatches(const RecordTable &table, const QString &text)
{
    auto result = CompiledFilter::compile(text, table);
    REQUIRE(std::holds_alternative<std::shared_ptr<const CompiledFilter>>(result));
    auto filter = std::get<std::shared_ptr<const CompiledFilter>>(result);
    if (!filter)
        return table.size();
    CompiledFilter::Scratch scratch;
    std::size_t n = 0;
    for (std::size_t r = 0; r < table.size(); ++r)
        n += filter->matches(table, r, scratch) ? 1 : 0;
    return n;
}

FilterError compileError(const RecordTable &table, const QString &text)
{
    auto result = CompiledFilter::compile(text, table);
    REQUIRE(std::holds_alternative<FilterError>(result));
    return std::get<FilterError>(result);
}

} // namespace

TEST_CASE("parseFilter splits field terms, operators, negation, quotes and free text", "[filter]")
{
    const FilterParse p = parseFilter(QStringLiteral("status:503 reason:Timer_HeaderWait  c-ip:10.0.0.5 "
                                                     "-method:GET time-taken:>=1000 \"Expect: 100\" upload"));
    REQUIRE(p.ok());
    REQUIRE(p.terms.size() == 7);
    CHECK(p.terms[0].kind == FilterTerm::Kind::Field);
    CHECK(p.terms[0].field == "status");
    CHECK(p.terms[0].value == "503");
    CHECK(p.terms[0].op == FilterTerm::Op::Match);
    CHECK(p.terms[0].position == 0);
    CHECK(p.terms[0].length == 10);
    CHECK(p.terms[1].field == "reason");
    CHECK(p.terms[1].value == "Timer_HeaderWait");
    CHECK(p.terms[2].field == "c-ip");
    CHECK(p.terms[2].value == "10.0.0.5");
    CHECK(p.terms[2].position == 36);
    CHECK(p.terms[3].negate);
    CHECK(p.terms[3].field == "method");
    CHECK(p.terms[4].op == FilterTerm::Op::GreaterEqual);
    CHECK(p.terms[4].value == "1000");
    CHECK(p.terms[5].kind == FilterTerm::Kind::Text);
    CHECK(p.terms[5].literal);
    CHECK(p.terms[5].value == "Expect: 100");
    CHECK(p.terms[6].kind == FilterTerm::Kind::Text);
    CHECK_FALSE(p.terms[6].literal);
    CHECK(p.terms[6].value == "upload");
}

TEST_CASE("parseFilter keeps W3C field names with parentheses and quoted literal values", "[filter]")
{
    const FilterParse p = parseFilter(QStringLiteral("cs(User-Agent):curl.* source:\"W3SVC1/u_ex.log\" -x"));
    REQUIRE(p.ok());
    REQUIRE(p.terms.size() == 3);
    CHECK(p.terms[0].field == "cs(User-Agent)");
    CHECK(p.terms[0].value == "curl.*");
    CHECK(p.terms[1].literal);
    CHECK(p.terms[1].value == "W3SVC1/u_ex.log");
    // A dash before a word that is not a field is free text (a pattern), not a negation.
    CHECK(p.terms[2].kind == FilterTerm::Kind::Text);
    CHECK(p.terms[2].value == "-x");
}

TEST_CASE("parseFilter reports where the text is wrong", "[filter]")
{
    SECTION("missing value")
    {
        const FilterParse p = parseFilter(QStringLiteral("method:GET status:"));
        REQUIRE_FALSE(p.ok());
        CHECK(p.error.position == 11);
        CHECK(p.error.message.contains(QStringLiteral("needs a value")));
    }
    SECTION("unterminated quote")
    {
        const FilterParse p = parseFilter(QStringLiteral("a \"bc"));
        REQUIRE_FALSE(p.ok());
        CHECK(p.error.position == 2);
        CHECK(p.error.message.contains(QStringLiteral("quote")));
    }
    SECTION("comparison without a number")
    {
        const FilterParse p = parseFilter(QStringLiteral("status:>abc"));
        REQUIRE_FALSE(p.ok());
        CHECK(p.error.position == 0);
        CHECK(p.error.message.contains(QStringLiteral("not a number")));
    }
    SECTION("empty text")
    {
        const FilterParse p = parseFilter(QStringLiteral("   "));
        CHECK(p.ok());
        CHECK(p.terms.empty());
    }
}

TEST_CASE("quoteFilterValue round-trips through the parser", "[filter]")
{
    const std::string nasty = R"(C:\logs\"odd" file.log)";
    const FilterParse p = parseFilter(QStringLiteral("source:") + quoteFilterValue(nasty));
    REQUIRE(p.ok());
    REQUIRE(p.terms.size() == 1);
    CHECK(p.terms[0].literal);
    CHECK(p.terms[0].value == nasty);
}

TEST_CASE("Field filters match the W3C records of the fixture bundle", "[filter]")
{
    std::shared_ptr<const Analysis> analysis = test::analyseBundle();
    AccessTable table(analysis);
    REQUIRE(table.size() == 420);
    CHECK(countMatches(table, QStringLiteral("status:503")) == 9);
    CHECK(countMatches(table, QStringLiteral("status:5..")) == 18);
    CHECK(countMatches(table, QStringLiteral("status:>=500")) == 18);
    CHECK(countMatches(table, QStringLiteral("status:404")) == 5);
    CHECK(countMatches(table, QStringLiteral("sc-win32-status:64")) == 8);
    CHECK(countMatches(table, QStringLiteral("error:yes")) == 18 + 5 + 8);
    CHECK(countMatches(table, QStringLiteral("method:post")) == 72);
    CHECK(countMatches(table, QStringLiteral("-method:GET")) == 72);
    CHECK(countMatches(table, QStringLiteral("c-ip:10.0.0.5")) == 90);
    CHECK(countMatches(table, QStringLiteral("c-ip:10\\.0\\.0\\.[56]")) == 180);
    CHECK(countMatches(table, QStringLiteral("source:\"W3SVC2/u_ex261121.log\"")) == 60);
    // A field only the #Fields line names, read from the raw line.
    CHECK(countMatches(table, QStringLiteral("cs-uri-query:id=1.*")) > 0);
    CHECK(countMatches(table, QStringLiteral("cs-uri-query:id=16")) == 1);
    // Free text searches the raw line.
    CHECK(countMatches(table, QStringLiteral("curl/8")) == 120);
    CHECK(countMatches(table, QStringLiteral("\"app.js\"")) == 72);
    // Terms combine with AND.
    CHECK(countMatches(table, QStringLiteral("status:503 c-ip:10.0.0.6")) == 5);
    CHECK(countMatches(table, QStringLiteral("")) == 420);
}

TEST_CASE("Field filters match the HTTPERR records, including the connection key", "[filter]")
{
    std::shared_ptr<const Analysis> analysis = test::analyseBundle();
    HttpErrTable table(analysis);
    REQUIRE(table.size() == 48);
    CHECK(countMatches(table, QStringLiteral("reason:Timer_HeaderWait")) == 12);
    CHECK(countMatches(table, QStringLiteral("reason:timer_.*")) == 24);
    CHECK(countMatches(table, QStringLiteral("reason:QueueFull status:503")) == 3);
    CHECK(countMatches(table, QStringLiteral("queue:DefaultAppPool")) == 24);
    CHECK(countMatches(table, QStringLiteral("connection:\"10.0.0.5:50000->10.0.0.50:80\"")) == 1);
    CHECK(countMatches(table, QStringLiteral("c-port:>=50040")) == 8);
    CHECK(countMatches(table, QStringLiteral("status:-")) == 45);
}

TEST_CASE("Bad filters give a clear error that points at the term", "[filter]")
{
    std::shared_ptr<const Analysis> analysis = test::analyseBundle();
    AccessTable table(analysis);
    SECTION("bad RE2 pattern")
    {
        const FilterError e = compileError(table, QStringLiteral("status:503 uri:/api/(orders"));
        CHECK(e.message.contains(QStringLiteral("Bad pattern")));
        CHECK(e.message.contains(QStringLiteral("missing )")));
        CHECK(e.position == 11);
        CHECK(e.length == 16);
    }
    SECTION("unknown field")
    {
        const FilterError e = compileError(table, QStringLiteral("colour:red"));
        CHECK(e.message.contains(QStringLiteral("Unknown field “colour”")));
        CHECK(e.message.contains(QStringLiteral("c-ip")));
        CHECK(e.position == 0);
    }
    SECTION("comparison on a text field")
    {
        const FilterError e = compileError(table, QStringLiteral("method:>3"));
        CHECK(e.message.contains(QStringLiteral("not a number field")));
    }
}
