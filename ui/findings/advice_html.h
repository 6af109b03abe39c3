// SPDX-License-Identifier: MIT
// A finding as rich text: what was seen, how sure we are, and what to do (hotfix, configuration,
// workaround, by design …) with the KB articles and reference links.
#pragma once

#include "model/analysis.h"

#include <QPalette>
#include <QString>

namespace hs::ui {

QString adviceHtml(const Finding &finding, const QPalette &palette);
// Shown when there is nothing to select: no findings at all, or none selected yet.
QString noFindingsHtml(const Analysis &analysis);
QString remediationKindLabel(const std::string &kind);

} // namespace hs::ui
