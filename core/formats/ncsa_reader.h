// SPDX-License-Identifier: MIT
// NCSA common / combined log format (IIS can write it; so do proxies in front of IIS):
//   host ident authuser [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 200 2326 ["referer" "agent"]
// Each line carries its own UTC offset.
#pragma once

#include "formats/format_reader.h"

namespace hs {

class NcsaReader final : public FormatReader {
public:
    FormatId id() const override { return FormatId::Ncsa; }
    SniffKind sniffKind() const override { return SniffKind::Heuristic; }
    std::vector<std::string_view> extensions() const override { return {"log", "txt"}; }
    std::string_view recognisedBy() const override;
    SniffResult sniff(const SniffInput &input) const override;
    void read(ReadContext &ctx) const override;
};

// host, ident, authuser, time (inside [...]), request (inside quotes), status, bytes, referer, agent.
// Returns the number of fields found (7 for common, 9 for combined), 0 if the line is not NCSA.
std::size_t splitNcsaFields(std::string_view line, std::string_view *out, std::size_t capacity) noexcept;
const std::vector<std::string> &ncsaFieldNames();

} // namespace hs
