// SPDX-License-Identifier: MIT
// The HTML report's structure on the project's fixtures: sections present, findings in severity order
// with their evidence, diagrams and advice, counts matching the analysis, caps announcing what they
// left out, a CSP whose hashes match the inline style and script, and nothing loaded from outside.
#include "formats/text_scan.h"
#include "html_scan.h"
#include "httpsleuth/version.h"
#include "kb/catalog.h"
#include "report/html_csp.h"
#include "report/html_kb.h"
#include "report/html_report.h"
#include "report_fixture.h"
#include "support/catch.h"
#include "support/test_paths.h"

#include <regex>

using namespace hs;
using namespace hs::test;

namespace {

HtmlOptions fixedOptions()
{
    HtmlOptions o;
    o.generatedAt = *parseIso("2026-11-22T08:00:00Z");
    return o;
}

std::string between(std::string_view s, std::string_view open, std::string_view close)
{
    const auto a = s.find(open);
    if (a == std::string_view::npos)
        return {};
    const auto b = s.find(close, a + open.size());
    return b == std::string_view::npos ? std::string() : std::string(s.substr(a + open.size(), b - a - open.size()));
}

// The display numbers of the finding cards, in document order.
std::vector<std::string> cardIds(const HtmlScan &scan)
{
    std::vector<std::string> ids;
    for (const auto &t : scan.tags)
        if (!t.closing && t.name == "article" && t.attrs.count("id"))
            ids.push_back(t.attrs.at("id"));
    return ids;
}

} // namespace

TEST_CASE("report: sections, header facts and counts on the incident fixture", "[report]")
{
    TempDir dir("report-structure");
    const IncidentFixture fx = makeIncident(dir.path() / "web01");
    const Analysis &a = *fx.analysis;
    const std::string html = htmlReport(a, fixedOptions());
    const HtmlScan scan = scanHtml(html);
    INFO(scan.error);
    REQUIRE(scan.error.empty());
    CHECK(checkNesting(scan).empty());

    for (const char *id : {"overview", "analysed", "findings", "timeline", "charts", "reasons", "sources"})
        CHECK(scan.byId(id) != nullptr);

    // Header: version, generated time, analysed range, redaction off.
    CHECK(html.find(std::string("httpsleuth ") + kVersion) != std::string::npos);
    CHECK(html.find("Generated 2026-11-22 08:00:00 UTC") != std::string::npos);
    CHECK(html.find("2026-11-21 10:00:00") != std::string::npos);
    CHECK(html.find("redacted") == std::string::npos);
    CHECK(between(html, "<title>", "</title>") == "HttpSleuth report \xE2\x80\x94 web01-incident");

    // Tiles: 1 critical, 2 warnings, 1 informational; 3 sources; 9 HTTPERR lines; 1 rejected line.
    const std::string overview = elementById(html, "overview");
    CHECK(overview.find("<div class=\"v\">1</div><div class=\"k\">critical findings") != std::string::npos);
    CHECK(overview.find("<div class=\"v\">2</div><div class=\"k\">warnings") != std::string::npos);
    CHECK(overview.find("<div class=\"v\">1</div><div class=\"k\">informational") != std::string::npos);
    CHECK(overview.find("<div class=\"v\">3</div><div class=\"k\">sources (2 logs, 1 capture/export)") !=
          std::string::npos);
    CHECK(overview.find("<div class=\"v\">9</div><div class=\"k\">HTTPERR lines") != std::string::npos);
    CHECK(overview.find("<div class=\"v\">1</div><div class=\"k\">rejected lines") != std::string::npos);
    CHECK(overview.find("<div class=\"v\">3</div><div class=\"k\">TCP connections") != std::string::npos);
    // The clock offset applied to the capture is stated with its reference and evidence.
    CHECK(overview.find("Clock of <b>capture/client-side.pcapng</b> shifted by +2.00 s to match "
                        "<b>W3SVC1/ex261121.log</b>, estimated from 4 matched requests") != std::string::npos);

    // What was analysed: one row per source with records and rejected lines.
    const std::string analysed = elementById(html, "analysed");
    CHECK(countOf(analysed, "<tr>") == 1 + a.sources.size());
    CHECK(analysed.find("W3SVC1/ex261121.log") != std::string::npos);
    CHECK(analysed.find("<td class=\"n\" data-v=\"9\">9</td><td class=\"n\" data-v=\"1\">1</td>") !=
          std::string::npos); // W3C: 9 records, 1 rejected

    // Sources section: the rejected line is listed with its line number.
    const std::string sources = elementById(html, "sources");
    CHECK(sources.find("line 13") != std::string::npos);
    CHECK(sources.find("Clock offsets") != std::string::npos);

    // HTTPERR reasons: one row per reason, counts and shares.
    const std::string reasons = elementById(html, "reasons");
    REQUIRE(a.httpErrReasons.size() == 5);
    CHECK(countOf(reasons, "<tr>") == 1 + a.httpErrReasons.size());
    CHECK(reasons.find("<b>QueueFull</b></td><td class=\"n\" data-v=\"3\">3<div class=\"muted small\">33.3 %</div>") !=
          std::string::npos);
    CHECK(reasons.find("/search?q=secret") != std::string::npos); // top URI, not redacted
    CHECK(reasons.find("no reason catalogue") != std::string::npos);

    // Charts: one lane per source, the stacked reasons chart, status classes and percentiles.
    const std::string charts = elementById(html, "charts");
    CHECK(countOf(charts, "<svg class=\"c\"") == 4);
    CHECK(charts.find("HTTPERR reasons per") != std::string::npos);
    CHECK(charts.find("Requests and errors per 5 s, by source") != std::string::npos);
}

