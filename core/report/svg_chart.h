// SPDX-License-Identifier: MIT
// Inline SVG charts for the HTML report, drawn from the stats aggregates (never from rows). Each chart
// is a few hundred elements at most; colours come from CSS classes (see html_assets.cpp), labels are
// HTML-escaped here, and every mark carries a <title> so values can be read without JavaScript.
#pragma once

#include "model/finding.h"
#include "stats/timeline.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hs::svg {

inline constexpr double kWidth = 1000; // viewBox width; the SVG scales to its container

struct Tick {
    double x = 0;
    std::string label;
};
// Time ticks for [start, end) over the plot's x range [x0, x1], UTC, at most maxTicks.
std::vector<Tick> timeTicks(TimeUs start, TimeUs end, double x0, double x1, std::size_t maxTicks);

// 1, 2, 5 × 10^n at or above v (0 stays 0).
std::uint64_t niceCeil(std::uint64_t v) noexcept;

struct LaneSeries {
    std::string label;   // source path (escaped when drawn)
    std::string caption; // e.g. "W3C · 12,345 requests · 17 errors"
    const std::vector<std::uint32_t> *events = nullptr;
    const std::vector<std::uint32_t> *errors = nullptr;
    std::string eventNoun = "requests";
};
// Small multiples on one time axis: per lane, events as columns with the errors overlaid in red.
void laneChart(std::string &out, const stats::TimeBuckets &buckets, const std::vector<LaneSeries> &lanes,
               std::string_view ariaLabel);

// Stacked columns, one series per key (class s0..s9; the last key uses s9 when it is "other").
void stackedChart(std::string &out, const stats::TimeBuckets &buckets, const std::vector<std::string> &keys,
                  const std::vector<std::vector<std::uint32_t>> &counts, std::string_view ariaLabel);
std::string seriesClass(std::size_t key, std::size_t keyCount, bool lastIsOther);

struct Segment {
    std::string label;
    std::uint64_t value = 0;
    std::string cssClass;
};
struct BarRow {
    std::string label;
    std::vector<Segment> segments;
};
// Layout of the row charts below: the viewBox width (the SVG scales to its container, so a chart for
// a half-width card uses a narrower box to keep its text legible) and the width of the label column.
struct RowLayout {
    double width = kWidth;
    double labelWidth = 300;
};

// One 100 % bar per row, split into its segments.
void proportionBars(std::string &out, const std::vector<BarRow> &rows, std::string_view ariaLabel,
                    const RowLayout &layout = {});

// Per source: p50 / p90 / p99 bands and the max on a logarithmic millisecond axis.
void percentileChart(std::string &out, const std::vector<stats::Percentiles> &rows,
                     const std::vector<std::string> &labels, std::string_view ariaLabel, const RowLayout &layout = {});

// Label text that fits about `chars` characters, keeping the end (a file name matters most).
std::string fitLabel(std::string_view label, std::size_t chars);

struct Mark {
    TimeUs first = kNoTime, last = kNoTime;
    Severity severity = Severity::Info;
    std::string label; // "#3"
    std::string title; // tooltip (escaped when drawn)
    std::string href;  // our own anchor, "#finding-3"
};
// The finding timeline: an activity sparkline over [from, to] and one row per mark.
void findingStrip(std::string &out, const stats::TimeBuckets &buckets, const std::vector<std::uint32_t> &activity,
                  const std::vector<Mark> &marks, std::string_view ariaLabel);

// A legend entry's colour square.
void swatch(std::string &out, std::string_view cssClass);

// A bucket width in its own unit: "5 s", "15 min", "6 h", "2 days".
std::string formatWidth(TimeUs width);

// "350 ms", "1.2 s", "2.5 min" for chart labels.
std::string formatMs(double ms);

} // namespace hs::svg
