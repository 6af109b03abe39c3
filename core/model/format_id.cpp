// SPDX-License-Identifier: MIT
#include "model/format_id.h"

namespace hs {

std::string_view formatName(FormatId f) noexcept
{
    switch (f) {
    case FormatId::W3c: return "w3c";
    case FormatId::HttpErr: return "httperr";
    case FormatId::IisNative: return "iis";
    case FormatId::Ncsa: return "ncsa";
    case FormatId::Pcap: return "pcap";
    case FormatId::Pcapng: return "pcapng";
    case FormatId::Har: return "har";
    case FormatId::Saz: return "saz";
    case FormatId::Unknown: break;
    }
    return "unknown";
}

std::string_view formatDisplayName(FormatId f) noexcept
{
    switch (f) {
    case FormatId::W3c: return "IIS W3C extended log";
    case FormatId::HttpErr: return "HTTP.sys error log (HTTPERR)";
    case FormatId::IisNative: return "IIS log format (comma separated)";
    case FormatId::Ncsa: return "NCSA common/combined log";
    case FormatId::Pcap: return "pcap capture";
    case FormatId::Pcapng: return "pcapng capture";
    case FormatId::Har: return "HAR 1.2 export";
    case FormatId::Saz: return "Fiddler session archive (SAZ)";
    case FormatId::Unknown: break;
    }
    return "not recognised";
}

SourceKind sourceKind(FormatId f) noexcept
{
    switch (f) {
    case FormatId::Pcap:
    case FormatId::Pcapng: return SourceKind::Capture;
    case FormatId::Har:
    case FormatId::Saz: return SourceKind::Export;
    default: return SourceKind::Log;
    }
}

} // namespace hs
