// SPDX-License-Identifier: MIT
// The list of readers. Order within each sniff kind is the probe order; every entry that depends on
// the order says why.
#include "formats/har_reader.h"
#include "formats/httperr_reader.h"
#include "formats/iis_native_reader.h"
#include "formats/ncsa_reader.h"
#include "formats/pcap_reader.h"
#include "formats/pcapng_reader.h"
#include "formats/registry.h"
#include "formats/saz_reader.h"
#include "formats/w3c_reader.h"

namespace hs {

FormatRegistry FormatRegistry::createDefault()
{
    FormatRegistry r;
    // Magic readers first (the registry probes all of them before any heuristic): exact answers.
    r.add(std::make_unique<PcapReader>());
    r.add(std::make_unique<PcapngReader>());
    // SAZ: zip magic plus a raw/NN_c.txt member; no other magic reader takes "PK" bytes.
    r.add(std::make_unique<SazReader>());
    // Heuristic readers compete by score; HTTPERR before W3C only matters for equal scores, and
    // their directive checks exclude each other (s-reason decides).
    r.add(std::make_unique<HttpErrReader>());
    r.add(std::make_unique<W3cReader>());
    // Shape-only readers: their scores (80) beat W3C's headerless guess (60), and their shapes
    // (comma fields with m/d/yy dates; [dd/Mon/yyyy:…] brackets) cannot fit a W3C field set.
    r.add(std::make_unique<IisNativeReader>());
    r.add(std::make_unique<NcsaReader>());
    // HAR: a JSON object with "log" cannot look like any log line, so its order does not matter.
    r.add(std::make_unique<HarReader>());
    return r;
}

} // namespace hs
