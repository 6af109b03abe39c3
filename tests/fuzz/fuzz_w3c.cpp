// SPDX-License-Identifier: MIT
#include "formats/w3c_reader.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const hs::W3cReader reader;
    hs::fuzz::runLogReader(reader, data, size);
    return 0;
}
