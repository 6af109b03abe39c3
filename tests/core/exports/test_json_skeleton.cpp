// SPDX-License-Identifier: MIT
#include "formats/exports/json_skeleton.h"
#include "support/catch.h"

#include <string>
#include <vector>

using hs::json::ScanError;
using hs::json::Skeleton;
using hs::json::Span;

namespace {

struct Member {
    std::string key, value;
};

bool members(const Skeleton &s, std::size_t begin, std::vector<Member> &out, ScanError &error)
{
    std::size_t end = 0;
    return s.forEachMember(
        begin,
        [&](std::string_view key, std::size_t vb, std::size_t &ve, ScanError &e) {
            if (!s.skipValue(vb, ve, e))
                return false;
            out.push_back({std::string(key), std::string(s.text().substr(vb, ve - vb))});
            return true;
        },
        end, error);
}

} // namespace

TEST_CASE("skeleton walks object members and delimits their values", "[exports][json]")
{
    const std::string text =
        R"( {"a": 1, "b" : "x\"y\\", "c": {"d": [1, {"e": "]}"}]}, "f": [], "g": null, "h": -1.5e3} )";
    const Skeleton s(text);
    std::vector<Member> got;
    ScanError error;
    REQUIRE(members(s, s.skipWhitespace(0), got, error));
    REQUIRE(got.size() == 6);
    CHECK(got[0].key == "a");
    CHECK(got[0].value == "1");
    CHECK(got[1].key == "b");
    CHECK(got[1].value == R"("x\"y\\")");
    CHECK(got[2].value == R"({"d": [1, {"e": "]}"}]})");
    CHECK(got[3].value == "[]");
    CHECK(got[4].value == "null");
    CHECK(got[5].value == "-1.5e3");
}

TEST_CASE("skeleton walks array elements one by one", "[exports][json]")
{
    const std::string text = R"([{"n":1}, {"n":2} ,{"n":"3"}])";
    const Skeleton s(text);
    std::vector<std::string> elements;
    ScanError error;
    std::size_t end = 0;
    REQUIRE(s.forEachElement(
        0,
        [&](std::size_t index, std::size_t vb, std::size_t &ve, ScanError &e) {
            CHECK(index == elements.size());
            if (!s.skipValue(vb, ve, e))
                return false;
            elements.emplace_back(text.substr(vb, ve - vb));
            return true;
        },
        end, error));
    CHECK(end == text.size());
    REQUIRE(elements.size() == 3);
    CHECK(elements[2] == R"({"n":"3"})");
}

TEST_CASE("skeleton keeps the elements before a cut and locates the cut", "[exports][json]")
{
    const std::string text = R"([{"n":1}, {"n":2}, {"n":"unterminated)";
    const Skeleton s(text);
    std::size_t seen = 0, end = 0;
    ScanError error;
    const bool ok = s.forEachElement(
        0,
        [&](std::size_t, std::size_t vb, std::size_t &ve, ScanError &e) {
            if (!s.skipValue(vb, ve, e))
                return false;
            ++seen;
            return true;
        },
        end, error);
    CHECK_FALSE(ok);
    CHECK(seen == 2);
    CHECK(error.offset == text.rfind('"')); // the string that never ends
    CHECK(error.message.find("string not terminated") != std::string::npos);
}

TEST_CASE("skeleton reports structural errors with their byte offsets", "[exports][json]")
{
    SECTION("a cut between values")
    {
        const std::string text = R"([{"n":1}, {"n": [1, 2)";
        std::size_t end = 0;
        ScanError e;
        const Skeleton s(text);
        CHECK_FALSE(s.forEachElement(
            0, [&](std::size_t, std::size_t vb, std::size_t &ve, ScanError &err) { return s.skipValue(vb, ve, err); },
            end, e));
        CHECK(e.offset == text.size());
        CHECK(e.message.find("ends inside an object that starts at byte 10") != std::string::npos);
    }
    ScanError error;
    std::vector<Member> got;
    SECTION("missing comma between members")
    {
        const std::string text = R"({"a": 1 "b": 2})";
        CHECK_FALSE(members(Skeleton(text), 0, got, error));
        CHECK(error.offset == 8);
    }
    SECTION("mismatched bracket inside a value")
    {
        const std::string text = R"({"a": [1, 2}, "b": 1})";
        CHECK_FALSE(members(Skeleton(text), 0, got, error));
        CHECK(error.offset == 11);
    }
    SECTION("a bare word is not a value")
    {
        const std::string text = R"({"a": garbage})";
        CHECK_FALSE(members(Skeleton(text), 0, got, error));
        CHECK(error.offset == 6);
    }
    SECTION("nesting deeper than Qt's parser accepts")
    {
        const std::string text = "{\"a\": " + std::string(2000, '[') + std::string(2000, ']') + "}";
        CHECK_FALSE(members(Skeleton(text), 0, got, error));
        CHECK(error.offset == 6 + 1024);
    }
    SECTION("a key without a colon")
    {
        const std::string text = R"({"a" 1})";
        CHECK_FALSE(members(Skeleton(text), 0, got, error));
        CHECK(error.offset == 5);
    }
    SECTION("not an object at all")
    {
        const std::string text = "[1]";
        CHECK_FALSE(members(Skeleton(text), 0, got, error));
        CHECK(error.offset == 0);
    }
}

TEST_CASE("decodeString turns JSON escapes into UTF-8", "[exports][json]")
{
    CHECK(hs::json::decodeString(R"(log)") == "log");
    CHECK(hs::json::decodeString(R"(a\"b\\c\/d\n)") == "a\"b\\c/d\n");
    CHECK(hs::json::decodeString(R"(\u006cog)") == "log");
    CHECK(hs::json::decodeString(R"(\u00fc)") == "\xC3\xBC");
    CHECK(hs::json::decodeString(R"(\ud83d\ude00)") == "\xF0\x9F\x98\x80");
    CHECK(hs::json::decodeString(R"(\ud83d)") == "\xEF\xBF\xBD"); // lone surrogate
    CHECK(hs::json::decodeString(R"(\u12)") == "\\u12");          // kept as written
}
