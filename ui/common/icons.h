// SPDX-License-Identifier: MIT
// Scalable icons from the SVGs in resources/ui (compiled into the binary). Monochrome icons draw
// with "currentColor", which is replaced by the palette's text colour at paint time, so they follow
// the light/dark palette and stay sharp at any device pixel ratio.
#pragma once

#include <QIcon>
#include <QString>

namespace hs::ui {

// `name` is the file name without ".svg", e.g. "open-folder". A missing icon yields a null QIcon.
QIcon themedIcon(const QString &name);
// The application icon (resources/icons/httpsleuth.svg when present, else the drop-zone mark).
QIcon applicationIcon();

} // namespace hs::ui
