// SPDX-License-Identifier: MIT
// Every source in full: format, size, records, rejected lines, time range and basis, clock offset, and
// its located parse problems (capped, with per-category totals); then the clock offsets and the files
// that were not recognised.
#include "formats/text_scan.h"
#include "report/html_context.h"

#include <iterator>

namespace hs::html {
namespace {

std::string_view levelText(ProblemLevel l) noexcept
{
    switch (l) {
    case ProblemLevel::Note: return "note";
    case ProblemLevel::Warning: return "warning";
    case ProblemLevel::Error: return "error";
    }
    return "warning";
}

std::string signedDuration(TimeUs d)
{
    return (d >= 0 ? "+" : "\xE2\x88\x92") + formatDuration(d >= 0 ? d : -d);
}

std::string sizeText(std::uint64_t bytes)
{
    static constexpr const char *kUnits[] = {"bytes", "KB", "MB", "GB", "TB"};
    double v = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (v >= 1024 && unit + 1 < std::size(kUnits)) {
        v /= 1024;
        ++unit;
    }
    if (unit == 0)
        return text::groupThousands(bytes) + " bytes";
    char buf[32];
    std::snprintf(buf, sizeof buf, v < 10 ? "%.1f %s" : "%.0f %s", v, kUnits[unit]);
    return buf;
}

void sourcesTable(Context &c)
{
    const Analysis &a = c.a;
    c.raw("<div class=\"card\"><div class=\"scroll\"><table class=\"sortable\"><thead><tr><th class=\"n\">#</th>"
          "<th>Source</th><th>Format</th><th class=\"n\">Size</th><th class=\"n\">Records</th><th "
          "class=\"n\">Rejected</th><th>Time range (UTC)</th><th class=\"n\">Problems</th></tr></thead><tbody>");
    const std::size_t shown = std::min(a.sources.size(), c.o.maxSourcesShown);
    for (std::size_t i = 0; i < shown; ++i) {
        const Source &s = *a.sources[i];
        c.raw("<tr>");
        c.countCell(i + 1);
        c.raw("<td class=\"mono path\">");
        c.logText(c.path(s.path));
        if (!s.compression.empty()) {
            c.raw(" <span class=\"muted\">(");
            c.text(s.compression, 20);
            c.raw(")</span>");
        }
        c.raw("</td><td>");
        c.text(formatDisplayName(s.format));
        std::string detail = s.formatVariant;
        if (detail.empty() && s.log)
            detail = s.log->software;
        if (detail.empty() && s.capture)
            detail = s.capture->application;
        if (!detail.empty()) {
            c.raw("<div class=\"muted small\">");
            c.text(detail, 120);
            c.raw("</div>");
        }
        c.raw("</td>");
        const std::uint64_t size = std::max<std::uint64_t>(s.fileSize, s.bytes.size());
        c.raw("<td class=\"n\" data-v=\"" + std::to_string(size) + "\">");
        c.text(sizeText(size));
        c.raw("</td>");
        c.countCell(s.records);
        c.countCell(s.rejected);
        const TimeUs first = s.first == kNoTime ? kNoTime : s.first + s.clockOffset;
        c.raw("<td class=\"small\" data-v=\"" + (first == kNoTime ? std::string("-1e300") : std::to_string(first)) +
              "\"><span class=\"mono\">");
        c.text(rangeText(first, s.last == kNoTime ? kNoTime : s.last + s.clockOffset));
        c.raw("</span>");
        if (s.log && s.log->timeBasis != TimeBasis::Utc) {
            c.raw("<div class=\"muted\">");
            c.text(timeBasisText(s.log->timeBasis));
            c.raw("</div>");
        }
        if (s.clockOffset != 0) {
            c.raw("<div class=\"muted\">clock shifted ");
            c.text(signedDuration(s.clockOffset));
            c.raw("</div>");
        }
        c.raw("</td>");
        c.countCell(s.problems.total());
        c.raw("</tr>");
    }
    c.raw("</tbody></table></div>");
    if (a.sources.size() > shown) {
        c.raw("<p class=\"more\">");
        c.text(plural(a.sources.size() - shown, "more source", "more sources"));
        c.raw(" not listed; the JSON output has all of them.</p>");
    }
    c.raw("</div>");
}

void problems(Context &c)
{
    const Analysis &a = c.a;
    std::size_t budget = c.o.maxProblemsTotal;
    bool any = false;
    for (const auto &sp : a.sources) {
        const Source &s = *sp;
        if (s.problems.total() == 0)
            continue;
        if (!any) {
            c.raw("<h3>Parse problems</h3>");
            any = true;
        }
        c.raw("<details class=\"card block\"");
        if (s.problems.hasErrors())
            c.raw(" open");
        c.raw("><summary><span class=\"mono\">");
        c.logText(c.path(s.path));
        c.raw("</span> \xE2\x80\x94 ");
        c.text(plural(s.problems.total(), "problem", "problems"));
        if (s.rejected) {
            c.raw(", ");
            c.text(plural(s.rejected, "rejected line", "rejected lines"));
        }
        c.raw("</summary>");
        if (!s.problems.countsByCategory().empty()) {
            c.raw("<p class=\"small\">");
            for (const auto &[category, count] : s.problems.countsByCategory()) {
                c.raw("<span class=\"chip\">");
                c.text(category, 60);
                c.raw(" <b>");
                c.count(count);
                c.raw("</b></span>");
            }
            c.raw("</p>");
        }
        const std::size_t shown = std::min({s.problems.stored().size(), c.o.maxProblemsPerSource, budget});
        budget -= shown;
        if (shown) {
            c.raw("<div class=\"scroll\"><table class=\"small\"><thead><tr><th>Where</th><th>Level</th><th>"
                  "Category</th><th>Problem</th></tr></thead><tbody>");
            for (std::size_t i = 0; i < shown; ++i) {
                const Problem &p = s.problems.stored()[i];
                c.raw("<tr><td class=\"mono\">");
                std::string where;
                if (p.line)
                    where = "line " + text::groupThousands(p.line);
                else if (p.frame)
                    where = "frame " + text::groupThousands(p.frame);
                else if (p.offset != Problem::kNoOffset)
                    where = "byte " + text::groupThousands(p.offset);
                c.text(where);
                c.raw("</td><td>");
                c.raw(levelText(p.level));
                c.raw("</td><td>");
                c.text(p.category, 60);
                c.raw("</td><td>");
                c.logText(c.freeText(p.message));
                c.raw("</td></tr>");
            }
            c.raw("</tbody></table></div>");
        }
        if (s.problems.total() > shown) {
            c.raw("<p class=\"more\">");
            c.text(plural(s.problems.total() - shown, "more problem", "more problems"));
            c.raw(" not listed (the JSON output lists up to its own cap; the categories above count all).</p>");
        }
        c.raw("</details>");
    }
}

void clockOffsets(Context &c)
{
    if (c.a.clockOffsets.empty())
        return;
    c.raw("<h3>Clock offsets</h3><div class=\"card\"><div class=\"scroll\"><table><thead><tr><th>Capture or "
          "export</th><th>Aligned to</th><th class=\"n\">Offset</th><th class=\"n\">Matches</th><th "
          "class=\"n\">Spread</th><th>Applied</th><th>Note</th></tr></thead><tbody>");
    for (const auto &off : c.a.clockOffsets) {
        c.raw("<tr><td class=\"mono\">");
        c.logText(c.sourcePath(off.source));
        c.raw("</td><td class=\"mono\">");
        if (off.manual)
            c.raw("given by the user");
        else if (c.source(off.reference))
            c.logText(c.sourcePath(off.reference));
        c.raw("</td><td class=\"n\" data-v=\"" + std::to_string(off.offset) + "\">");
        c.text(signedDuration(off.offset));
        c.raw("</td>");
        c.countCell(off.matches);
        c.raw("<td class=\"n\">");
        c.text(formatDuration(off.spread));
        c.raw("</td><td>");
        c.raw(off.applied ? "yes" : "no");
        c.raw("</td><td>");
        c.text(off.note, 300);
        c.raw("</td></tr>");
    }
    c.raw("</tbody></table></div></div>");
}

void skipped(Context &c)
{
    if (c.a.skipped.empty())
        return;
    c.raw("<h3 id=\"skipped\">Not recognised or not readable</h3><div class=\"card\"><div class=\"scroll\"><table>"
          "<thead><tr><th>File</th><th>Why</th></tr></thead><tbody>");
    const std::size_t shown = std::min(c.a.skipped.size(), c.o.maxSourcesShown);
    for (std::size_t i = 0; i < shown; ++i) {
        const SkippedFile &sk = c.a.skipped[i];
        c.raw("<tr><td class=\"mono\">");
        c.logText(c.path(sk.path));
        c.raw("</td><td>");
        c.logText(c.freeText(sk.reason));
        if (!sk.candidates.empty()) {
            c.raw("<details><summary>formats tried</summary><ul class=\"small\">");
            for (const auto &cand : sk.candidates) {
                c.raw("<li>");
                c.text(c.freeText(cand), 300);
                c.raw("</li>");
            }
            c.raw("</ul></details>");
        }
        c.raw("</td></tr>");
    }
    c.raw("</tbody></table></div>");
    if (c.a.skipped.size() > shown) {
        c.raw("<p class=\"more\">");
        c.text(plural(c.a.skipped.size() - shown, "more file", "more files"));
        c.raw(" not listed.</p>");
    }
    c.raw("</div>");
}

} // namespace

void writeSources(Context &c)
{
    c.raw("<section id=\"sources\"><h2>Sources</h2>");
    if (c.a.sources.empty())
        c.raw("<div class=\"card empty\">No file could be read.</div>");
    else
        sourcesTable(c);
    problems(c);
    clockOffsets(c);
    skipped(c);
    c.raw("</section>\n");
}

} // namespace hs::html
