// SPDX-License-Identifier: MIT
#include "timeline/time_axis.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace hs::ui {

std::vector<TimeUs> axisTicks(const TimeWindow &window, double minSpacingPx)
{
    static constexpr std::array<TimeUs, 22> kSteps = {
        kUsPerMs,         2 * kUsPerMs,      5 * kUsPerMs,      10 * kUsPerMs,     50 * kUsPerMs,
        100 * kUsPerMs,   250 * kUsPerMs,    500 * kUsPerMs,    kUsPerSecond,      2 * kUsPerSecond,
        5 * kUsPerSecond, 10 * kUsPerSecond, 30 * kUsPerSecond, kUsPerMinute,      2 * kUsPerMinute,
        5 * kUsPerMinute, 15 * kUsPerMinute, 30 * kUsPerMinute, 60 * kUsPerMinute, 6 * 60 * kUsPerMinute,
        kUsPerDay,        7 * kUsPerDay};
    std::vector<TimeUs> ticks;
    if (window.to <= window.from || window.width <= 0)
        return ticks;
    const double usPerPx = static_cast<double>(window.span()) / window.width;
    TimeUs step = kSteps.back();
    for (const TimeUs s : kSteps) {
        if (static_cast<double>(s) / usPerPx >= minSpacingPx) {
            step = s;
            break;
        }
    }
    // Multiples of the step since the epoch (UTC), so minute ticks land on whole minutes.
    TimeUs t = window.from - ((window.from % step) + step) % step;
    if (t < window.from)
        t += step;
    for (; t <= window.to && ticks.size() < 1000; t += step)
        ticks.push_back(t);
    return ticks;
}

void zoomWindow(TimeUs &from, TimeUs &to, TimeUs anchor, double factor, TimeUs minSpan, TimeUs boundFrom,
                TimeUs boundTo)
{
    const TimeUs span = to - from;
    const TimeUs maxSpan = std::max<TimeUs>(boundTo - boundFrom, minSpan);
    auto newSpan = static_cast<TimeUs>(std::llround(static_cast<double>(span) * factor));
    newSpan = std::clamp(newSpan, minSpan, maxSpan);
    const double rel = span > 0 ? static_cast<double>(anchor - from) / static_cast<double>(span) : 0.5;
    from = anchor - static_cast<TimeUs>(std::llround(rel * static_cast<double>(newSpan)));
    to = from + newSpan;
    panWindow(from, to, 0, boundFrom, boundTo);
}

void panWindow(TimeUs &from, TimeUs &to, TimeUs delta, TimeUs boundFrom, TimeUs boundTo)
{
    const TimeUs span = to - from;
    from += delta;
    to += delta;
    if (span >= boundTo - boundFrom) {
        // Wider than the data: centre it.
        from = boundFrom - (span - (boundTo - boundFrom)) / 2;
        to = from + span;
        return;
    }
    if (from < boundFrom) {
        from = boundFrom;
        to = from + span;
    }
    if (to > boundTo) {
        to = boundTo;
        from = to - span;
    }
}

} // namespace hs::ui
