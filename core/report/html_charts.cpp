// SPDX-License-Identifier: MIT
// The charts section: requests and errors over time per source, HTTPERR reasons over time (stacked),
// status classes and time-taken percentiles. Every chart has its numbers in a table or tooltip too.
#include "formats/text_scan.h"
#include "report/html_context.h"
#include "report/svg_chart.h"
#include "stats/timeline.h"

#include <numeric>

namespace hs::html {
namespace {

// Charts in half-width cards: a narrower viewBox keeps their text at its natural size.
constexpr svg::RowLayout kHalfCard{560, 170};

std::string_view eventNoun(FormatId f) noexcept
{
    switch (sourceKind(f)) {
    case SourceKind::Log: return f == FormatId::HttpErr ? "HTTPERR lines" : "requests";
    case SourceKind::Capture:
    case SourceKind::Export: return "transactions";
    }
    return "events";
}

std::string perBucket(const stats::TimeBuckets &b)
{
    if (b.width == kUsPerMinute)
        return "per minute";
    if (b.width == kUsPerSecond)
        return "per second";
    if (b.width == 60 * kUsPerMinute)
        return "per hour";
    if (b.width == kUsPerDay)
        return "per day";
    return "per " + svg::formatWidth(b.width);
}

void activityCard(Context &c)
{
    const stats::TimeRange range = stats::analysedRange(c.a);
    const stats::Activity &act = c.activity(range.first, range.last);
    if (act.buckets.count == 0 || act.lanes.empty())
        return;
    // The busiest sources get their own lane; the rest are summed into one so a bundle of 300 small
    // files still gives a chart of a few lanes.
    std::vector<std::size_t> order(act.lanes.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::vector<std::uint64_t> totals(act.lanes.size());
    for (std::size_t i = 0; i < act.lanes.size(); ++i)
        totals[i] = stats::total(act.lanes[i].events);
    const std::size_t maxLanes = std::max<std::size_t>(c.o.maxChartLanes, 2);
    std::vector<std::size_t> own = order;
    std::vector<std::uint32_t> restEvents, restErrors;
    std::size_t restCount = 0;
    if (act.lanes.size() > maxLanes) {
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t x, std::size_t y) { return totals[x] > totals[y]; });
        own.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(maxLanes - 1));
        std::sort(own.begin(), own.end()); // keep source order among the lanes shown
        restEvents.assign(act.buckets.count, 0);
        restErrors.assign(act.buckets.count, 0);
        for (std::size_t k = maxLanes - 1; k < order.size(); ++k) {
            const auto &lane = act.lanes[order[k]];
            for (std::size_t i = 0; i < act.buckets.count; ++i) {
                restEvents[i] += lane.events[i];
                restErrors[i] += lane.errors[i];
            }
            ++restCount;
        }
    }
    std::vector<svg::LaneSeries> lanes;
    for (const std::size_t i : own) {
        const auto &lane = act.lanes[i];
        svg::LaneSeries s;
        s.label = c.path(lane.label);
        s.eventNoun = std::string(eventNoun(lane.format));
        s.caption = std::string(formatDisplayName(lane.format)) + " \xC2\xB7 " + text::groupThousands(totals[i]) + " " +
                    s.eventNoun + " \xC2\xB7 " + text::groupThousands(stats::total(lane.errors)) + " errors";
        s.events = &lane.events;
        s.errors = &lane.errors;
        lanes.push_back(std::move(s));
    }
    if (restCount) {
        svg::LaneSeries s;
        s.label = plural(restCount, "other source", "other sources");
        s.eventNoun = "events";
        s.caption = text::groupThousands(stats::total(restEvents)) + " events \xC2\xB7 " +
                    text::groupThousands(stats::total(restErrors)) + " errors";
        s.events = &restEvents;
        s.errors = &restErrors;
        lanes.push_back(std::move(s));
    }
    c.raw("<div class=\"card\"><h3>Requests and errors ");
    c.text(perBucket(act.buckets));
    c.raw(", by source</h3><div class=\"legend\"><span>");
    svg::swatch(c.out, "ev");
    c.raw("requests / lines / transactions</span><span>");
    svg::swatch(c.out, "er");
    c.raw("errors (status \xE2\x89\xA5 400, sc-win32-status \xE2\x89\xA0 0, every HTTPERR line, no response or "
          "reset)</span></div><div class=\"chart\">");
    svg::laneChart(c.out, act.buckets, lanes, "Requests and errors over time per source");
    c.raw("</div><p class=\"small muted\">Each lane has its own scale (the number at its top left). Hover a column "
          "for its counts.</p></div>");
}

void reasonsCard(Context &c)
{
    const stats::Stacked st = stats::httpErrReasonsOverTime(c.a, kNoTime, kNoTime, c.o.maxChartBuckets, 9);
    if (st.buckets.count == 0 || st.keys.empty())
        return;
    const bool lastIsOther = st.keys.back() == "other";
    c.raw("<div class=\"card\"><h3>HTTPERR reasons ");
    c.text(perBucket(st.buckets));
    c.raw("</h3><div class=\"legend\">");
    for (std::size_t k = 0; k < st.keys.size(); ++k) {
        c.raw("<span>");
        svg::swatch(c.out, svg::seriesClass(k, st.keys.size(), lastIsOther));
        c.logText(st.keys[k]);
        c.raw(" <span class=\"muted\">");
        c.count(stats::total(st.counts[k]));
        c.raw("</span></span>");
    }
    c.raw("</div><div class=\"chart\">");
    svg::stackedChart(c.out, st.buckets, st.keys, st.counts, "HTTPERR reasons over time, stacked");
    c.raw("</div></div>");
}

