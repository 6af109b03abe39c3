// SPDX-License-Identifier: MIT
// `--redact`: make a report that can leave the company. Client addresses become stable pseudonyms
// ("client-1", "client-2", … in order of first use, the same address always the same token within one
// Redactor), and cookies, query strings, `Authorization` values and user names are removed. Server
// addresses (s-ip, the server side of captured connections) are kept: they say which machine failed.
//
// One Redactor is shared by every output of one run (the CLI's JSON and HTML, the GUI's export), so
// the same client carries the same token in all of them. Not thread-safe.
#pragma once

#include "model/analysis.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace hs {

class Redactor {
public:
    static constexpr std::string_view kRemoved = "[redacted]";

    Redactor() = default;
    // Learns the server addresses of the analysis (one pass over the log records' s-ip ids).
    explicit Redactor(const Analysis &analysis);

    void addServerAddress(std::string_view address);
    bool isServerAddress(std::string_view address) const;

    // The pseudonym of a client address: IPv4/IPv6 in any spelling (zone ids ignored) map to one
    // token; non-address text gets a token of its own; "" and "-" stay as they are.
    std::string client(std::string_view address);
    // "10.0.0.5:51000->10.0.0.50:80" -> "client-1:51000->10.0.0.50:80".
    std::string connectionKey(std::string_view key);
    // The query string is replaced by "[redacted]"; addresses in the URI are treated as in text().
    std::string uri(std::string_view uri);
    // A raw log line, field by field when the source's #Fields layout applies to it (c-ip,
    // cs-uri-query, cs-uri, cs-username, cs(Cookie), cs(Authorization), cs(Referer), …); otherwise
    // as free text.
    std::string logLine(const Source &source, std::uint64_t line, std::string_view raw);
    // Free text (evidence summaries, header blocks, messages, file names): values of Cookie,
    // Set-Cookie, Authorization and Proxy-Authorization headers removed to the end of their line,
    // query strings of path-like tokens removed, and every IP address that is not a known server
    // address replaced by its client token.
    std::string text(std::string_view text);

    std::size_t clientCount() const noexcept { return tokens_.size(); }

private:
    std::string tokenFor(const std::string &key);
    std::string field(std::string_view name, std::string_view value);

    std::unordered_map<std::string, std::size_t> tokens_;
    std::unordered_set<std::string> servers_; // canonical address text
};

} // namespace hs
