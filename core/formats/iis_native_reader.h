// SPDX-License-Identifier: MIT
// IIS log format (the comma-separated "IIS log file format" of IIS 5/6 and later): fixed fields,
// server-LOCAL time. The offset is unknown unless the user gives --local-offset; the source says so.
#pragma once

#include "formats/format_reader.h"

namespace hs {

class IisNativeReader final : public FormatReader {
public:
    FormatId id() const override { return FormatId::IisNative; }
    SniffKind sniffKind() const override { return SniffKind::Heuristic; }
    std::vector<std::string_view> extensions() const override { return {"log"}; }
    std::string_view recognisedBy() const override;
    SniffResult sniff(const SniffInput &input) const override;
    void read(ReadContext &ctx) const override;
};

// The fixed field order, named with the W3C identifiers of the same values.
const std::vector<std::string> &iisNativeFieldNames();
// Splits a line into its 15 fields (", " separated; extra commas are kept in the last field).
std::size_t splitIisNativeFields(std::string_view line, std::string_view *out, std::size_t capacity) noexcept;

} // namespace hs
