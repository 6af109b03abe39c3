// SPDX-License-Identifier: MIT
#include "report/svg_chart.h"

#include "formats/text_scan.h"
#include "report/html_escape.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hs::svg {
namespace {

constexpr double kLeft = 64;  // room for y-axis labels
constexpr double kRight = 14; //
constexpr double kPlotX1 = kWidth - kRight;
constexpr double kAxisH = 22; // time axis labels below the plot

// Numbers in the SVG: one decimal at most, no trailing ".0" (keeps the file small).
std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s(buf);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
        s.resize(s.size() - 2);
    if (s == "-0")
        s = "0";
    return s;
}

void esc(std::string &out, std::string_view s)
{
    html::appendEscaped(out, s, 300);
}

void open(std::string &out, double height, std::string_view aria, double width = kWidth)
{
    out += "<svg class=\"c\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ";
    out += num(width);
    out += ' ';
    out += num(height);
    out += "\" role=\"img\" aria-label=\"";
    esc(out, aria);
    out += "\">";
}

void rect(std::string &out, double x, double y, double w, double h, std::string_view cls)
{
    out += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(std::max(w, 0.5)) + "\" height=\"" +
           num(std::max(h, 0.0)) + "\" class=\"";
    out += cls;
    out += "\"/>";
}

void line(std::string &out, double x1, double y1, double x2, double y2, std::string_view cls)
{
    out += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) + "\" class=\"";
    out += cls;
    out += "\"/>";
}

void text(std::string &out, double x, double y, std::string_view content, std::string_view anchor = "start",
          std::string_view cls = {})
{
    out += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\"";
    if (anchor != "start") {
        out += " text-anchor=\"";
        out += anchor;
        out += '"';
    }
    if (!cls.empty()) {
        out += " class=\"";
        out += cls;
        out += '"';
    }
    out += '>';
    esc(out, content);
    out += "</text>";
}

void title(std::string &out, std::string_view content)
{
    out += "<title>";
    esc(out, content);
    out += "</title>";
}

std::string two(unsigned v)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u", v);
    return buf;
}

std::string clock(TimeUs t, bool seconds)
{
    const CivilTime c = toCivil(t);
    return two(c.hour) + ":" + two(c.minute) + (seconds ? ":" + two(c.second) : std::string());
}

std::string dayLabel(TimeUs t)
{
    const CivilTime c = toCivil(t);
    return two(c.month) + "-" + two(c.day);
}

std::string bucketLabel(const stats::TimeBuckets &b, std::size_t i)
{
    const TimeUs t = b.start + static_cast<TimeUs>(i) * b.width;
    const CivilTime c = toCivil(t);
    std::string s = std::to_string(c.year) + "-" + two(c.month) + "-" + two(c.day);
    if (b.width < kUsPerDay)
        s += " " + clock(t, b.width < kUsPerMinute);
    return s + " (" + formatWidth(b.width) + ")";
}

void timeAxis(std::string &out, const stats::TimeBuckets &b, double y)
{
    const TimeUs end = b.start + b.width * static_cast<TimeUs>(b.count);
    line(out, kLeft, y, kPlotX1, y, "ax");
    for (const Tick &t : timeTicks(b.start, end, kLeft, kPlotX1, 9)) {
        line(out, t.x, y, t.x, y + 4, "ax");
        text(out, t.x, y + 16, t.label, "middle");
    }
}

double floorLog10(double v)
{
    return std::floor(std::log10(v));
}

} // namespace

std::uint64_t niceCeil(std::uint64_t v) noexcept
{
    if (v == 0)
        return 0;
    std::uint64_t p = 1;
    while (true) {
        for (const std::uint64_t m : {1u, 2u, 5u}) {
            if (m * p >= v)
                return m * p;
        }
        if (p > ~std::uint64_t{0} / 100)
            return v;
        p *= 10;
    }
}

std::string formatWidth(TimeUs w)
{
    if (w % kUsPerDay == 0)
        return w == kUsPerDay ? std::string("1 day") : std::to_string(w / kUsPerDay) + " days";
    if (w % (60 * kUsPerMinute) == 0)
        return std::to_string(w / (60 * kUsPerMinute)) + " h";
    if (w % kUsPerMinute == 0)
        return std::to_string(w / kUsPerMinute) + " min";
    if (w % kUsPerSecond == 0)
        return std::to_string(w / kUsPerSecond) + " s";
    return formatDuration(w);
}

