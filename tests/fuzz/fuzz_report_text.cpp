// SPDX-License-Identifier: MIT
// The report's text paths on arbitrary bytes: HTML escaping (with and without a length cap) must give
// valid UTF-8 with no markup character, NUL or bidi override left; the redactor's free-text, URI,
// connection-key and client paths must not crash and must not let an address through unredacted
// twice (a redacted text contains no address the redactor would still replace).
#include "formats/text_scan.h"
#include "report/html_escape.h"
#include "report/redact.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void checkEscaped(const std::string &s)
{
    if (!hs::text::isValidUtf8(s))
        std::abort();
    for (const char c : s)
        if (c == '<' || c == '>' || c == '"' || c == '\'' || c == '\0')
            std::abort();
    if (s.find("\xE2\x80\xAE") != std::string::npos || s.find("\xE2\x81\xA6") != std::string::npos)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view in(reinterpret_cast<const char *>(data), size);
    checkEscaped(hs::html::escape(in));
    checkEscaped(hs::html::escape(in, size % 64));

    hs::Redactor r;
    r.addServerAddress("10.0.0.50");
    const std::string once = r.text(in);
    const std::size_t tokens = r.clientCount();
    // Redacting the redacted text again finds no new address: nothing was missed the first time.
    const std::string twice = r.text(once);
    if (r.clientCount() != tokens)
        std::abort();
    (void)twice;
    (void)r.uri(in);
    (void)r.connectionKey(in);
    (void)r.client(in);
    checkEscaped(hs::html::escape(once));
    return 0;
}
