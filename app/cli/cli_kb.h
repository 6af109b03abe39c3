// SPDX-License-Identifier: MIT
// `httpsleuth-cli kb [ID]`: the knowledge base as text — every symptom (id, severity, title), or one
// entry in full. ID may also be an HTTPERR s-reason (Timer_HeaderWait), a KB number (KB967853) or a
// W3C sc-win32-status code (64).
#pragma once

#include <ostream>
#include <string>

namespace hs::cli {

// Returns the exit status: 0, or 2 for an unknown id.
int runKb(const std::string &id, std::ostream &out, std::ostream &err);

} // namespace hs::cli
