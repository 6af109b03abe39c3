// SPDX-License-Identifier: MIT
// The list of readers. Order within each sniff kind is the probe order; every entry that depends on
// the order says why.
#include "formats/httperr_reader.h"
#include "formats/registry.h"
#include "formats/w3c_reader.h"

namespace hs {

FormatRegistry FormatRegistry::createDefault()
{
    FormatRegistry r;
    // Heuristic readers compete by score; HTTPERR before W3C only matters for equal scores, and
    // their directive checks exclude each other (s-reason decides).
    r.add(std::make_unique<HttpErrReader>());
    r.add(std::make_unique<W3cReader>());
    return r;
}

} // namespace hs
