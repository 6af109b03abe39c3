// SPDX-License-Identifier: MIT
// Colours that follow the system palette (light or dark). Custom-painted views and charts take their
// colours from here so a palette change re-themes everything in one place.
#pragma once

#include "model/finding.h"
#include "model/format_id.h"

#include <QColor>
#include <QPalette>

namespace hs::ui {

bool isDark(const QPalette &palette);
QColor severityColor(Severity severity, const QPalette &palette);
QString severityLabel(Severity severity);       // "Critical", "Warning", "Info"
QString confidenceLabel(Confidence confidence); // "High", "Medium", "Low"
// Errors in tables and on the timeline.
QColor errorColor(const QPalette &palette);
QColor warningColor(const QPalette &palette);
// Lane bars: one hue per source kind (logs, HTTPERR, captures, exports).
QColor laneColor(FormatId format, const QPalette &palette);
// A colour for series n of a chart with many series (distinct in both palettes).
QColor seriesColor(int n, const QPalette &palette);
// Subdued text (hints, future progress stages).
QColor mutedTextColor(const QPalette &palette);

} // namespace hs::ui
