// SPDX-License-Identifier: MIT
// IIS W3C extended log reader (IIS 5-10, any #Fields, fields changing mid-file).
#pragma once

#include "formats/format_reader.h"

namespace hs {

class W3cReader final : public FormatReader {
public:
    FormatId id() const override { return FormatId::W3c; }
    SniffKind sniffKind() const override { return SniffKind::Heuristic; }
    std::vector<std::string_view> extensions() const override { return {"log", "txt"}; }
    std::string_view recognisedBy() const override;
    SniffResult sniff(const SniffInput &input) const override;
    void read(ReadContext &ctx) const override;
};

} // namespace hs
