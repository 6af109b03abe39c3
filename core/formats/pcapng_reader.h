// SPDX-License-Identifier: MIT
// pcapng capture files (draft-ietf-opsawg-pcapng): several sections in either byte order, several
// interfaces with their own link type, timestamp resolution (if_tsresol, decimal or binary) and
// offset (if_tsoffset); Enhanced, Simple and obsolete Packet Blocks. Name resolution, statistics,
// decryption secrets, custom and unknown blocks are skipped by their length. Works directly on the
// mapped bytes.
#pragma once

#include "capture/net/capture_read.h"
#include "formats/format_reader.h"
#include "model/problem.h"

#include <string_view>

namespace hs {

// Walks the blocks of a pcapng file into `consumer`. Frames (packet blocks) are numbered from 1
// across sections. Damaged blocks are reported with their byte offset (and the frame number that
// was due); after a block whose length cannot be right, reading resumes at the next block that
// verifies (its length repeated at its end), so one damaged block costs only itself.
net::CaptureParseResult parsePcapng(std::string_view bytes, net::PacketConsumer &consumer, ProblemList &problems,
                                    net::CaptureReadControl &control);

class PcapngReader final : public FormatReader {
public:
    FormatId id() const override { return FormatId::Pcapng; }
    SniffKind sniffKind() const override { return SniffKind::Magic; }
    std::vector<std::string_view> extensions() const override { return {"pcapng", "ntar", "scap"}; }
    std::string_view recognisedBy() const override;
    SniffResult sniff(const SniffInput &input) const override;
    void read(ReadContext &ctx) const override;
};

} // namespace hs