TEST_CASE("report: findings most severe first, with evidence, diagrams and remediation", "[report]")
{
    TempDir dir("report-findings");
    const IncidentFixture fx = makeIncident(dir.path() / "web01");
    const std::string html = htmlReport(*fx.analysis, fixedOptions());
    const HtmlScan scan = scanHtml(html);
    REQUIRE(scan.error.empty());

    // Emitted order: info, critical, warning(high), warning(medium) -> shown critical, warning high,
    // warning medium, info.
    REQUIRE(cardIds(scan) == std::vector<std::string>{"finding-1", "finding-2", "finding-3", "finding-4"});
    const std::string f1 = elementById(html, "finding-1");
    const std::string f2 = elementById(html, "finding-2");
    const std::string f3 = elementById(html, "finding-3");
    const std::string f4 = elementById(html, "finding-4");
    CHECK(f1.find("<code>kb898708</code>") != std::string::npos);
    CHECK(f1.find("class=\"card finding critical\"") != std::string::npos);
    CHECK(f2.find("<code>chunked-post-reset</code>") != std::string::npos);
    CHECK(f3.find("<code>connection-dropped</code>") != std::string::npos);
    CHECK(f4.find("<code>http11-keepalive-by-design</code>") != std::string::npos);

    // References: KB number and RFC section become links we build; the duplicate RFC URL from the
    // references list is shown once; a javascript: reference never becomes a link.
    CHECK(f1.find("href=\"https://support.microsoft.com/kb/898708\"") != std::string::npos);
    CHECK(countOf(f1, "href=\"https://www.rfc-editor.org/rfc/rfc2616#section-8.2.3\"") == 1);
    CHECK(f1.find("href=\"javascript") == std::string::npos);
    CHECK(f1.find("<span class=\"chip\">javascript:alert(1)</span>") != std::string::npos);
    CHECK(f4.find("href=\"https://support.microsoft.com/kb/195179\"") != std::string::npos); // Q195179

    // Confidence and why, affected connection and client.
    CHECK(f1.find("high \xE2\x80\x94 the capture shows the stray 100") != std::string::npos);
    CHECK(f1.find("10.0.0.5:51000-&gt;10.0.0.50:80") != std::string::npos);

    // Evidence: capture frame and W3C file:line with the raw line.
    CHECK(f1.find("capture/client-side.pcapng #15") != std::string::npos);
    CHECK(f1.find("W3SVC1/ex261121.log:5") != std::string::npos);
    CHECK(f1.find("POST /upload.aspx id=7&amp;token=s3cr3t 80 CORP\\alice 10.0.0.5") != std::string::npos);
    CHECK(f2.find("HTTPERR/httperr1.log:6") != std::string::npos);
    CHECK(f2.find("Timer_HeaderWait") != std::string::npos);

    // Transaction diagrams: the stray 100 after the 200, and the reset after unanswered chunked POSTs.
    CHECK(f1.find("<span role=\"listitem\" class=\"step\" title=\"frame 4\">POST "
                  "/upload.aspx?id=7&amp;token=s3cr3t</span>") != std::string::npos);
    CHECK(f1.find("class=\"step interim\" title=\"frame 5\">100 Continue") != std::string::npos);
    CHECK(f1.find("class=\"step ok\" title=\"frame 14\">200 OK") != std::string::npos);
    CHECK(f1.find("class=\"step stray\" title=\"frame 15\">100 Continue (stray)") != std::string::npos);
    CHECK(f1.find("Expect: 100-continue") != std::string::npos);
    CHECK(f1.find("Raw headers (request frame 4, response frame 14)") != std::string::npos);
    CHECK(f1.find("Cookie: ASPSESSIONID=abc123") != std::string::npos);
    CHECK(f2.find("no final response") != std::string::npos);
    CHECK(f2.find("RST by server") != std::string::npos);
    CHECK(f2.find("request body: chunked, 4 chunks, 4,096 bytes, incomplete") != std::string::npos);

    // Remediation with kind and prerequisites.
    CHECK(f1.find("<span class=\"kind\">Hotfix</span>Install the Http.sys update of KB898708") != std::string::npos);
    CHECK(f1.find("Prerequisites: Windows Server 2003 SP1") != std::string::npos);
    CHECK(f4.find("<span class=\"kind\">By design</span>") != std::string::npos);

    // Capped evidence: 25 of the 31 kept rows, and the total of 57 announced.
    const std::size_t rows = countOf(f3, "<td class=\"where mono small\">");
    CHECK(rows == 25);
    CHECK(f3.find("32 more evidence items not shown (57 in all; the JSON output lists the 31 kept).") !=
          std::string::npos);

    // The timeline strip links each finding.
    const std::string timeline = elementById(html, "timeline");
    for (int n = 1; n <= 4; ++n)
        CHECK(timeline.find("<a href=\"#finding-" + std::to_string(n) + "\">") != std::string::npos);
}

