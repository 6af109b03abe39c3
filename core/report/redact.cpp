// SPDX-License-Identifier: MIT
#include "report/redact.h"

#include "formats/text_scan.h"
#include "model/ip_address.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace hs {
namespace {

bool isAlnum(char c) noexcept
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

bool isHex(char c) noexcept
{
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

std::string canonical(std::string_view address)
{
    if (const auto ip = parseIp(address))
        return ip->address.toString();
    return {};
}

// Header names whose values are secrets (case-insensitive, including the colon).
constexpr std::array<std::string_view, 4> kSecretHeaders = {
    "set-cookie:", "cookie:", "proxy-authorization:", "authorization:"};

std::string removeSecretHeaders(std::string_view in)
{
    std::string out;
    out.reserve(in.size());
    std::size_t i = 0;
    while (i < in.size()) {
        std::size_t matched = 0;
        // A header name starts a line or follows a separator, never the middle of a word
        // ("Set-Cookie:" is matched as itself, not as "Cookie:" inside it).
        const bool boundary = i == 0 || !(isAlnum(in[i - 1]) || in[i - 1] == '-');
        if (boundary) {
            for (const auto name : kSecretHeaders) {
                if (text::startsWithNoCase(in.substr(i), name)) {
                    matched = name.size();
                    break;
                }
            }
        }
        if (matched == 0) {
            out += in[i++];
            continue;
        }
        out.append(in.substr(i, matched));
        i += matched;
        std::size_t end = i;
        while (end < in.size() && in[end] != '\r' && in[end] != '\n')
            ++end;
        out += ' ';
        out += Redactor::kRemoved;
        i = end;
    }
    return out;
}

bool endsToken(char c) noexcept
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`';
}

// "/a/b?x=1" -> "/a/b?[redacted]" for every '?' inside a token that looks like a path or URL.
std::string removeQueries(std::string_view in)
{
    std::string out;
    out.reserve(in.size());
    std::size_t tokenStart = 0;
    std::size_t i = 0;
    while (i < in.size()) {
        const char c = in[i];
        if (endsToken(c)) {
            out += c;
            ++i;
            tokenStart = i;
            continue;
        }
        if (c == '?' && i + 1 < in.size() && !endsToken(in[i + 1])) {
            const std::string_view before = in.substr(tokenStart, i - tokenStart);
            if (before.find('/') != std::string_view::npos) {
                out += '?';
                out += Redactor::kRemoved;
                while (i < in.size() && !endsToken(in[i]))
                    ++i;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out;
}

// After "a.b.c.d:" or "[v6]:" a port ("10.0.0.5:51000") ends the address; "10.0.0.5::1" does not.
bool isPortSuffix(std::string_view rest) noexcept
{
    std::size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])))
        ++digits;
    if (digits == 0 || digits > 5)
        return false;
    return digits == rest.size() ||
           !(isAlnum(rest[digits]) || rest[digits] == ':' || rest[digits] == '.' || rest[digits] == '%');
}

// Text right after a replaced address that would make a longer address-like run with it: a ':' not
// starting a port, a '%', or a '.' that does not end a sentence ("fe80::1%3b8::1", "10.0.0.5::1",
// "[fe80::1]:80b6::1", "[::1]10.0.0.5"). Left behind, it would join the token's last digit ("client-1" + "::1") into
// an address of its own, which a second pass would then replace.
bool continuesAddress(std::string_view rest) noexcept
{
    if (rest.empty())
        return false;
    if (rest[0] == ':')
        return !isPortSuffix(rest.substr(1));
    if (rest[0] == '%' || isAlnum(rest[0])) // after "[…]": digits would extend the token's number
        return true;
    return rest[0] == '.' && rest.size() > 1 && (isAlnum(rest[1]) || rest[1] == ':' || rest[1] == '.');
}

} // namespace

Redactor::Redactor(const Analysis &analysis)
{
    for (const auto &conn : analysis.connections)
        if (conn.server.valid())
            servers_.insert(conn.server.ip.toString());
    std::unordered_set<StrId> ids;
    for (const auto &src : analysis.sources) {
        if (!src->log)
            continue;
        // s-ip rarely changes within a file: the last-id check keeps this a compare per record.
        StrId last = StringPool::kNotFound;
        auto note = [&](StrId id) {
            if (id != last) {
                last = id;
                ids.insert(id);
            }
        };
        src->log->access.forEach([&](const AccessRecord &r) { note(r.serverIp); });
        for (const HttpErrContext &c : src->log->httpErrContexts) // every s-ip of the file, each once
            note(c.serverIp);
    }
    for (const StrId id : ids)
        if (id != kEmptyStr)
            addServerAddress(analysis.str(id));
}

void Redactor::addServerAddress(std::string_view address)
{
    std::string c = canonical(address);
    if (!c.empty())
        servers_.insert(std::move(c));
}

bool Redactor::isServerAddress(std::string_view address) const
{
    const std::string c = canonical(address);
    return !c.empty() && servers_.count(c) != 0;
}

std::string Redactor::tokenFor(const std::string &key)
{
    const auto [it, inserted] = tokens_.try_emplace(key, tokens_.size() + 1);
    return "client-" + std::to_string(it->second);
}

std::string Redactor::client(std::string_view address)
{
    if (address.empty() || address == "-")
        return std::string(address);
    std::string key = canonical(address);
    if (key.empty())
        key = "text:" + std::string(address);
    return tokenFor(key);
}

std::string Redactor::connectionKey(std::string_view key)
{
    const std::size_t arrow = key.find("->");
    if (arrow == std::string_view::npos)
        return text(key);
    const std::string_view clientPart = key.substr(0, arrow);
    const std::string_view serverPart = key.substr(arrow + 2);
    const std::size_t colon = clientPart.rfind(':');
    if (colon == std::string_view::npos)
        return text(key);
    std::string_view address = clientPart.substr(0, colon);
    if (address.size() >= 2 && address.front() == '[' && address.back() == ']')
        address = address.substr(1, address.size() - 2);
    if (!parseIp(address))
        return text(key);
    std::string out = client(address);
    out.append(clientPart.substr(colon));
    out += "->";
    out.append(serverPart); // the server side of a connection is a server address: kept
    return out;
}

std::string Redactor::uri(std::string_view uri)
{
    const std::size_t q = uri.find('?');
    if (q == std::string_view::npos)
        return text(uri);
    std::string out = text(uri.substr(0, q));
    out += '?';
    if (q + 1 < uri.size())
        out += kRemoved;
    return out;
}

std::string Redactor::field(std::string_view name, std::string_view value)
{
    if (value == "-" || value.empty())
        return std::string(value);
    const auto is = [&](std::string_view n) { return text::equalsNoCase(name, n); };
    if (is("c-ip"))
        return client(value);
    if (is("cs-uri-query") || is("cs-username") || is("cs(cookie)") || is("sc(set-cookie)") || is("cs(set-cookie)") ||
        is("cs(authorization)") || is("cs(proxy-authorization)"))
        return std::string(kRemoved);
    if (is("cs-uri") || is("cs-uri-stem") || is("cs(referer)") || is("cs(referrer)"))
        return uri(value);
    return text(value);
}

std::string Redactor::logLine(const Source &source, std::uint64_t line, std::string_view raw)
{
    if (!source.log || (source.format != FormatId::W3c && source.format != FormatId::HttpErr))
        return text(raw);
    std::string_view trimmed = raw;
    while (!trimmed.empty() && (trimmed.back() == '\r' || trimmed.back() == '\n'))
        trimmed.remove_suffix(1);
    std::vector<std::string_view> values;
    std::size_t start = 0;
    while (start <= trimmed.size()) {
        const std::size_t sp = trimmed.find(' ', start);
        const std::size_t end = sp == std::string_view::npos ? trimmed.size() : sp;
        values.push_back(trimmed.substr(start, end - start));
        if (sp == std::string_view::npos)
            break;
        start = sp + 1;
    }
    // The layout in force at `line`: the last #Fields declared before it; lines outside any declared
    // layout were read with an assumed (default) one, recognised here by its field count.
    const FieldLayout *layout = nullptr;
    for (const auto &l : source.log->layouts)
        if (!l.assumed && l.line < line && (!layout || l.line >= layout->line))
            layout = &l;
    if (!layout || layout->fields.size() != values.size()) {
        layout = nullptr;
        for (const auto &l : source.log->layouts)
            if (l.assumed && l.fields.size() == values.size())
                layout = &l;
    }
    if (!layout)
        return text(raw); // not a shape we know: free-text rules are the safe fallback
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i)
            out += ' ';
        out += field(layout->fields[i], values[i]);
    }
    return out;
}

std::string Redactor::text(std::string_view input)
{
    const std::string stage = removeQueries(removeSecretHeaders(input));
    const std::string_view in = stage;
    std::string out;
    out.reserve(in.size());
    std::size_t i = 0;
    while (i < in.size()) {
        const char c = in[i];
        const bool startsCandidate =
            (isHex(c) || c == ':') &&
            (i == 0 || !(isAlnum(in[i - 1]) || in[i - 1] == '.' || in[i - 1] == ':' || in[i - 1] == '%'));
        if (!startsCandidate) {
            out += c;
            ++i;
            continue;
        }
        // Longest run that could be an IPv6 address (with a zone id), then the dotted-quad prefix.
        std::size_t v6 = i;
        while (v6 < in.size() && (isHex(in[v6]) || in[v6] == ':' || in[v6] == '.'))
            ++v6;
        std::size_t v6end = v6;
        while (v6end > i && in[v6end - 1] == '.') // "… from fe80::1." ends a sentence
            --v6end;
        if (v6end == v6 && v6end < in.size() && in[v6end] == '%') {
            std::size_t z = v6end + 1;
            while (z < in.size() && isAlnum(in[z]))
                ++z;
            if (z > v6end + 1)
                v6end = z;
        }
        std::string_view candidate;
        std::string_view v6run = in.substr(i, v6 - i);
        while (!v6run.empty() && v6run.back() == '.')
            v6run.remove_suffix(1);
        if (std::count(v6run.begin(), v6run.end(), ':') >= 2 && parseIp(in.substr(i, v6end - i)) &&
            (v6end >= in.size() || !isAlnum(in[v6end])))
            candidate = in.substr(i, v6end - i);
        if (candidate.empty()) {
            std::size_t v4 = i;
            while (v4 < in.size() && (std::isdigit(static_cast<unsigned char>(in[v4])) || in[v4] == '.'))
                ++v4;
            std::string_view run = in.substr(i, v4 - i);
            while (!run.empty() && run.back() == '.')
                run.remove_suffix(1);
            const std::size_t after = i + run.size();
            const bool bounded =
                after >= in.size() ||
                !(isAlnum(in[after]) || (in[after] == '.' && after + 1 < in.size() && isAlnum(in[after + 1])));
            if (std::count(run.begin(), run.end(), '.') == 3 && bounded && parseIp(run))
                candidate = run;
        }
        if (candidate.empty() || isServerAddress(candidate)) {
            const std::size_t skip = std::max<std::size_t>(candidate.empty() ? v6 - i : candidate.size(), 1);
            out.append(in.substr(i, skip));
            i += skip;
            continue;
        }
        // "[fe80::1%3]" loses its brackets with the address: the token is not an IPv6 literal.
        const bool bracketed =
            !out.empty() && out.back() == '[' && i + candidate.size() < in.size() && in[i + candidate.size()] == ']';
        if (bracketed)
            out.pop_back();
        out += client(candidate);
        i += candidate.size() + (bracketed ? 1 : 0);
        // Whatever address-like text was glued to the address is replaced with it: left behind, it
        // would join the token's last digit ("client-1" + "::1") into an address of its own.
        if (continuesAddress(in.substr(i)))
            while (i < in.size() && (isAlnum(in[i]) || in[i] == ':' || in[i] == '.' || in[i] == '%'))
                ++i;
    }
    return out;
}

} // namespace hs