void statusCard(Context &c, const std::vector<stats::StatusClasses> &classes)
{
    static constexpr const char *kNames[6] = {"no status", "1xx", "2xx", "3xx", "4xx", "5xx"};
    static constexpr const char *kClasses[6] = {"c0", "c1", "c2", "c3", "c4", "c5"};
    c.raw("<div class=\"card\"><h3>Status classes</h3><div class=\"legend\">");
    for (int k = 1; k <= 5; ++k) {
        c.raw("<span>");
        svg::swatch(c.out, kClasses[k]);
        c.raw(kNames[k]);
        c.raw("</span>");
    }
    c.raw("<span>");
    svg::swatch(c.out, kClasses[0]);
    c.raw("no status</span></div>");
    const std::size_t shown = std::min<std::size_t>(classes.size(), 12);
    std::vector<svg::BarRow> rows;
    for (std::size_t r = 0; r < shown; ++r) {
        svg::BarRow row;
        row.label = c.path(classes[r].label);
        for (int k = 1; k <= 6; ++k) {
            const int cls = k % 6; // 1xx … 5xx, then "no status" last
            row.segments.push_back({kNames[cls], classes[r].counts[static_cast<std::size_t>(cls)], kClasses[cls]});
        }
        rows.push_back(std::move(row));
    }
    c.raw("<div class=\"chart\">");
    svg::proportionBars(c.out, rows, "Share of status classes per source", kHalfCard);
    c.raw("</div><div class=\"scroll\"><table class=\"sortable small\"><thead><tr><th>Source</th><th "
          "class=\"n\">1xx</th><th class=\"n\">2xx</th><th class=\"n\">3xx</th><th class=\"n\">4xx</th><th "
          "class=\"n\">5xx</th><th class=\"n\">none</th></tr></thead><tbody>");
    for (const auto &sc : classes) {
        c.raw("<tr><td class=\"mono path\">");
        c.logText(c.path(sc.label));
        c.raw("</td>");
        for (int k = 1; k <= 6; ++k)
            c.countCell(sc.counts[static_cast<std::size_t>(k % 6)]);
        c.raw("</tr>");
    }
    c.raw("</tbody></table></div>");
    if (classes.size() > shown) {
        c.raw("<p class=\"more\">The bars show the first ");
        c.count(shown);
        c.raw(" sources; the table lists all.</p>");
    }
    c.raw("</div>");
}

void percentileCard(Context &c, const std::vector<stats::Percentiles> &pct)
{
    c.raw("<div class=\"card\"><h3>Time taken</h3><div class=\"legend\"><span>");
    svg::swatch(c.out, "p50");
    c.raw("up to p50</span><span>");
    svg::swatch(c.out, "p90");
    c.raw("p50\xE2\x80\x93p90</span><span>");
    svg::swatch(c.out, "p99");
    c.raw("p90\xE2\x80\x93p99</span><span>");
    svg::swatch(c.out, "pmax");
    c.raw("max</span></div>");
    const std::size_t shown = std::min<std::size_t>(pct.size(), 12);
    std::vector<stats::Percentiles> rows(pct.begin(), pct.begin() + static_cast<std::ptrdiff_t>(shown));
    std::vector<std::string> labels;
    for (const auto &p : rows)
        labels.push_back(c.path(p.label));
    c.raw("<div class=\"chart\">");
    svg::percentileChart(c.out, rows, labels, "Time-taken percentiles per source, logarithmic axis", kHalfCard);
    c.raw("</div><div class=\"scroll\"><table class=\"sortable small\"><thead><tr><th>Source</th><th "
          "class=\"n\">Samples</th><th class=\"n\">p50</th><th class=\"n\">p90</th><th class=\"n\">p95</th><th "
          "class=\"n\">p99</th><th class=\"n\">max</th></tr></thead><tbody>");
    for (const auto &p : pct) {
        c.raw("<tr><td class=\"mono path\">");
        c.logText(c.path(p.label));
        c.raw("</td>");
        c.countCell(p.samples);
        for (const double v : {p.p50, p.p90, p.p95, p.p99, p.max}) {
            char buf[40];
            std::snprintf(buf, sizeof buf, "%.3f", v);
            c.raw("<td class=\"n\" data-v=\"");
            c.raw(buf);
            c.raw("\">");
            c.text(svg::formatMs(v));
            c.raw("</td>");
        }
        c.raw("</tr>");
    }
    c.raw("</tbody></table></div><p class=\"small muted\">W3C time-taken (ms), or request start to response end in "
          "captures and exports.</p></div>");
}

} // namespace

void writeCharts(Context &c)
{
    c.raw("<section id=\"charts\"><h2>Traffic and errors</h2>");
    const std::size_t before = c.out.size();
    activityCard(c);
    reasonsCard(c);
    const auto classes = stats::statusClasses(c.a);
    const auto pct = stats::durationPercentiles(c.a);
    if (!classes.empty() || !pct.empty()) {
        c.raw("<div class=\"grid2\">");
        if (!classes.empty())
            statusCard(c, classes);
        if (!pct.empty())
            percentileCard(c, pct);
        c.raw("</div>");
    }
    if (c.out.size() == before)
        c.raw("<div class=\"card empty\">No timed records to chart.</div>");
    c.raw("</section>\n");
}

} // namespace hs::html
