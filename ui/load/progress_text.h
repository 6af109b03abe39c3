// SPDX-License-Identifier: MIT
// Turns a Progress snapshot into what the loading banner says: the stages as a breadcrumb
// ("✓ Scanning 1,204 files → Reading logs 37/120 → Reading captures → Detecting"), a headline with
// counts and sizes, and a percentage when one is known (STYLE practice 8).
#pragma once

#include "tasks/progress.h"

#include <QPalette>
#include <QString>

namespace hs::ui {

struct ProgressText {
    QString breadcrumb; // rich text
    QString headline;   // plain text
    QString detail;     // the current file or step
    int percent = -1;   // -1: unknown (busy indicator)
};

ProgressText describeProgress(const Progress::Snapshot &snapshot, const QPalette &palette);

} // namespace hs::ui
