// SPDX-License-Identifier: MIT
// Which server produced the evidence: some symptoms are specific to one IIS version (KB898708 and
// KB967853 to IIS 6.0, Q195179 to IIS 4.0). The capture's Server header says it for a connection;
// a W3C log's #Software directive says it for the whole site.
#pragma once

#include "kb/detector.h"

#include <span>
#include <string>

namespace hs::kb {

struct ServerIdentity {
    enum class Kind : std::uint8_t { Unknown, Iis, HttpApi, Other };
    Kind kind = Kind::Unknown;
    int major = 0, minor = 0; // IIS version when kind == Iis
    std::string text;         // the banner or directive as written
    std::string from;         // "Server header", "#Software in W3SVC1/ex061121.log"

    bool known() const noexcept { return kind != Kind::Unknown; }
    bool isIis(int wantMajor) const noexcept { return kind == Kind::Iis && major == wantMajor; }
    std::string describe() const; // "Microsoft-IIS/6.0 (Server header)"
};

ServerIdentity identifyBanner(std::string_view serverHeader);        // "Microsoft-IIS/6.0", "Apache"
ServerIdentity identifySoftware(std::string_view softwareDirective); // "Microsoft Internet Information Services 6.0"

// The first Server header among the connection's responses.
ServerIdentity serverOfConnection(const DetectContext &ctx, std::span<const Transaction> transactions);
// What the W3C logs' #Software says; Unknown when there is none or the logs disagree.
ServerIdentity serverFromLogs(const DetectContext &ctx);
// Banner first (it is per connection), then the logs.
ServerIdentity serverFor(const DetectContext &ctx, std::span<const Transaction> transactions);

} // namespace hs::kb
