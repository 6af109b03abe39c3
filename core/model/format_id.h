// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string_view>

namespace hs {

enum class FormatId : std::uint8_t { Unknown, W3c, HttpErr, IisNative, Ncsa, Pcap, Pcapng, Har, Saz };

enum class SourceKind : std::uint8_t { Log, Capture, Export };

// Stable names used in the JSON `format` field and on the command line.
std::string_view formatName(FormatId f) noexcept;
// Display names ("W3C extended log", "HTTP.sys error log (HTTPERR)", …).
std::string_view formatDisplayName(FormatId f) noexcept;
SourceKind sourceKind(FormatId f) noexcept;

} // namespace hs
