// SPDX-License-Identifier: MIT
#include "model/finding.h"

namespace hs {

std::string_view toString(Severity s) noexcept
{
    switch (s) {
    case Severity::Critical: return "critical";
    case Severity::Warning: return "warning";
    case Severity::Info: break;
    }
    return "info";
}

std::string_view toString(Confidence c) noexcept
{
    switch (c) {
    case Confidence::High: return "high";
    case Confidence::Medium: return "medium";
    case Confidence::Low: break;
    }
    return "low";
}

bool parseSeverity(std::string_view text, Severity &out) noexcept
{
    if (text == "info")
        out = Severity::Info;
    else if (text == "warning")
        out = Severity::Warning;
    else if (text == "critical")
        out = Severity::Critical;
    else
        return false;
    return true;
}

} // namespace hs
