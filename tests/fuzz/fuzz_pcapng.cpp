// SPDX-License-Identifier: MIT
// pcapng reader (blocks, sections, interfaces, options), then link layers, IP, TCP and HTTP, on
// arbitrary bytes.
#include "formats/pcapng_reader.h"
#include "fuzz_capture.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const hs::PcapngReader reader;
    hs::fuzz::runCaptureReader(reader, data, size);
    return 0;
}
