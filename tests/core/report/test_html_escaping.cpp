// SPDX-License-Identifier: MIT
// Script payloads in every field that reaches the report (paths, URIs, user agents, hosts, headers,
// reasons, evidence, finding texts, problems, notes): the output must contain only the tags we write,
// no event handlers, no links we did not build, valid UTF-8 and no NUL or bidi-override bytes.
#include "formats/text_scan.h"
#include "html_scan.h"
#include "report/html_escape.h"
#include "report/html_report.h"
#include "report/redact.h"
#include "report_fixture.h"
#include "support/catch.h"

#include <set>

using namespace hs;
using namespace hs::test;

namespace {

const std::set<std::string> &ourTags()
{
    static const std::set<std::string> tags = {
        "html",  "head", "meta", "title",  "style", "body",    "header",  "div",     "h1",      "h2",     "h3",
        "h4",    "nav",  "a",    "button", "main",  "section", "ul",      "li",      "b",       "table",  "thead",
        "tbody", "tr",   "th",   "td",     "span",  "p",       "details", "summary", "article", "dl",     "dt",
        "dd",    "code", "pre",  "svg",    "rect",  "line",    "text",    "g",       "footer",  "script", "br",
    };
    return tags;
}

void checkSafe(const std::string &html, std::string_view payloadName)
{
    INFO("payload: " << payloadName);
    const HtmlScan scan = scanHtml(html);
    INFO(scan.error);
    REQUIRE(scan.error.empty());
    INFO(checkNesting(scan));
    CHECK(checkNesting(scan).empty());
    for (const auto &t : scan.tags) {
        INFO("tag <" << t.name << "> at " << t.offset);
        CHECK(ourTags().count(t.name) == 1);
        for (const auto &[name, value] : t.attrs) {
            INFO("attribute " << name << "=" << value);
            CHECK(name.rfind("on", 0) != 0);
            CHECK(name != "style");
            CHECK(name != "src");
            if (name == "href") {
                const bool own =
                    value.rfind("#", 0) == 0 || value.rfind("https://", 0) == 0 || value.rfind("http://", 0) == 0;
                CHECK(own);
                CHECK(value.find('"') == std::string::npos);
                CHECK(value.find("ok.example") == std::string::npos); // the quote-smuggling URL is not a link
            }
        }
    }
    CHECK(scan.count("script") == 1);
    CHECK(scan.count("style") == 1);
    CHECK(text::isValidUtf8(html));
    CHECK(html.find('\0') == std::string::npos);
    CHECK(html.find("\xE2\x80\xAE") == std::string::npos); // U+202E RIGHT-TO-LEFT OVERRIDE
    CHECK(html.find("\xE2\x81\xA6") == std::string::npos); // U+2066 LEFT-TO-RIGHT ISOLATE
}

struct Payload {
    const char *name;
    std::string bytes;
    std::string escaped; // how it must appear in the report
};

std::vector<Payload> payloads()
{
    using namespace std::string_literals;
    return {
        {"script tag", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"attribute break-out", "\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"},
        {"single quotes", "x' onmouseover='alert(1)", "x&#39; onmouseover=&#39;alert(1)"},
        {"javascript uri", "javascript:alert(document.cookie)", "javascript:alert(document.cookie)"},
        {"style close", "</style><style>*{display:none}</style>",
         "&lt;/style&gt;&lt;style&gt;*{display:none}&lt;/style&gt;"},
        {"title close", "</title><script>alert(1)</script>", "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"svg text close", "</text></svg><svg onload=alert(1)>",
         "&lt;/text&gt;&lt;/svg&gt;&lt;svg onload=alert(1)&gt;"},
        {"comment", "<!-- -->&amp;", "&lt;!-- --&gt;&amp;amp;"},
        {"NUL byte", "nul\0byte<b>"s,
         "nul\xE2\x90\x80"
         "byte&lt;b&gt;"},
        {"invalid UTF-8", "\xff\xfe\xc3(<i>", "\xC3\xBF\xC3\xBE\xC3\x83(&lt;i&gt;"},
        {"bidi override",
         "abc\xE2\x80\xAE"
         "gpj.exe",
         "abc[U+202E]gpj.exe"},
    };
}

} // namespace

