// SPDX-License-Identifier: MIT
// The format registry: built by a function (never by static-init registration, which silently
// drops readers from a static library) and probed in a fixed order: every magic reader first,
// then the heuristic readers by score. The file extension only breaks ties.
#pragma once

#include "formats/format_reader.h"

#include <memory>
#include <string>
#include <vector>

namespace hs {

struct Detection {
    const FormatReader *reader = nullptr; // null: not recognised
    SniffResult result;
    std::vector<std::string> rejections; // "w3c: no #Fields directive and no W3C-shaped line", …
};

class FormatRegistry {
public:
    static FormatRegistry createDefault();

    void add(std::unique_ptr<FormatReader> reader);
    Detection detect(const SniffInput &input) const;
    const FormatReader *reader(FormatId id) const noexcept;
    const std::vector<std::unique_ptr<FormatReader>> &readers() const noexcept { return readers_; }

private:
    std::vector<std::unique_ptr<FormatReader>> readers_;
};

} // namespace hs
