// SPDX-License-Identifier: MIT
// HAR 1.2 (HTTP Archive) exports from browsers (Chrome, Edge, Firefox, Safari) and proxies (Charles,
// Fiddler): every entry becomes a transaction with the timings the export gives, grouped into
// connections by (serverIPAddress, port, "connection" id).
#pragma once

#include "formats/format_reader.h"

namespace hs {

class HarReader final : public FormatReader {
public:
    FormatId id() const override { return FormatId::Har; }
    SniffKind sniffKind() const override { return SniffKind::Heuristic; }
    std::vector<std::string_view> extensions() const override { return {"har", "json"}; }
    std::string_view recognisedBy() const override;
    SniffResult sniff(const SniffInput &input) const override;
    void read(ReadContext &ctx) const override;
};

} // namespace hs
