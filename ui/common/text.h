// SPDX-License-Identifier: MIT
// Conversions from the core's bytes and numbers to display text. Strings from logs are kept as bytes
// in the core (ARCHITECTURE §3) and decoded only here, for display.
#pragma once

#include "model/time.h"

#include <QString>

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace hs::ui {

// UTF-8, or Latin-1 when the bytes are not valid UTF-8 (ANSI-encoded IIS logs), so nothing is lost
// to replacement characters.
QString toQString(std::string_view bytes);

QString pathToQString(const std::filesystem::path &path);

// "1,204" whatever the locale: counts are compared across screenshots, reports and the CLI.
QString formatCount(std::uint64_t n);
// "512 B", "1.4 MB", "2.1 GB" (powers of 1024).
QString formatBytes(std::uint64_t n);
// "2026-11-21 10:00:01.250" (UTC) or "" for kNoTime.
QString formatTime(TimeUs t);
// "10:00:01" when `span` (the visible range) is under a day, else "11-21 10:00". Used on time axes.
QString formatAxisTime(TimeUs t, TimeUs span);
// "350 ms", "1.02 s".
QString formatDurationUs(TimeUs us);
// A bucket width in its own unit: "10 s", "1 min", "15 min", "1 h", "1 day", "500 ms".
QString formatBucketWidth(TimeUs width);
// Escapes text for rich-text (HTML) widgets.
QString htmlEscape(const QString &text);
QString htmlEscape(std::string_view bytes);

} // namespace hs::ui