TEST_CASE("report: caps keep a huge finding list small and say what they left out", "[report]")
{
    TempDir dir("report-caps");
    IncidentFixture fx = makeIncident(dir.path() / "web01");
    Analysis &a = *fx.analysis;
    const Finding base = a.findings[3]; // connection-dropped, 31 evidence items
    for (int i = 0; i < 3000; ++i)
        a.findings.push_back(base);
    HtmlOptions o = fixedOptions();
    const std::string html = htmlReport(a, o);
    const HtmlScan scan = scanHtml(html);
    REQUIRE(scan.error.empty());
    CHECK(checkNesting(scan).empty());
    CHECK(scan.count("article") == o.maxFindingCards);
    CHECK(html.find("id=\"finding-" + std::to_string(o.maxFindingCards + o.maxFindingRows) + "\"") !=
          std::string::npos);
    CHECK(html.find("id=\"finding-" + std::to_string(o.maxFindingCards + o.maxFindingRows + 1) + "\"") ==
          std::string::npos);
    const std::size_t rest = a.findings.size() - o.maxFindingCards - o.maxFindingRows;
    CHECK(html.find(text::groupThousands(rest) + " more findings not listed") != std::string::npos);
    CHECK(html.find("further findings are not drawn") != std::string::npos);
    CHECK(html.size() < 5u * 1024 * 1024);
}

TEST_CASE("report: CSP allows only our own inline style and script, by hash", "[report][security]")
{
    TempDir dir("report-csp");
    const IncidentFixture fx = makeIncident(dir.path() / "web01");
    for (const bool withScript : {true, false}) {
        HtmlOptions o = fixedOptions();
        o.includeScript = withScript;
        const std::string html = htmlReport(*fx.analysis, o);
        const HtmlScan scan = scanHtml(html);
        REQUIRE(scan.error.empty());
        const auto metas = scan.withAttr("http-equiv", "Content-Security-Policy");
        REQUIRE(metas.size() == 1);
        // The CSP must come before anything it governs.
        CHECK(metas.front()->offset < html.find("<style>"));
        const std::string csp = decodeEntities(metas.front()->attrs.at("content"));
        const std::string style = between(html, "<style>", "</style>");
        CHECK(csp.find("default-src 'none'") != std::string::npos);
        CHECK(csp.find("style-src " + html::cspHashSource(style) + ";") != std::string::npos);
        CHECK(csp.find("unsafe-inline") == std::string::npos);
        CHECK(scan.count("style") == 1);
        if (withScript) {
            REQUIRE(scan.count("script") == 1);
            const std::string script = between(html, "<script>", "</script>");
            CHECK(!script.empty());
            CHECK(csp.find("script-src " + html::cspHashSource(script) + ";") != std::string::npos);
        } else {
            CHECK(scan.count("script") == 0);
            CHECK(csp.find("script-src 'none'") != std::string::npos);
        }
        // Nothing that could load from outside: no src attributes, no stylesheet links, no url() in CSS.
        CHECK(scan.withAttr("src", "").empty());
        CHECK(scan.count("link") == 0);
        CHECK(scan.count("img") == 0);
        CHECK(scan.count("iframe") == 0);
        CHECK(html.find("url(") == std::string::npos);
        CHECK(html.find("@import") == std::string::npos);
        // No inline event handlers or style attributes (the CSP would block them anyway).
        for (const auto &t : scan.tags) {
            for (const auto &[name, value] : t.attrs) {
                INFO(t.name << " " << name);
                CHECK(name.rfind("on", 0) != 0);
                CHECK(name != "style");
            }
        }
    }
}

