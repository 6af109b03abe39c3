// SPDX-License-Identifier: MIT
// What the pcap and pcapng readers share: cancellation and throttled progress while walking the
// file, and the run that wires a file parser to packet decoding, TCP reassembly and HTTP.
#pragma once

#include "capture/net/captured_packet.h"
#include "formats/format_reader.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"

#include <cstdint>
#include <functional>
#include <string>

namespace hs::net {

// Polled by the file parsers between records. Both pointers may be null (tests, fuzzers).
class CaptureReadControl {
public:
    CaptureReadControl() = default;
    CaptureReadControl(const CancelToken *cancel, Progress *progress) : cancel_(cancel), progress_(progress) {}

    // Call per record with the offset reached; true means stop now (keep what was read).
    bool poll(std::uint64_t offset) noexcept
    {
        if (offset - reported_ >= kProgressStep) {
            if (progress_)
                progress_->addBytes(offset - reported_);
            reported_ = offset;
            if (cancel_ && cancel_->stopRequested())
                return true;
        }
        return false;
    }
    // Reports the rest of the file as done.
    void done(std::uint64_t size) noexcept
    {
        if (progress_ && size > reported_)
            progress_->addBytes(size - reported_);
        reported_ = size;
    }
    bool stopRequested() const noexcept { return cancel_ && cancel_->stopRequested(); }

private:
    static constexpr std::uint64_t kProgressStep = 1u << 20;
    const CancelToken *cancel_ = nullptr;
    Progress *progress_ = nullptr;
    std::uint64_t reported_ = 0;
};

struct CaptureParseResult {
    bool stopped = false; // the user stopped the read
    bool fatal = false;   // corruption the parser could not get past: the rest of the file is unread
    std::string variant;  // Source::formatVariant, e.g. "pcap, nanosecond, big-endian"
};

using CaptureParser = std::function<CaptureParseResult(PacketConsumer &, CaptureReadControl &)>;

// Decodes the packets `parse` produces from ctx.source.bytes (which stay mapped throughout) into
// ctx.source: capture data, HTTP transactions, time range, records, readCompleted.
void readCapture(ReadContext &ctx, const CaptureParser &parse);

} // namespace hs::net
