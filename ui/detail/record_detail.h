// SPDX-License-Identifier: MIT
// Rich text for the detail pane: the raw log line with its fields, or a transaction reconstructed in
// arrival order (interim 1xx responses shown where they arrived), or a whole connection ("follow
// connection"). Links use the "hs:" scheme, handled by the pane:
//   hs:connection/<id>    follow that connection
//   hs:transaction/<id>   select that transaction
#pragma once

#include "model/analysis.h"

#include <QString>

#include <string>

namespace hs::ui {

QString accessDetailHtml(const Analysis &analysis, const Source &source, const AccessRecord &record);
QString httpErrDetailHtml(const Analysis &analysis, const Source &source, const HttpErrRecord &record,
                          const std::string &connectionKey, ConnectionId matchedConnection);
QString transactionDetailHtml(const Analysis &analysis, const Transaction &transaction);
QString connectionDetailHtml(const Analysis &analysis, const Connection &connection);

// The raw header block of a transaction's request or response from its source's head arena; empty
// when the arena's budget was spent or the source has none.
std::string_view requestHead(const Analysis &analysis, const Transaction &transaction);
std::string_view responseHead(const Analysis &analysis, const Transaction &transaction);

} // namespace hs::ui
