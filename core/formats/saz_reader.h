// SPDX-License-Identifier: MIT
// Fiddler Session Archives (.saz): each session's raw request and response bytes go through the
// HTTP/1.x parser (capture/http) with the times Fiddler's session timers give, on connections keyed
// by the session flags (x-clientip:x-clientport → x-hostip, per x-egressport socket).
#pragma once

#include "formats/format_reader.h"
#include "io/decompress.h"

namespace hs {

class SazReader final : public FormatReader {
public:
    SazReader() = default;
    // Tests use small limits to prove that a decompression bomb ends as a problem.
    explicit SazReader(const ExpandLimits &limits) : limits_(limits) {}
    static ExpandLimits defaultLimits() noexcept;

    FormatId id() const override { return FormatId::Saz; }
    SniffKind sniffKind() const override { return SniffKind::Magic; }
    std::vector<std::string_view> extensions() const override { return {"saz"}; }
    std::string_view recognisedBy() const override;
    SniffResult sniff(const SniffInput &input) const override;
    void read(ReadContext &ctx) const override;

private:
    ExpandLimits limits_ = defaultLimits();
};

} // namespace hs