std::string formatMs(double ms)
{
    char buf[32];
    if (ms < 1)
        std::snprintf(buf, sizeof buf, "%.2f ms", ms);
    else if (ms < 1000)
        std::snprintf(buf, sizeof buf, "%.0f ms", ms);
    else if (ms < 60'000)
        std::snprintf(buf, sizeof buf, "%.3g s", ms / 1000);
    else if (ms < 3'600'000)
        std::snprintf(buf, sizeof buf, "%.3g min", ms / 60'000);
    else
        std::snprintf(buf, sizeof buf, "%.3g h", ms / 3'600'000);
    return buf;
}

std::vector<Tick> timeTicks(TimeUs start, TimeUs end, double x0, double x1, std::size_t maxTicks)
{
    std::vector<Tick> ticks;
    if (end <= start || maxTicks == 0)
        return ticks;
    static constexpr TimeUs kSteps[] = {
        kUsPerSecond,           5 * kUsPerSecond,  10 * kUsPerSecond,     15 * kUsPerSecond,     30 * kUsPerSecond,
        kUsPerMinute,           2 * kUsPerMinute,  5 * kUsPerMinute,      10 * kUsPerMinute,     15 * kUsPerMinute,
        30 * kUsPerMinute,      60 * kUsPerMinute, 2 * 60 * kUsPerMinute, 3 * 60 * kUsPerMinute, 6 * 60 * kUsPerMinute,
        12 * 60 * kUsPerMinute, kUsPerDay,         2 * kUsPerDay,         7 * kUsPerDay,         14 * kUsPerDay,
        30 * kUsPerDay,         91 * kUsPerDay,    365 * kUsPerDay,
    };
    const auto span = static_cast<std::uint64_t>(end) - static_cast<std::uint64_t>(start);
    TimeUs step = 0;
    for (const TimeUs s : kSteps) {
        if (span / static_cast<std::uint64_t>(s) + 1 <= maxTicks) {
            step = s;
            break;
        }
    }
    if (step == 0) {
        const std::uint64_t days = span / (static_cast<std::uint64_t>(kUsPerDay) * maxTicks) + 1;
        step = static_cast<TimeUs>(std::min<std::uint64_t>(days, 1'000'000'000)) * kUsPerDay;
    }
    const bool multiDay = span > static_cast<std::uint64_t>(kUsPerDay) || toCivil(start).day != toCivil(end - 1).day;
    TimeUs t = start / step * step;
    if (t < start)
        t += step;
    const double scale = (x1 - x0) / static_cast<double>(span);
    for (; t < end && ticks.size() < maxTicks + 1; t += step) {
        Tick tick;
        tick.x = x0 + static_cast<double>(t - start) * scale;
        if (step >= kUsPerDay)
            tick.label = dayLabel(t);
        else if (multiDay && (toCivil(t).hour == 0 && toCivil(t).minute == 0 && toCivil(t).second == 0))
            tick.label = dayLabel(t);
        else
            tick.label = clock(t, step < kUsPerMinute);
        ticks.push_back(std::move(tick));
        if (t > std::numeric_limits<TimeUs>::max() - step)
            break;
    }
    return ticks;
}

std::string seriesClass(std::size_t key, std::size_t keyCount, bool lastIsOther)
{
    if (lastIsOther && key + 1 == keyCount)
        return "s9";
    return "s" + std::to_string(key % 9);
}

void swatch(std::string &out, std::string_view cssClass)
{
    out += "<svg viewBox=\"0 0 10 10\" aria-hidden=\"true\"><rect width=\"10\" height=\"10\" rx=\"2\" class=\"";
    out += cssClass;
    out += "\"/></svg>";
}

void laneChart(std::string &out, const stats::TimeBuckets &b, const std::vector<LaneSeries> &lanes,
               std::string_view ariaLabel)
{
    constexpr double kLabelH = 20, kPlotH = 54, kGap = 12;
    const double laneH = kLabelH + kPlotH + kGap;
    const double height = static_cast<double>(lanes.size()) * laneH + kAxisH + 4;
    open(out, height, ariaLabel);
    const double bw = b.count ? (kPlotX1 - kLeft) / static_cast<double>(b.count) : 0;
    const double barW = std::max(bw - (bw > 3 ? 1 : 0), 0.5);
    for (std::size_t li = 0; li < lanes.size(); ++li) {
        const LaneSeries &lane = lanes[li];
        const double top = static_cast<double>(li) * laneH;
        const double base = top + kLabelH + kPlotH;
        text(out, 0, top + 13, lane.label, "start", "lbl");
        text(out, kPlotX1, top + 13, lane.caption, "end");
        std::uint32_t peak = 0;
        for (std::size_t i = 0; i < b.count && lane.events && i < lane.events->size(); ++i)
            peak = std::max(peak, (*lane.events)[i]);
        const std::uint64_t yMax = std::max<std::uint64_t>(niceCeil(peak), 1);
        rect(out, kLeft, top + kLabelH, kPlotX1 - kLeft, kPlotH, "bg");
        line(out, kLeft, base, kPlotX1, base, "ax");
        text(out, kLeft - 6, top + kLabelH + 9, text::groupThousands(yMax), "end");
        text(out, kLeft - 6, base, "0", "end");
        for (std::size_t i = 0; i < b.count && lane.events && i < lane.events->size(); ++i) {
            const std::uint32_t ev = (*lane.events)[i];
            if (ev == 0)
                continue;
            const std::uint32_t er = lane.errors && i < lane.errors->size() ? (*lane.errors)[i] : 0;
            const double x = kLeft + static_cast<double>(i) * bw;
            const double h = kPlotH * static_cast<double>(ev) / static_cast<double>(yMax);
            out += "<g>";
            title(out, bucketLabel(b, i) + ": " + text::groupThousands(ev) + " " + lane.eventNoun + ", " +
                           text::groupThousands(er) + " errors");
            if (er < ev)
                rect(out, x, base - h, barW, h, "ev");
            if (er > 0) {
                const double he = kPlotH * static_cast<double>(er) / static_cast<double>(yMax);
                rect(out, x, base - he, barW, he, "er");
            }
            out += "</g>";
        }
    }
    timeAxis(out, b, static_cast<double>(lanes.size()) * laneH - kGap + 2);
    out += "</svg>";
}

void stackedChart(std::string &out, const stats::TimeBuckets &b, const std::vector<std::string> &keys,
                  const std::vector<std::vector<std::uint32_t>> &counts, std::string_view ariaLabel)
{
    constexpr double kTop = 8, kPlotH = 150;
    open(out, kTop + kPlotH + kAxisH + 4, ariaLabel);
    const bool lastIsOther = !keys.empty() && keys.back() == "other";
    std::vector<std::uint64_t> sums(b.count, 0);
    for (const auto &series : counts)
        for (std::size_t i = 0; i < b.count && i < series.size(); ++i)
            sums[i] += series[i];
    const std::uint64_t peak = sums.empty() ? 0 : *std::max_element(sums.begin(), sums.end());
    // Gridlines at a 1-2-5 step; the axis ends at the first step at or above the peak.
    const std::uint64_t step = std::max<std::uint64_t>(niceCeil((std::max<std::uint64_t>(peak, 1) + 3) / 4), 1);
    const std::uint64_t yMax = std::max<std::uint64_t>((peak + step - 1) / step, 1) * step;
    const double base = kTop + kPlotH;
    rect(out, kLeft, kTop, kPlotX1 - kLeft, kPlotH, "bg");
    for (std::uint64_t v = step; v <= yMax; v += step) {
        const double y = base - kPlotH * static_cast<double>(v) / static_cast<double>(yMax);
        line(out, kLeft, y, kPlotX1, y, "gr");
        text(out, kLeft - 6, y + 4, text::groupThousands(v), "end");
    }
    text(out, kLeft - 6, base, "0", "end");
    const double bw = b.count ? (kPlotX1 - kLeft) / static_cast<double>(b.count) : 0;
    const double barW = std::max(bw - (bw > 3 ? 1 : 0), 0.5);
    for (std::size_t i = 0; i < b.count; ++i) {
        if (sums[i] == 0)
            continue;
        const double x = kLeft + static_cast<double>(i) * bw;
        std::string tip = bucketLabel(b, i) + ": " + text::groupThousands(sums[i]);
        for (std::size_t k = 0; k < keys.size() && k < counts.size(); ++k)
            if (i < counts[k].size() && counts[k][i])
                tip += "\n" + keys[k] + ": " + text::groupThousands(counts[k][i]);
        out += "<g>";
        title(out, tip);
        double y = base;
        for (std::size_t k = 0; k < keys.size() && k < counts.size(); ++k) {
            const std::uint32_t v = i < counts[k].size() ? counts[k][i] : 0;
            if (v == 0)
                continue;
            const double h = kPlotH * static_cast<double>(v) / static_cast<double>(yMax);
            rect(out, x, y - h, barW, h, seriesClass(k, keys.size(), lastIsOther));
            y -= h;
        }
        out += "</g>";
    }
    line(out, kLeft, base, kPlotX1, base, "ax");
    timeAxis(out, b, base);
    out += "</svg>";
}

std::string fitLabel(std::string_view label, std::size_t chars)
{
    if (label.size() <= chars || chars < 2)
        return std::string(label);
    std::size_t cut = label.size() - (chars - 1);
    while (cut < label.size() && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80)
        ++cut; // never split a UTF-8 sequence
    return "\xE2\x80\xA6" + std::string(label.substr(cut));
}

void proportionBars(std::string &out, const std::vector<BarRow> &rows, std::string_view ariaLabel,
                    const RowLayout &layout)
{
    constexpr double kRowH = 26, kBarH = 16;
    const double x1 = layout.width - kRight;
    open(out, static_cast<double>(rows.size()) * kRowH + 4, ariaLabel, layout.width);
    const auto labelChars = static_cast<std::size_t>(layout.labelWidth / 6.4);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const BarRow &row = rows[r];
        const double y = static_cast<double>(r) * kRowH + 4;
        std::uint64_t sum = 0;
        for (const auto &s : row.segments)
            sum += s.value;
        out += "<g>";
        title(out, row.label + ": " + text::groupThousands(sum));
        text(out, 0, y + 12, fitLabel(row.label, labelChars));
        out += "</g>";
        double x = layout.labelWidth;
        const double w = x1 - layout.labelWidth;
        for (const auto &s : row.segments) {
            if (s.value == 0 || sum == 0)
                continue;
            const double sw = w * static_cast<double>(s.value) / static_cast<double>(sum);
            char pct[16];
            std::snprintf(pct, sizeof pct, "%.1f %%", 100.0 * static_cast<double>(s.value) / static_cast<double>(sum));
            out += "<g>";
            title(out, s.label + ": " + text::groupThousands(s.value) + " (" + pct + ")");
            rect(out, x, y, sw, kBarH, s.cssClass);
            out += "</g>";
            x += sw;
        }
    }
    out += "</svg>";
}

namespace {

std::string decadeLabel(double ms)
{
    char buf[32];
    if (ms < 1000)
        std::snprintf(buf, sizeof buf, "%g ms", ms);
    else
        std::snprintf(buf, sizeof buf, "%g s", ms / 1000);
    return buf;
}

} // namespace

void percentileChart(std::string &out, const std::vector<stats::Percentiles> &rows,
                     const std::vector<std::string> &labels, std::string_view ariaLabel, const RowLayout &layout)
{
    constexpr double kRowH = 26, kTop = 4;
    // The axis spans whole decades from the smallest positive percentile to the largest maximum.
    double lo = 1e300, hi = 0;
    for (const auto &p : rows) {
        for (const double v : {p.p50, p.p90, p.p99, p.max}) {
            if (v > 0) {
                lo = std::min(lo, v);
                break;
            }
        }
        hi = std::max(hi, p.max);
    }
    if (rows.empty() || hi <= 0)
        return;
    lo = std::max(lo, 0.01);
    const double decLo = std::pow(10.0, floorLog10(lo));
    const double decHi = std::max(std::pow(10.0, std::ceil(std::log10(hi))), decLo * 10);
    const double l0 = std::log10(decLo), l1 = std::log10(decHi);
    const double x0 = layout.labelWidth, x1 = layout.width - kRight;
    auto xOf = [&](double ms) {
        const double v = std::log10(std::clamp(ms, decLo, decHi));
        return x0 + (x1 - x0) * (v - l0) / (l1 - l0);
    };
    const double plotBottom = kTop + static_cast<double>(rows.size()) * kRowH;
    open(out, plotBottom + kAxisH + 4, ariaLabel, layout.width);
    const auto labelChars = static_cast<std::size_t>(layout.labelWidth / 6.4);
    for (double d = decLo; d <= decHi * 1.0001; d *= 10) {
        const double x = xOf(d);
        line(out, x, kTop, x, plotBottom, "gr");
        text(out, x, plotBottom + 16, decadeLabel(d), "middle");
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto &p = rows[r];
        const double y = kTop + static_cast<double>(r) * kRowH;
        const std::string &label = r < labels.size() ? labels[r] : p.label;
        out += "<g>";
        title(out, label + ": " + text::groupThousands(p.samples) + " samples; p50 " + formatMs(p.p50) + ", p90 " +
                       formatMs(p.p90) + ", p95 " + formatMs(p.p95) + ", p99 " + formatMs(p.p99) + ", max " +
                       formatMs(p.max));
        text(out, 0, y + 13, fitLabel(label, labelChars));
        const double mid = y + 9;
        line(out, xOf(decLo), mid, xOf(p.max), mid, "pl");
        rect(out, xOf(decLo), y + 3, xOf(p.p50) - xOf(decLo), 12, "p50");
        rect(out, xOf(p.p50), y + 3, xOf(p.p90) - xOf(p.p50), 12, "p90");
        rect(out, xOf(p.p90), y + 3, xOf(p.p99) - xOf(p.p90), 12, "p99");
        rect(out, xOf(p.max) - 1.5, y + 1, 3, 16, "pmax");
        out += "</g>";
    }
    out += "</svg>";
}

void findingStrip(std::string &out, const stats::TimeBuckets &b, const std::vector<std::uint32_t> &activity,
                  const std::vector<Mark> &marks, std::string_view ariaLabel)
{
    constexpr double kSparkH = 44, kRowH = 18, kTop = 4;
    const double rowsTop = kTop + kSparkH + 8;
    const double height = rowsTop + static_cast<double>(marks.size()) * kRowH + kAxisH + 6;
    open(out, height, ariaLabel);
    const TimeUs start = b.start, end = b.start + b.width * static_cast<TimeUs>(b.count);
    const double span = static_cast<double>(end - start);
    auto xOf = [&](TimeUs t) {
        return kLeft + (kPlotX1 - kLeft) * std::clamp(static_cast<double>(t - start) / span, 0.0, 1.0);
    };
    // Context: all events per bucket, as a light silhouette.
    text(out, kLeft - 6, kTop + 12, "activity", "end");
    std::uint32_t peak = 1;
    for (const auto v : activity)
        peak = std::max(peak, v);
    const double bw = b.count ? (kPlotX1 - kLeft) / static_cast<double>(b.count) : 0;
    rect(out, kLeft, kTop, kPlotX1 - kLeft, kSparkH, "bg");
    for (std::size_t i = 0; i < activity.size() && i < b.count; ++i) {
        if (activity[i] == 0)
            continue;
        const double h = kSparkH * static_cast<double>(activity[i]) / static_cast<double>(peak);
        rect(out, kLeft + static_cast<double>(i) * bw, kTop + kSparkH - h, std::max(bw - 0.3, 0.5), h, "ev");
    }
    for (std::size_t m = 0; m < marks.size(); ++m) {
        const Mark &mk = marks[m];
        const double y = rowsTop + static_cast<double>(m) * kRowH;
        line(out, kLeft, y + kRowH / 2, kPlotX1, y + kRowH / 2, "gr");
        const double x1 = xOf(mk.first), x2 = xOf(mk.last);
        const double w = std::max(x2 - x1, 5.0);
        const double x = std::min(x1, kPlotX1 - w);
        const std::string cls = "m-" + std::string(toString(mk.severity));
        out += "<a href=\"";
        esc(out, mk.href);
        out += "\">";
        title(out, mk.title);
        text(out, kLeft - 6, y + 13, mk.label, "end", "lbl");
        out += "<rect x=\"" + num(x) + "\" y=\"" + num(y + 3) + "\" width=\"" + num(w) + "\" height=\"" +
               num(kRowH - 6) + "\" rx=\"3\" class=\"" + cls + "\"/>";
        out += "</a>";
    }
    timeAxis(out, b, rowsTop + static_cast<double>(marks.size()) * kRowH + 2);
    out += "</svg>";
}

} // namespace hs::svg