TEST_CASE("escape: text and attribute contexts, controls, encodings and caps", "[report][security]")
{
    CHECK(html::escape("a<b>&\"'c") == "a&lt;b&gt;&amp;&quot;&#39;c");
    CHECK(html::escape(std::string("a\0b", 3)) == "a\xE2\x90\x80"
                                                  "b");
    CHECK(html::escape("tab\tnl\ncr\r") == "tab\tnl\ncr\xE2\x90\x8D");
    CHECK(html::escape("\x7f") == "\xE2\x90\xA1");
    CHECK(html::escape("caf\xE9") == "caf\xC3\xA9");               // Windows-1252 é
    CHECK(html::escape("\xE2\x80\xAE") == "[U+202E]");             // bidi override shown by name
    CHECK(html::escape("\xC2\x85") == "\xEF\xBF\xBD");             // C1 control
    CHECK(html::escape("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80"); // emoji kept
    CHECK(html::escape("abcdef", 3) == "abc\xE2\x80\xA6 [3 more characters]");
    CHECK(html::escape("\xC3\xA9\xC3\xA9", 1) == "\xC3\xA9\xE2\x80\xA6 [1 more character]");
    CHECK(html::escape("", 0).empty());

    CHECK(html::isSafeLink("https://www.rfc-editor.org/rfc/rfc2616#section-8.2.3"));
    CHECK(html::isSafeLink("http://support.microsoft.com/kb/898708"));
    CHECK_FALSE(html::isSafeLink("javascript:alert(1)"));
    CHECK_FALSE(html::isSafeLink("JAVASCRIPT:alert(1)"));
    CHECK_FALSE(html::isSafeLink("data:text/html,x"));
    CHECK_FALSE(html::isSafeLink("https://x.example/a\"onmouseover=1"));
    CHECK_FALSE(html::isSafeLink("https://x.example/a b"));
    CHECK_FALSE(html::isSafeLink("https://x.example/\xC3\xA9"));
    CHECK_FALSE(html::isSafeLink("//evil.example/"));
}

TEST_CASE("report: hostile strings in every field stay text", "[report][security]")
{
    for (const Payload &p : payloads()) {
        const auto a = makeHostileAnalysis(p.bytes);
        for (const bool redact : {false, true}) {
            HtmlOptions o;
            o.generatedAt = 0;
            Redactor r(*a);
            if (redact)
                o.redactor = &r;
            o.reasonInfo = [&](std::string_view) {
                ReasonInfo info;
                info.meaning = p.bytes;
                info.advice = p.bytes;
                info.causes = p.bytes;
                info.symptoms = {p.bytes};
                return std::optional<ReasonInfo>(info);
            };
            const std::string html = htmlReport(*a, o);
            checkSafe(html, p.name);
            // The payload reached the report in many places (paths, URIs, agents, hosts, headers,
            // reasons, evidence, finding texts, notes), always escaped.
            INFO(p.name << (redact ? " (redacted)" : ""));
            CHECK(countOf(html, p.escaped) >= (redact ? 15u : 25u));
        }
    }
}

TEST_CASE("report: links only to anchors and to references we can vouch for", "[report][security]")
{
    const auto a = makeHostileAnalysis("plain");
    const std::string html = htmlReport(*a);
    const HtmlScan scan = scanHtml(html);
    REQUIRE(scan.error.empty());
    std::size_t external = 0;
    for (const HtmlTag *t : scan.withAttr("href", "")) {
        const std::string &href = t->attrs.at("href");
        if (href.rfind("#", 0) == 0)
            continue;
        ++external;
        CHECK(t->attrs.count("rel") == 1);
        CHECK(t->attrs.at("rel").find("noreferrer") != std::string::npos);
    }
    CHECK(external == 0); // the hostile finding names no KB/RFC reference that we can build a link for
    CHECK(html.find("<span class=\"chip\">javascript:alert(1)</span>") != std::string::npos);
    CHECK(html.find("<span class=\"chip\">data:text/html,&lt;b&gt;x</span>") != std::string::npos);
}
