// SPDX-License-Identifier: MIT
// libpcap capture files: both byte orders, microsecond and nanosecond timestamps, and the
// "modified" (Kuznetsov) variant with longer record headers. Works directly on the mapped bytes.
#pragma once

#include "capture/net/capture_read.h"
#include "formats/format_reader.h"
#include "model/problem.h"

#include <string_view>

namespace hs {

// Walks the records of a pcap file into `consumer`. Frames are numbered from 1. A snaplen-cut record
// is delivered with originalLength > data.size(); a record header that cannot be right (length past
// any plausible packet) is skipped by searching for the next plausible header; a file cut inside a
// record keeps every complete record before it. Problems carry the byte offset and frame number.
net::CaptureParseResult parsePcap(std::string_view bytes, net::PacketConsumer &consumer, ProblemList &problems,
                                  net::CaptureReadControl &control);

class PcapReader final : public FormatReader {
public:
    FormatId id() const override { return FormatId::Pcap; }
    SniffKind sniffKind() const override { return SniffKind::Magic; }
    std::vector<std::string_view> extensions() const override { return {"pcap", "cap", "dmp"}; }
    std::string_view recognisedBy() const override;
    SniffResult sniff(const SniffInput &input) const override;
    void read(ReadContext &ctx) const override;
};

} // namespace hs
