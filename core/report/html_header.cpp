// SPDX-License-Identifier: MIT
// The report's top: what was analysed (time range, sources with format, records, rejected lines), the
// time-zone assumptions and clock offsets behind every time shown, and the headline numbers.
#include "formats/text_scan.h"
#include "httpsleuth/version.h"
#include "report/html_context.h"
#include "stats/timeline.h"

#include <chrono>

namespace hs::html {
namespace {

constexpr std::size_t kHeaderSources = 8;

void tile(Context &c, std::string_view value, std::string_view label, std::string_view cls = {})
{
    c.raw("<div class=\"tile");
    if (!cls.empty()) {
        c.raw(" ");
        c.raw(cls);
    }
    c.raw("\"><div class=\"v\">");
    c.text(value);
    c.raw("</div><div class=\"k\">");
    c.text(label);
    c.raw("</div></div>");
}

void sourceLabel(Context &c, const Source &s)
{
    c.raw("<span class=\"mono\">");
    c.logText(c.path(s.path));
    c.raw("</span>");
}

void formatCell(Context &c, const Source &s)
{
    c.raw("<td>");
    c.text(formatDisplayName(s.format));
    if (!s.formatVariant.empty()) {
        c.raw("<div class=\"muted small\">");
        c.text(s.formatVariant, 120);
        c.raw("</div>");
    }
    c.raw("</td>");
}

void assumptions(Context &c)
{
    const Analysis &a = c.a;
    c.raw("<ul class=\"notes\">");
    c.raw("<li>All times in this report are UTC. W3C and HTTPERR logs are written in UTC; capture timestamps "
          "are UTC.</li>");
    for (const auto &s : a.sources) {
        if (!s->log)
            continue;
        switch (s->log->timeBasis) {
        case TimeBasis::Utc: break;
        case TimeBasis::LocalUnknown:
            c.raw("<li class=\"warn\"><b>");
            c.logText(c.path(s->path));
            c.raw("</b> is in server-local time with no known offset; its times were read as UTC and may be "
                  "shifted against the other sources.</li>");
            break;
        case TimeBasis::LocalGiven: {
            const int m = s->log->localOffsetMinutes;
            char buf[16];
            std::snprintf(buf, sizeof buf, "UTC%c%02d:%02d", m < 0 ? '-' : '+', std::abs(m) / 60, std::abs(m) % 60);
            c.raw("<li><b>");
            c.logText(c.path(s->path));
            c.raw("</b> is in server-local time, converted to UTC with the given offset ");
            c.text(buf);
            c.raw(".</li>");
            break;
        }
        case TimeBasis::InLine:
            c.raw("<li><b>");
            c.logText(c.path(s->path));
            c.raw("</b> carries a UTC offset in each line; times were converted with it.</li>");
            break;
        }
    }
    for (const auto &off : a.clockOffsets) {
        const Source *src = c.source(off.source);
        if (!src)
            continue;
        c.raw(off.applied ? "<li>" : "<li class=\"warn\">");
        c.raw("Clock of <b>");
        c.logText(c.path(src->path));
        c.raw("</b>");
        if (off.applied) {
            c.raw(" shifted by ");
            c.text((off.offset >= 0 ? "+" : "\xE2\x88\x92") +
                   formatDuration(off.offset >= 0 ? off.offset : -off.offset));
        } else {
            c.raw(" not shifted (estimated offset ");
            c.text((off.offset >= 0 ? "+" : "\xE2\x88\x92") +
                   formatDuration(off.offset >= 0 ? off.offset : -off.offset));
            c.raw(")");
        }
        if (off.manual) {
            c.raw(", as given by the user");
        } else if (const Source *ref = c.source(off.reference)) {
            c.raw(" to match <b>");
            c.logText(c.path(ref->path));
            c.raw("</b>");
            // The correlator's note says how it was estimated; without one, say it here.
            if (off.note.empty()) {
                c.raw(", estimated from ");
                c.text(plural(off.matches, "matched request", "matched requests"));
                if (off.spread)
                    c.text(" (spread " + formatDuration(off.spread) + ")");
            }
        }
        if (!off.note.empty()) {
            c.raw(" \xE2\x80\x94 ");
            c.text(c.freeText(off.note), 300);
        }
        c.raw(".</li>");
    }
    if (a.stopped)
        c.raw("<li class=\"warn\">The analysis was stopped before every file was read: results are partial.</li>");
    for (const auto &s : a.sources) {
        if (!s->readCompleted && !a.stopped) {
            c.raw("<li class=\"warn\"><b>");
            c.logText(c.path(s->path));
            c.raw("</b> could not be read to its end; see its problems under Sources.</li>");
        }
    }
    if (!a.skipped.empty()) {
        c.raw("<li>");
        c.text(plural(a.skipped.size(), "file was", "files were"));
        c.raw(" not recognised or not readable and were left out (<a href=\"#skipped\">list</a>).</li>");
    }
    c.raw("</ul>");
}

void compactSources(Context &c)
{
    const Analysis &a = c.a;
    if (a.sources.empty())
        return;
    c.raw("<div class=\"card\"><h3>What was analysed</h3><div class=\"scroll\"><table>"
          "<thead><tr><th>Source</th><th>Format</th><th class=\"n\">Records</th><th class=\"n\">Rejected</th>"
          "<th>Time range (UTC)</th><th>Times</th></tr></thead><tbody>");
    const std::size_t shown = std::min(a.sources.size(), kHeaderSources);
    for (std::size_t i = 0; i < shown; ++i) {
        const Source &s = *a.sources[i];
        c.raw("<tr><td>");
        sourceLabel(c, s);
        c.raw("</td>");
        formatCell(c, s);
        c.countCell(s.records).countCell(s.rejected);
        c.raw("<td class=\"mono small\">");
        c.text(rangeText(s.first == kNoTime ? kNoTime : s.first + s.clockOffset,
                         s.last == kNoTime ? kNoTime : s.last + s.clockOffset));
        c.raw("</td><td class=\"small\">");
        if (s.log)
            c.text(timeBasisText(s.log->timeBasis));
        else if (s.clockOffset != 0)
            c.text("UTC, shifted " + std::string(s.clockOffset >= 0 ? "+" : "\xE2\x88\x92") +
                   formatDuration(s.clockOffset >= 0 ? s.clockOffset : -s.clockOffset));
        else
            c.text("UTC");
        c.raw("</td></tr>");
    }
    c.raw("</tbody></table></div>");
    if (a.sources.size() > shown) {
        c.raw("<p class=\"more\">");
        c.text(plural(a.sources.size() - shown, "more source", "more sources"));
        c.raw(" \xE2\x80\x94 <a href=\"#sources\">all sources and their problems</a></p>");
    } else {
        c.raw("<p class=\"small muted\"><a href=\"#sources\">Details and parse problems</a></p>");
    }
    c.raw("</div>");
}

} // namespace

void writeHeader(Context &c)
{
    const Analysis &a = c.a;
    std::string title = c.o.title;
    if (title.empty())
        title = a.rootLabel.empty() ? std::string("Analysis") : a.rootLabel;
    const TimeUs now =
        c.o.generatedAt != kNoTime
            ? c.o.generatedAt
            : std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
                  .count();
    const stats::TimeRange range = stats::analysedRange(a);

    c.raw("<header class=\"top\"><div class=\"wrap\"><div><div class=\"brand\">HttpSleuth incident report</div><h1>");
    c.text(c.path(title), 200);
    c.raw("</h1><div class=\"sub\">");
    c.text(range.empty() ? std::string("no timed records") : rangeText(range.first, range.last) + " UTC");
    c.raw("</div></div><div class=\"sub small\">Generated ");
    c.text(formatHuman(now / kUsPerSecond * kUsPerSecond));
    c.raw(" UTC \xC2\xB7 ");
    c.text(std::string(kToolName) + " " + kVersion);
    if (c.redactor)
        c.raw(" \xC2\xB7 <b>redacted</b>");
    c.raw("</div></div></header>\n");

    std::uint64_t sevCount[3] = {0, 0, 0};
    for (const auto &f : a.findings)
        ++sevCount[static_cast<int>(f.severity) % 3];
    c.raw("<nav class=\"toc\" aria-label=\"Sections\"><div class=\"wrap\"><a href=\"#findings\">Findings (");
    c.count(a.findings.size());
    c.raw(")</a><a href=\"#timeline\">Timeline</a><a href=\"#charts\">Charts</a><a href=\"#reasons\">HTTPERR "
          "reasons</a><a href=\"#sources\">Sources</a><button id=\"toggle-all\" type=\"button\" hidden>Expand "
          "all</button></div></nav>\n");

    std::uint64_t records = 0, rejected = 0, logs = 0, captures = 0, httpErr = 0, problems = 0;
    for (const auto &s : a.sources) {
        records += s->records;
        rejected += s->rejected;
        problems += s->problems.total();
        (s->kind() == SourceKind::Log ? logs : captures) += 1;
        if (s->log)
            httpErr += s->log->httpErr.size();
    }
    c.raw("<div class=\"wrap\"><section id=\"overview\"><div class=\"tiles\">");
    tile(c, text::groupThousands(sevCount[2]), "critical findings", sevCount[2] ? "critical" : "");
    tile(c, text::groupThousands(sevCount[1]), "warnings", sevCount[1] ? "warning" : "");
    tile(c, text::groupThousands(sevCount[0]), "informational", sevCount[0] ? "info" : "");
    std::string srcLabel = plural(logs, "log", "logs");
    if (captures)
        srcLabel += ", " + plural(captures, "capture/export", "captures/exports");
    tile(c, text::groupThousands(a.sources.size()), "sources (" + srcLabel + ")");
    tile(c, text::groupThousands(records), "records and transactions");
    if (httpErr)
        tile(c, text::groupThousands(httpErr), "HTTPERR lines");
    if (!a.connections.empty())
        tile(c, text::groupThousands(a.connections.size()), "TCP connections");
    tile(c, text::groupThousands(rejected), "rejected lines", rejected ? "warning" : "");
    if (problems > rejected)
        tile(c, text::groupThousands(problems), "parse notes and problems");
    c.raw("</div>");
    assumptions(c);
    c.raw("</section>\n");
    c.raw("<section id=\"analysed\">");
    compactSources(c);
    c.raw("</section></div>\n");
}

} // namespace hs::html
