// SPDX-License-Identifier: MIT
// Findings, most severe first: what was seen, how sure we are and why, where (connections, clients,
// evidence with file:line or #frame, transaction diagrams), and what to do about it. A timeline strip
// above the cards shows when each finding happened against the overall activity.
#include "formats/text_scan.h"
#include "report/html_context.h"
#include "report/html_transaction.h"
#include "report/svg_chart.h"
#include "stats/timeline.h"

#include <unordered_set>

namespace hs::html {
namespace {

constexpr std::size_t kMaxStripRows = 40;

// A reference becomes a link only when we can build (or check) its URL ourselves: "KB898708",
// "RFC 2616 §8.2.3", or an http(s) URL from the knowledge base. Anything else stays text.
std::string referenceUrl(std::string_view ref)
{
    std::string_view r = text::trim(ref);
    if (html::isSafeLink(r))
        return std::string(r);
    auto digitsAt = [](std::string_view s, std::size_t pos, std::size_t &end) {
        end = pos;
        while (end < s.size() && s[end] >= '0' && s[end] <= '9')
            ++end;
        return end > pos && end - pos <= 8;
    };
    std::size_t end = 0;
    if (r.size() > 2 && (r[0] == 'K' || r[0] == 'k') && (r[1] == 'B' || r[1] == 'b') && digitsAt(r, 2, end) &&
        end == r.size())
        return "https://support.microsoft.com/kb/" + std::string(r.substr(2));
    if ((r[0] == 'Q' || r[0] == 'q') && digitsAt(r, 1, end) && end == r.size())
        return "https://support.microsoft.com/kb/" + std::string(r.substr(1));
    if (text::startsWithNoCase(r, "RFC")) {
        std::size_t pos = 3;
        while (pos < r.size() && r[pos] == ' ')
            ++pos;
        if (!digitsAt(r, pos, end))
            return {};
        std::string url = "https://www.rfc-editor.org/rfc/rfc" + std::string(r.substr(pos, end - pos));
        std::string_view rest = text::trim(r.substr(end));
        if (text::startsWith(rest, "\xC2\xA7")) // "§8.2.3"
            rest.remove_prefix(2);
        else if (text::startsWithNoCase(rest, "section"))
            rest.remove_prefix(7);
        rest = text::trim(rest);
        std::size_t n = 0;
        while (n < rest.size() && ((rest[n] >= '0' && rest[n] <= '9') || rest[n] == '.'))
            ++n;
        while (n > 0 && rest[n - 1] == '.')
            --n;
        if (n > 0)
            url += "#section-" + std::string(rest.substr(0, n));
        return url;
    }
    return {};
}

void link(Context &c, std::string_view label, const std::string &url)
{
    if (url.empty() || !html::isSafeLink(url)) {
        c.raw("<span class=\"chip\">");
        c.text(label, 200);
        c.raw("</span>");
        return;
    }
    c.raw("<a class=\"chip\" rel=\"noreferrer noopener\" target=\"_blank\" href=\"");
    c.text(url);
    c.raw("\" title=\"");
    c.text(url);
    c.raw("\">");
    c.text(label, 200);
    c.raw("</a>");
}

void references(Context &c, const Finding &f)
{
    if (f.kb.empty() && f.references.empty())
        return;
    c.raw("<dt>References</dt><dd>");
    std::unordered_set<std::string> seen;
    for (const auto &k : f.kb) {
        const std::string url = referenceUrl(k);
        seen.insert(url);
        link(c, k, url);
    }
    for (const auto &r : f.references) {
        const std::string url = referenceUrl(r);
        if (!url.empty() && seen.count(url))
            continue;
        seen.insert(url);
        // Show a URL by its host and path, without the scheme and shortened: easier to read, same
        // target (the full URL is the link's title).
        std::string_view label = r;
        if (const auto p = label.find("://"); p != std::string_view::npos)
            label.remove_prefix(p + 3);
        std::string shown(label.substr(0, 64));
        if (label.size() > 64)
            shown += "\xE2\x80\xA6";
        link(c, shown, url);
    }
    c.raw("</dd>");
}

template <typename Fn>
void chips(Context &c, const std::vector<std::string> &values, std::size_t cap, Fn &&transform)
{
    const std::size_t shown = std::min(values.size(), cap);
    for (std::size_t i = 0; i < shown; ++i) {
        c.raw("<span class=\"chip mono\">");
        c.logText(transform(values[i]));
        c.raw("</span>");
    }
    if (values.size() > shown) {
        c.raw(" <span class=\"more\">and ");
        c.count(values.size() - shown);
        c.raw(" more</span>");
    }
}

constexpr std::size_t kEvidenceInline = 8; // rows shown before "show N more"

void evidenceRow(Context &c, const Evidence &e)
{
    c.raw("<tr><td class=\"where mono small\">");
    std::string where = c.sourcePath(e.source);
    if (e.line)
        where += ":" + std::to_string(e.line);
    if (e.frame)
        where += " #" + std::to_string(e.frame);
    c.logText(where);
    c.raw("</td><td class=\"when mono small\">");
    c.text(timeText(e.time));
    c.raw("</td><td class=\"conn mono small\">");
    if (e.connection.valid() && e.connection.value < c.a.connections.size())
        c.logText(c.connectionKey(c.a.connections[e.connection.value].key()));
    c.raw("</td><td><pre class=\"raw\">");
    c.logText(c.evidenceText(e));
    c.raw("</pre></td></tr>");
}

void evidenceRows(Context &c, const Finding &f, std::size_t from, std::size_t to)
{
    c.raw("<div class=\"scroll\"><table class=\"ev\"><thead><tr><th>Where</th><th>Time (UTC)</th><th>Connection</th>"
          "<th>What was seen</th></tr></thead><tbody>");
    for (std::size_t i = from; i < to; ++i)
        evidenceRow(c, f.evidence[i]);
    c.raw("</tbody></table></div>");
}

void evidenceTable(Context &c, const Finding &f)
{
    if (f.evidence.empty())
        return;
    c.raw("<h4>Evidence</h4>");
    const std::size_t shown = std::min(f.evidence.size(), c.o.maxEvidencePerFinding);
    const std::size_t inlineRows = std::min(shown, kEvidenceInline);
    evidenceRows(c, f, 0, inlineRows);
    if (shown > inlineRows) {
        c.raw("<details class=\"block\"><summary>Show ");
        c.text(plural(shown - inlineRows, "more evidence item", "more evidence items"));
        c.raw("</summary>");
        evidenceRows(c, f, inlineRows, shown);
        c.raw("</details>");
    }
    const std::uint64_t total = std::max<std::uint64_t>(f.evidenceTotal, f.evidence.size());
    if (total > shown) {
        c.raw("<p class=\"more\">");
        c.text(plural(total - shown, "more evidence item", "more evidence items"));
        c.raw(" not shown (");
        c.count(total);
        c.raw(" in all; the JSON output lists the ");
        c.count(f.evidence.size());
        c.raw(" kept).</p>");
    }
}

void diagrams(Context &c, const Finding &f)
{
    std::vector<std::uint32_t> txs;
    for (const Evidence &e : f.evidence) {
        if (!e.transaction.valid() || e.transaction.value >= c.a.transactions.size())
            continue;
        if (std::find(txs.begin(), txs.end(), e.transaction.value) == txs.end())
            txs.push_back(e.transaction.value);
    }
    if (txs.empty())
        return;
    c.raw("<h4>Request and response sequence</h4>");
    const std::size_t shown = std::min(txs.size(), c.o.maxDiagramsPerFinding);
    for (std::size_t i = 0; i < shown; ++i)
        writeTransaction(c, c.a.transactions[txs[i]]);
    if (txs.size() > shown) {
        c.raw("<p class=\"more\">");
        c.text(plural(txs.size() - shown, "more transaction", "more transactions"));
        c.raw(" in the evidence.</p>");
    }
}

std::string_view kindLabel(std::string_view kind) noexcept
{
    if (kind == "hotfix")
        return "Hotfix";
    if (kind == "upgrade")
        return "Upgrade";
    if (kind == "config")
        return "Configuration";
    if (kind == "workaround")
        return "Workaround";
    if (kind == "client")
        return "Client side";
    if (kind == "by-design")
        return "By design";
    if (kind == "info")
        return "Note";
    return kind;
}

void remediation(Context &c, const Finding &f)
{
    if (f.remediation.empty())
        return;
    c.raw("<h4>What to do</h4><ul class=\"rem\">");
    for (const auto &r : f.remediation) {
        c.raw("<li><span class=\"kind\">");
        c.text(kindLabel(r.kind), 40);
        c.raw("</span>");
        c.text(r.text);
        if (!r.prerequisites.empty()) {
            c.raw("<div class=\"prereq\">Prerequisites: ");
            c.text(r.prerequisites);
            c.raw("</div>");
        }
        c.raw("</li>");
    }
    c.raw("</ul>");
}

void card(Context &c, std::size_t index)
{
    const Finding &f = c.a.findings[index];
    const std::size_t number = c.findingNumber[index];
    const std::string_view sev = toString(f.severity);
    c.raw("<article class=\"card finding ");
    c.raw(sev);
    c.raw("\" id=\"finding-" + std::to_string(number) + "\"><header><span class=\"num\">#" + std::to_string(number) +
          "</span><span class=\"badge ");
    c.raw(sev);
    c.raw("\">");
    c.raw(sev);
    c.raw("</span><h3>");
    c.text(c.freeText(f.title.empty() ? f.id : f.title), 300);
    c.raw("</h3><span class=\"badge conf\">confidence: ");
    c.raw(toString(f.confidence));
    c.raw("</span></header>");
    if (!f.summary.empty()) {
        c.raw("<p class=\"summary\">");
        c.text(c.freeText(f.summary), 4000);
        c.raw("</p>");
    }
    c.raw("<dl class=\"facts\"><dt>Symptom</dt><dd><code>");
    c.text(f.id, 100);
    c.raw("</code></dd>");
    references(c, f);
    c.raw("<dt>Confidence</dt><dd>");
    c.raw(toString(f.confidence));
    if (!f.confidenceReason.empty()) {
        c.raw(" \xE2\x80\x94 ");
        c.text(c.freeText(f.confidenceReason), 1000);
    }
    c.raw("</dd><dt>When</dt><dd>");
    c.text(rangeText(f.first, f.last));
    if (f.count) {
        c.raw(" \xC2\xB7 ");
        c.text(plural(f.count, "occurrence", "occurrences"));
    }
    c.raw("</dd>");
    if (!f.connections.empty()) {
        c.raw("<dt>Connections</dt><dd>");
        chips(c, f.connections, c.o.maxConnectionsPerFinding, [&](const std::string &k) { return c.connectionKey(k); });
        c.raw("</dd>");
    }
    if (!f.clients.empty()) {
        c.raw("<dt>Clients</dt><dd>");
        chips(c, f.clients, c.o.maxClientsPerFinding, [&](const std::string &k) { return c.client(k); });
        c.raw("</dd>");
    }
    c.raw("</dl>");
    evidenceTable(c, f);
    diagrams(c, f);
    remediation(c, f);
    c.raw("</article>\n");
}

void overflowTable(Context &c)
{
    const std::size_t first = c.o.maxFindingCards;
    if (c.findingOrder.size() <= first)
        return;
    const std::size_t last = std::min(c.findingOrder.size(), first + c.o.maxFindingRows);
    c.raw("<div class=\"card\"><h3>Further findings</h3><div class=\"scroll\"><table class=\"sortable\"><thead><tr>"
          "<th class=\"n\">#</th><th>Severity</th><th>Finding</th><th>Confidence</th><th class=\"n\">Count</th>"
          "<th>First (UTC)</th><th>Evidence</th></tr></thead><tbody>");
    for (std::size_t pos = first; pos < last; ++pos) {
        const Finding &f = c.a.findings[c.findingOrder[pos]];
        c.raw("<tr id=\"finding-" + std::to_string(pos + 1) + "\">");
        c.countCell(pos + 1);
        c.raw("<td data-v=\"" + std::to_string(static_cast<int>(f.severity)) + "\"><span class=\"badge ");
        c.raw(toString(f.severity));
        c.raw("\">");
        c.raw(toString(f.severity));
        c.raw("</span></td><td>");
        c.text(c.freeText(f.title.empty() ? f.id : f.title), 300);
        c.raw("</td><td data-v=\"" + std::to_string(static_cast<int>(f.confidence)) + "\">");
        c.raw(toString(f.confidence));
        c.raw("</td>");
        c.countCell(f.count);
        c.timeCell(f.first);
        c.raw("<td class=\"mono small\">");
        if (!f.evidence.empty()) {
            const Evidence &e = f.evidence.front();
            std::string where = c.sourcePath(e.source);
            if (e.line)
                where += ":" + std::to_string(e.line);
            if (e.frame)
                where += " #" + std::to_string(e.frame);
            c.logText(where);
        }
        c.raw("</td></tr>");
    }
    c.raw("</tbody></table></div>");
    if (c.findingOrder.size() > last) {
        c.raw("<p class=\"more\">");
        c.text(plural(c.findingOrder.size() - last, "more finding", "more findings"));
        c.raw(" not listed; the JSON output has all of them.</p>");
    }
    c.raw("</div>");
}

void timelineStrip(Context &c)
{
    const stats::TimeRange range = stats::analysedRange(c.a);
    c.raw("<div class=\"card\" id=\"timeline\"><h3>Timeline</h3>");
    if (range.empty()) {
        c.raw("<p class=\"muted\">No timed records: nothing to place on a timeline.</p></div>");
        return;
    }
    // Findings can lie outside the records' range (e.g. an HTTPERR line after the last request).
    TimeUs from = range.first, to = range.last;
    const auto marks = stats::findingMarks(c.a);
    for (const auto &m : marks) {
        from = std::min(from, m.first);
        to = std::max(to, m.last);
    }
    const stats::Activity &act = c.activity(from, to);
    std::vector<std::uint32_t> totals(act.buckets.count, 0);
    for (const auto &lane : act.lanes)
        for (std::size_t i = 0; i < totals.size() && i < lane.events.size(); ++i)
            totals[i] += lane.events[i];
    std::vector<svg::Mark> shown;
    std::vector<std::pair<std::size_t, const stats::FindingMark *>> byNumber;
    for (const auto &m : marks)
        byNumber.emplace_back(c.findingNumber[m.finding], &m);
    std::sort(byNumber.begin(), byNumber.end(), [](const auto &x, const auto &y) { return x.first < y.first; });
    for (const auto &[number, m] : byNumber) {
        if (shown.size() >= kMaxStripRows)
            break;
        const Finding &f = c.a.findings[m->finding];
        svg::Mark mk;
        mk.first = m->first;
        mk.last = m->last;
        mk.severity = m->severity;
        mk.label = "#" + std::to_string(number);
        mk.title = "#" + std::to_string(number) + " " + c.freeText(f.title.empty() ? f.id : f.title) + "\n" +
                   rangeText(m->first, m->last);
        mk.href = "#finding-" + std::to_string(number);
        shown.push_back(std::move(mk));
    }
    c.raw("<div class=\"chart\">");
    svg::findingStrip(c.out, act.buckets, totals, shown, "Timeline of all records with each finding marked");
    c.raw("</div><p class=\"small muted\">Top: all requests, HTTPERR lines and captured transactions per ");
    c.text(svg::formatWidth(act.buckets.width));
    c.raw(". Below: when each finding occurred (click to jump to it).");
    if (byNumber.size() > shown.size()) {
        c.raw(" ");
        c.text(plural(byNumber.size() - shown.size(), "further finding is", "further findings are"));
        c.raw(" not drawn.");
    }
    c.raw("</p></div>");
}

} // namespace

void writeFindings(Context &c)
{
    c.raw("<section id=\"findings\"><h2>Findings</h2>");
    if (c.a.findings.empty()) {
        c.raw("<div class=\"card empty\"><b>No known problem was diagnosed in this data.</b><br>The charts and "
              "tables below still show the traffic, errors and HTTPERR reasons that were read.</div>");
    }
    timelineStrip(c);
    const std::size_t cards = std::min(c.findingOrder.size(), c.o.maxFindingCards);
    for (std::size_t pos = 0; pos < cards; ++pos)
        card(c, c.findingOrder[pos]);
    overflowTable(c);
    c.raw("</section>\n");
}

} // namespace hs::html
