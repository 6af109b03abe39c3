// SPDX-License-Identifier: MIT
// pcap reader, link layers, IP defragmentation, TCP reassembly and HTTP on arbitrary bytes.
#include "formats/pcap_reader.h"
#include "fuzz_capture.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const hs::PcapReader reader;
    hs::fuzz::runCaptureReader(reader, data, size);
    return 0;
}
