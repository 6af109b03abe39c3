// SPDX-License-Identifier: MIT
// Escaping for everything that reaches the report from a log or a capture. One function serves text
// and (double- or single-quoted) attribute contexts: & < > " ' are all escaped. Byte sequences that
// are not UTF-8 are read as Windows-1252 (like the JSON writer), control characters become visible control
// pictures (NUL -> U+2400), and bidirectional overrides are shown by name so a log line cannot reorder
// the text around it ("Trojan Source").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hs::html {

inline constexpr std::size_t kNoLimit = ~std::size_t{0};

// Appends `raw` escaped. With a limit, at most `maxChars` code points are written, followed by
// "… [N more characters]" when the text was longer.
void appendEscaped(std::string &out, std::string_view raw, std::size_t maxChars = kNoLimit);
std::string escape(std::string_view raw, std::size_t maxChars = kNoLimit);

// Whether a URL from our own knowledge base may become an href: http(s) only, printable ASCII, no
// quotes, brackets, backslashes or spaces. Log and capture text never becomes a link at all; a URL
// that passes is still written through appendEscaped().
bool isSafeLink(std::string_view url) noexcept;

} // namespace hs::html
