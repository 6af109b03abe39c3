// SPDX-License-Identifier: MIT
// The HTTPERR reason table: every s-reason with its count, statuses, time range, top clients and URIs,
// and — when the knowledge base's reason catalogue is supplied — what it means and what to do.
#include "formats/text_scan.h"
#include "report/html_context.h"

namespace hs::html {
namespace {

constexpr std::size_t kInlineTop = 3; // entries shown before "more"

void topList(Context &c, const std::vector<CountedValue> &values, bool isClient)
{
    if (values.empty()) {
        c.raw("<span class=\"muted\">\xE2\x80\x94</span>");
        return;
    }
    auto entry = [&](const CountedValue &v) {
        c.raw("<div><span class=\"mono\">");
        c.logText(isClient ? c.client(v.value) : c.uri(v.value));
        c.raw("</span> <span class=\"muted\">");
        c.count(v.count);
        c.raw("</span></div>");
    };
    const std::size_t inlineCount = std::min(values.size(), kInlineTop);
    for (std::size_t i = 0; i < inlineCount; ++i)
        entry(values[i]);
    if (values.size() > inlineCount) {
        c.raw("<details><summary>");
        c.text(std::to_string(values.size() - inlineCount) + " more");
        c.raw("</summary>");
        for (std::size_t i = inlineCount; i < values.size(); ++i)
            entry(values[i]);
        c.raw("</details>");
    }
}

void statuses(Context &c, const ReasonSummary &r)
{
    bool first = true;
    for (const auto &[status, count] : r.statuses) {
        if (!first)
            c.raw("<br>");
        first = false;
        c.raw("<span class=\"mono\">");
        c.text(status ? std::to_string(status) : std::string("-"));
        c.raw("</span> <span class=\"muted\">");
        c.count(count);
        c.raw("</span>");
    }
}

void meaning(Context &c, const std::optional<ReasonInfo> &info)
{
    if (!info) {
        c.raw("<span class=\"muted\">not in the catalogue</span>");
        return;
    }
    if (info->benign)
        c.raw("<span class=\"chip\">usually benign</span> ");
    if (!info->meaning.empty())
        c.text(info->meaning);
    // "503" reads well as "usually 503"; connection-level reasons ("-") have no status to mention.
    if (!info->usualStatus.empty() && info->usualStatus[0] >= '0' && info->usualStatus[0] <= '9') {
        c.raw(" <span class=\"muted\">(usually ");
        c.text(info->usualStatus, 40);
        c.raw(")</span>");
    }
    if (!info->causes.empty()) {
        c.raw("<div class=\"small\"><b>Typical causes:</b> ");
        c.text(info->causes);
        c.raw("</div>");
    }
    if (!info->advice.empty()) {
        c.raw("<div class=\"small\"><b>What to do:</b> ");
        c.text(info->advice);
        c.raw("</div>");
    }
    if (!info->since.empty()) {
        c.raw("<div class=\"small muted\">Logged by ");
        c.text(info->since, 200);
        c.raw("</div>");
    }
    if (!info->symptoms.empty()) {
        c.raw("<div class=\"small\">");
        for (const auto &s : info->symptoms) {
            // Link to the finding of that symptom when the report has one.
            std::size_t number = 0;
            for (std::size_t i = 0; i < c.a.findings.size() && !number; ++i)
                if (c.a.findings[i].id == s)
                    number = c.findingNumber[i];
            if (number) {
                c.raw("<a class=\"chip\" href=\"#finding-" + std::to_string(number) + "\">");
                c.text(s, 80);
                c.raw("</a>");
            } else {
                c.raw("<span class=\"chip\">");
                c.text(s, 80);
                c.raw("</span>");
            }
        }
        c.raw("</div>");
    }
}

} // namespace

void writeReasons(Context &c)
{
    const auto &reasons = c.a.httpErrReasons;
    c.raw("<section id=\"reasons\"><h2>HTTPERR reasons</h2>");
    if (reasons.empty()) {
        bool anyHttpErr = false;
        for (const auto &s : c.a.sources)
            anyHttpErr |= s->format == FormatId::HttpErr;
        c.raw("<div class=\"card empty\">");
        c.raw(anyHttpErr ? "The HTTPERR logs hold no error lines." : "No HTTPERR log was analysed.");
        c.raw("</div></section>\n");
        return;
    }
    const bool catalogue = static_cast<bool>(c.o.reasonInfo);
    std::uint64_t total = 0;
    for (const auto &r : reasons)
        total += r.count;
    c.raw("<div class=\"card\"><div class=\"scroll\"><table class=\"sortable reasons\"><thead><tr><th>Reason</th><th "
          "class=\"n\">Lines</th><th>Status</th><th>First / last (UTC)</th>");
    if (catalogue)
        c.raw("<th class=\"meaning\">Meaning and advice</th>");
    c.raw("<th>Top clients</th><th>Top URIs</th></tr></thead><tbody>");
    const std::size_t shown = std::min(reasons.size(), c.o.maxReasons);
    for (std::size_t i = 0; i < shown; ++i) {
        const ReasonSummary &r = reasons[i];
        c.raw("<tr><td class=\"mono\"><b>");
        c.text(r.reason, 120);
        c.raw("</b></td>");
        char share[32];
        const double pct = total ? 100.0 * static_cast<double>(r.count) / static_cast<double>(total) : 0;
        std::snprintf(share, sizeof share, "%.1f %%", pct);
        c.raw("<td class=\"n\" data-v=\"" + std::to_string(r.count) + "\">");
        c.count(r.count);
        c.raw("<div class=\"muted small\">");
        c.text(share);
        c.raw("</div></td><td>");
        statuses(c, r);
        c.raw("</td><td class=\"mono small\" data-v=\"" + std::to_string(r.first == kNoTime ? 0 : r.first) + "\">");
        c.text(timeText(r.first));
        c.raw("<br>");
        c.text(timeText(r.last));
        c.raw("</td>");
        if (catalogue) {
            c.raw("<td class=\"meaning\">");
            std::optional<ReasonInfo> info;
            if (r.reason != "(none)")
                info = c.o.reasonInfo(r.reason);
            meaning(c, info);
            c.raw("</td>");
        }
        c.raw("<td class=\"small top\">");
        topList(c, r.topClients, true);
        c.raw("</td><td class=\"small top\">");
        topList(c, r.topUris, false);
        c.raw("</td></tr>");
    }
    c.raw("</tbody></table></div>");
    if (reasons.size() > shown) {
        std::uint64_t rest = 0;
        for (std::size_t i = shown; i < reasons.size(); ++i)
            rest += reasons[i].count;
        c.raw("<p class=\"more\">");
        c.text(plural(reasons.size() - shown, "rarer reason", "rarer reasons"));
        c.raw(" with ");
        c.text(plural(rest, "line", "lines"));
        c.raw(" not listed.</p>");
    }
    if (!catalogue)
        c.raw("<p class=\"small muted\">The report writer was given no reason catalogue, so the meaning of each "
              "reason and the advice for it are not shown here.</p>");
    c.raw("</div></section>\n");
}

} // namespace hs::html
