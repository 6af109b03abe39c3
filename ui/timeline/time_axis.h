// SPDX-License-Identifier: MIT
// Pure helpers for the timeline's time <-> pixel mapping and tick placement (unit-tested).
#pragma once

#include "model/time.h"

#include <vector>

namespace hs::ui {

struct TimeWindow {
    TimeUs from = 0, to = 1; // to > from
    double left = 0, width = 1;

    double toX(TimeUs t) const noexcept
    {
        return left + static_cast<double>(t - from) * width / static_cast<double>(to - from);
    }
    TimeUs toTime(double x) const noexcept
    {
        return from + static_cast<TimeUs>((x - left) * static_cast<double>(to - from) / width);
    }
    TimeUs span() const noexcept { return to - from; }
};

// Tick positions: multiples of a "nice" step (1 ms … 1 day, 1 week) at least minSpacingPx apart.
std::vector<TimeUs> axisTicks(const TimeWindow &window, double minSpacingPx);

// Zooms [from, to] by `factor` (< 1 zooms in) keeping `anchor` at the same place, then clamps to
// [minSpan, maxSpan] and keeps the window inside [boundFrom, boundTo] when it fits.
void zoomWindow(TimeUs &from, TimeUs &to, TimeUs anchor, double factor, TimeUs minSpan, TimeUs boundFrom,
                TimeUs boundTo);
// Moves [from, to] by `delta`, keeping it inside [boundFrom, boundTo] when it fits.
void panWindow(TimeUs &from, TimeUs &to, TimeUs delta, TimeUs boundFrom, TimeUs boundTo);

} // namespace hs::ui
