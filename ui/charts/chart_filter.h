// SPDX-License-Identifier: MIT
// What a click on a chart bar asks the tables to show.
#pragma once

#include "model/format_id.h"
#include "model/time.h"

#include <QString>

namespace hs::ui {

enum class TableKind { Access, HttpErr, Transactions, Connections };

struct ChartFilter {
    TableKind table = TableKind::Access;
    QString filterText;    // terms for the table's filter bar
    TimeUs from = kNoTime; // a time range for every table, or kNoTime to leave it
    TimeUs to = kNoTime;
};

// The table a source's rows live in.
TableKind tableFor(FormatId format);

} // namespace hs::ui
