// SPDX-License-Identifier: MIT
// The knowledge base's HTTPERR reason catalogue as the report's ReasonLookup: the CLI and the GUI
// load the knowledge base (with the user's folders) and pass this to writeHtmlReport().
#pragma once

#include "kb/catalog.h"
#include "report/html_report.h"

namespace hs {

// The lookup owns its copy of the knowledge base, so it may outlive the caller's.
ReasonLookup reasonLookup(kb::KnowledgeBase knowledgeBase);

} // namespace hs
