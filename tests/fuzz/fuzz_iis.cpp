// SPDX-License-Identifier: MIT
#include "formats/iis_native_reader.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const hs::IisNativeReader reader;
    hs::fuzz::runLogReader(reader, data, size);
    return 0;
}