TEST_CASE("report: an empty analysis still gives a complete, valid document", "[report]")
{
    Analysis a;
    const std::string html = htmlReport(a, fixedOptions());
    const HtmlScan scan = scanHtml(html);
    REQUIRE(scan.error.empty());
    CHECK(checkNesting(scan).empty());
    CHECK(html.find("No known problem was diagnosed") != std::string::npos);
    CHECK(html.find("No HTTPERR log was analysed.") != std::string::npos);
    CHECK(html.find("No file could be read.") != std::string::npos);
    CHECK(html.find("No timed records") != std::string::npos);
}

TEST_CASE("report: the reason table shows the catalogue's meaning and advice when given one", "[report]")
{
    TempDir dir("report-catalogue");
    const IncidentFixture fx = makeIncident(dir.path() / "web01");
    HtmlOptions o = fixedOptions();
    int lookups = 0;
    o.reasonInfo = [&](std::string_view reason) -> std::optional<ReasonInfo> {
        ++lookups;
        if (reason != "Timer_HeaderWait")
            return std::nullopt;
        ReasonInfo info;
        info.meaning = "Header parsing took longer than the limit.";
        info.usualStatus = "-";
        info.causes = "Slow clients; <KB967853> chunked POSTs.";
        info.advice = "Check headerWaitTimeout.";
        info.symptoms = {"chunked-post-reset", "slow-request-body"};
        return info;
    };
    const std::string html = htmlReport(*fx.analysis, o);
    const std::string reasons = elementById(html, "reasons");
    CHECK(lookups == 5);
    CHECK(reasons.find("<th class=\"meaning\">Meaning and advice</th>") != std::string::npos);
    CHECK(reasons.find("Header parsing took longer than the limit.") != std::string::npos);
    CHECK(reasons.find("&lt;KB967853&gt;") != std::string::npos);
    CHECK(reasons.find("<b>What to do:</b> Check headerWaitTimeout.") != std::string::npos);
    // A related symptom that is a finding of this report links to it; others are plain chips.
    CHECK(reasons.find("<a class=\"chip\" href=\"#finding-2\">chunked-post-reset</a>") != std::string::npos);
    CHECK(reasons.find("<span class=\"chip\">slow-request-body</span>") != std::string::npos);
    CHECK(countOf(reasons, "not in the catalogue") == 4);
    CHECK(reasons.find("no reason catalogue") == std::string::npos);
}

TEST_CASE("report: the knowledge base's reason catalogue explains every fixture reason", "[report][kb]")
{
    TempDir dir("report-kb");
    const IncidentFixture fx = makeIncident(dir.path() / "web01");
    std::vector<kb::LoadProblem> problems;
    HtmlOptions o = fixedOptions();
    o.reasonInfo = reasonLookup(kb::loadBuiltinKnowledgeBase(problems));
    CHECK(problems.empty());
    const std::string reasons = elementById(htmlReport(*fx.analysis, o), "reasons");
    CHECK(countOf(reasons, "not in the catalogue") == 0);
    CHECK(countOf(reasons, "<b>What to do:</b>") == fx.analysis->httpErrReasons.size());
    // Timer_HeaderWait points to the chunked-POST reset finding of this report.
    CHECK(reasons.find("href=\"#finding-2\">chunked-post-reset</a>") != std::string::npos);
}
