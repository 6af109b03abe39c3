// SPDX-License-Identifier: MIT
// HTTP.sys error log (HTTPERR) reader: every field set seen in the wild (s-queuename, streamid,
// streamid_ex transport fault-code extended-fault-code) and lines that omit trailing fields.
#pragma once

#include "formats/format_reader.h"

namespace hs {

class HttpErrReader final : public FormatReader {
public:
    FormatId id() const override { return FormatId::HttpErr; }
    SniffKind sniffKind() const override { return SniffKind::Heuristic; }
    std::vector<std::string_view> extensions() const override { return {"log"}; }
    std::string_view recognisedBy() const override;
    SniffResult sniff(const SniffInput &input) const override;
    void read(ReadContext &ctx) const override;
};

// The field set KB820729 documents and HTTP.sys writes by default.
const std::vector<std::string> &defaultHttpErrFields();

} // namespace hs
