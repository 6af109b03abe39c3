// SPDX-License-Identifier: MIT
#include "capture/http/http_head_parser.h"

#include "capture/http/http_syntax.h"
#include "model/transaction.h"

#include <cstring>

namespace hs::http {

namespace {

constexpr std::size_t idx(HeaderId id) noexcept
{
    return static_cast<std::size_t>(id);
}

bool isListField(HeaderId id) noexcept
{
    switch (id) {
    case HeaderId::Expect:
    case HeaderId::Connection:
    case HeaderId::TransferEncoding:
    case HeaderId::ContentLength:
    case HeaderId::Via:
    case HeaderId::Upgrade: return true;
    default: return false;
    }
}

void resetHead(ParsedHead &h) noexcept
{
    h.method = {};
    h.target = {};
    h.simpleRequest = false;
    h.status = 0;
    h.reason = {};
    h.version = HttpVersion::Unknown;
    h.values.fill({});
    h.counts.fill(0);
    h.hasContentLength = false;
    h.contentLength = -1;
    h.hasTransferEncoding = false;
    h.chunked = false;
    h.connectionClose = h.connectionKeepAlive = h.connectionUpgrade = false;
    h.violations = kViolationNone;
    h.fieldLines = 0;
}

// Makes values[i] a copy in scratch[i] (if it is not one already) and appends `sep` + `more`.
void appendValue(ParsedHead &h, std::size_t i, std::string_view sep, std::string_view more)
{
    std::string &s = h.scratch[i];
    if (h.values[i].data() != s.data() || h.values[i].size() != s.size())
        s.assign(h.values[i]);
    if (!s.empty() && !more.empty())
        s.append(sep);
    s.append(more);
    h.values[i] = s;
}

// Calls fn(element) for each comma-separated, space-trimmed, non-empty element of a list value.
template <typename Fn>
void forEachListElement(std::string_view list, Fn &&fn)
{
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        const std::string_view element = trimSpaces(list.substr(0, comma));
        if (!element.empty())
            fn(element);
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
}

void deriveContentLength(ParsedHead &h)
{
    const std::uint16_t lines = h.counts[idx(HeaderId::ContentLength)];
    if (lines == 0)
        return;
    h.hasContentLength = true;
    bool valid = true, first = true, disagree = false;
    std::size_t elements = 0;
    std::uint64_t value = 0;
    forEachListElement(h.value(HeaderId::ContentLength), [&](std::string_view element) {
        ++elements;
        std::uint64_t v = 0;
        if (!parseDecimal(element, v)) {
            valid = false;
            return;
        }
        if (first)
            value = v;
        else if (v != value)
            disagree = true;
        first = false;
    });
    if (elements == 0)
        valid = false; // "Content-Length:" with an empty value
    if (lines > 1 || elements > 1)
        h.violations |= kViolationDuplicateContentLength;
    if (!valid || disagree) {
        h.violations |= kViolationBadContentLength;
        return;
    }
    h.contentLength = static_cast<std::int64_t>(value);
}

void deriveTransferEncoding(ParsedHead &h)
{
    if (h.counts[idx(HeaderId::TransferEncoding)] == 0)
        return;
    bool any = false, lastChunked = false, unknown = false;
    forEachListElement(h.value(HeaderId::TransferEncoding), [&](std::string_view coding) {
        // Transfer-coding parameters ("gzip;q=1") do not change framing.
        coding = trimSpaces(coding.substr(0, coding.find(';')));
        if (equalsLower(coding, "identity")) {
            // Removed by RFC 7230. Alone it means "no coding" (Content-Length frames the body);
            // after chunked it still makes chunked not the final coding.
            unknown = true;
            lastChunked = false;
            return;
        }
        any = true;
        lastChunked = equalsLower(coding, "chunked");
        if (!lastChunked && !equalsLower(coding, "gzip") && !equalsLower(coding, "x-gzip") &&
            !equalsLower(coding, "deflate") && !equalsLower(coding, "compress") && !equalsLower(coding, "x-compress"))
            unknown = true;
    });
    if (!any && !unknown)
        unknown = true; // "Transfer-Encoding:" with an empty value
    if (unknown)
        h.violations |= kViolationUnknownTransferCoding;
    h.hasTransferEncoding = any;
    // A coding list that does not end in chunked has no length of its own (RFC 9112 §6.3).
    h.chunked = any && lastChunked;
    if (any && !lastChunked)
        h.violations |= kViolationUnknownTransferCoding;
}

void deriveConnection(ParsedHead &h)
{
    forEachListElement(h.value(HeaderId::Connection), [&](std::string_view option) {
        if (equalsLower(option, "close"))
            h.connectionClose = true;
        else if (equalsLower(option, "keep-alive"))
            h.connectionKeepAlive = true;
        else if (equalsLower(option, "upgrade"))
            h.connectionUpgrade = true;
    });
}

// Splits off the next line: returns it without its line end and advances `rest` past the LF.
// `sawEnd` tells whether the line had an LF at all (the last line of a cut block may not).
std::string_view nextLine(std::string_view &rest, bool &bareLf, bool &sawEnd) noexcept
{
    const void *lf = std::memchr(rest.data(), '\n', rest.size());
    std::string_view line;
    if (!lf) {
        line = rest;
        rest = {};
        sawEnd = false;
    } else {
        const auto n = static_cast<std::size_t>(static_cast<const char *>(lf) - rest.data());
        line = rest.substr(0, n);
        rest.remove_prefix(n + 1);
        sawEnd = true;
        if (line.empty() || line.back() != '\r')
            bareLf = true;
    }
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    return line;
}

// A CR inside a line (not before its LF) is no line end for us, nor for HTTP.sys; lenient parsers
// that take it as one see different headers: a request-smuggling vector worth flagging.
bool hasBareCr(std::string_view line) noexcept
{
    return std::memchr(line.data(), '\r', line.size()) != nullptr;
}

void parseFields(std::string_view rest, ParsedHead &h)
{
    bool bareLf = false;
    HeaderId previous = HeaderId::Count;
    bool havePrevious = false;
    while (!rest.empty()) {
        bool sawEnd = false;
        const std::string_view line = nextLine(rest, bareLf, sawEnd);
        if (line.empty()) {
            if (sawEnd)
                break; // the empty line that ends the block
            continue;
        }
        if (!sawEnd) {
            // The last line of a block cut by a gap or the end of the capture: read what it holds,
            // but do not judge a line we did not see whole.
            const std::uint32_t before = h.violations;
            const std::size_t colon = line.find(':');
            if (colon != std::string_view::npos && !isSpaceOrTab(line.front())) {
                const HeaderId id = headerIdOf(trimSpaces(line.substr(0, colon)));
                if (id != HeaderId::Count && h.counts[idx(id)]++ == 0)
                    h.values[idx(id)] = trimSpaces(line.substr(colon + 1));
            }
            h.violations = before;
            break;
        }
        if (isSpaceOrTab(line.front())) {
            // obs-fold: a continuation of the previous field's value (RFC 9112 §5.2).
            if (!havePrevious) {
                h.violations |= kViolationBadHeader; // nothing to continue
                continue;
            }
            h.violations |= kViolationFoldedHeader;
            if (hasBareCr(line))
                h.violations |= kViolationBadHeader;
            if (previous != HeaderId::Count)
                appendValue(h, idx(previous), " ", trimSpaces(line));
            continue;
        }
        ++h.fieldLines;
        if (hasBareCr(line))
            h.violations |= kViolationBadHeader;
        const void *colonPtr = std::memchr(line.data(), ':', line.size());
        if (!colonPtr) {
            h.violations |= kViolationBadHeader;
            havePrevious = false;
            continue;
        }
        const auto colon = static_cast<std::size_t>(static_cast<const char *>(colonPtr) - line.data());
        std::string_view name = line.substr(0, colon);
        // "Name : value" is rejected by RFC 9112 §5.1 (a request-smuggling vector); we keep it.
        if (!name.empty() && isSpaceOrTab(name.back())) {
            h.violations |= kViolationBadHeader;
            name = trimSpaces(name);
        }
        if (name.empty()) {
            h.violations |= kViolationBadHeader;
        } else {
            for (const char c : name)
                if (!isTokenChar(static_cast<unsigned char>(c))) {
                    h.violations |= kViolationBadHeader;
                    break;
                }
        }
        havePrevious = true;
        previous = headerIdOf(name);
        if (previous == HeaderId::Count)
            continue;
        const std::size_t i = idx(previous);
        const std::string_view value = trimSpaces(line.substr(colon + 1));
        if (h.counts[i]++ == 0)
            h.values[i] = value;
        else if (isListField(previous))
            appendValue(h, i, ", ", value);
    }
    if (bareLf)
        h.violations |= kViolationBareLf;
    deriveContentLength(h);
    deriveTransferEncoding(h);
    deriveConnection(h);
}

// Splits "start line" + rest of the block.
std::string_view splitStartLine(std::string_view head, std::string_view &rest, bool &bareLf) noexcept
{
    bool sawEnd = false;
    rest = head;
    return nextLine(rest, bareLf, sawEnd);
}

bool looksLikeProtocolToken(std::string_view t) noexcept
{
    // "HTTP/1.1", "JUNK/1.0": a letter first and a slash inside. A path ("/b") is not one.
    if (t.empty() || !((t[0] >= 'A' && t[0] <= 'Z') || (t[0] >= 'a' && t[0] <= 'z')))
        return false;
    return t.find('/') != std::string_view::npos;
}

} // namespace

HeaderId headerIdOf(std::string_view name) noexcept
{
    switch (name.size()) {
    case 3: return equalsLower(name, "via") ? HeaderId::Via : HeaderId::Count;
    case 4: return equalsLower(name, "host") ? HeaderId::Host : HeaderId::Count;
    case 6:
        if (equalsLower(name, "expect"))
            return HeaderId::Expect;
        return equalsLower(name, "server") ? HeaderId::Server : HeaderId::Count;
    case 7: return equalsLower(name, "upgrade") ? HeaderId::Upgrade : HeaderId::Count;
    case 10:
        if (equalsLower(name, "connection"))
            return HeaderId::Connection;
        return equalsLower(name, "user-agent") ? HeaderId::UserAgent : HeaderId::Count;
    case 14: return equalsLower(name, "content-length") ? HeaderId::ContentLength : HeaderId::Count;
    case 17: return equalsLower(name, "transfer-encoding") ? HeaderId::TransferEncoding : HeaderId::Count;
    default: return HeaderId::Count;
    }
}

bool requestLineHasVersion(std::string_view line) noexcept
{
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    // " HTTP/d.d"
    if (line.size() < 9)
        return false;
    const std::string_view tail = line.substr(line.size() - 9);
    return isSpaceOrTab(tail[0]) && startsWithLower(tail.substr(1), "http/") && tail[6] >= '0' && tail[6] <= '9' &&
           tail[7] == '.' && tail[8] >= '0' && tail[8] <= '9';
}

RequestLine parseRequestLine(std::string_view line) noexcept
{
    RequestLine r;
    if (!line.empty() && isSpaceOrTab(line.front())) {
        r.bad = true;
        line = trimSpaces(line);
    }
    std::size_t i = 0;
    while (i < line.size() && !isSpaceOrTab(line[i]))
        ++i;
    r.method = line.substr(0, i);
    for (const char c : r.method)
        if (!isTokenChar(static_cast<unsigned char>(c))) {
            r.bad = true;
            break;
        }
    std::string_view rest = line.substr(i);
    if (rest.size() > 1 && isSpaceOrTab(rest[1]))
        r.bad = true; // more than one space after the method
    rest = trimSpaces(rest);
    if (rest.empty()) {
        // "HELLO": a method without target is not even an HTTP/0.9 request.
        r.simpleRequest = true;
        r.version = HttpVersion::Http09;
        r.bad = true;
        return r;
    }
    std::size_t lastSpace = rest.size();
    while (lastSpace > 0 && !isSpaceOrTab(rest[lastSpace - 1]))
        --lastSpace;
    const std::string_view last = rest.substr(lastSpace);
    if (lastSpace > 0 && looksLikeProtocolToken(last)) {
        r.target = trimSpaces(rest.substr(0, lastSpace));
        if (lastSpace >= 2 && isSpaceOrTab(rest[lastSpace - 2]))
            r.bad = true; // several spaces before the version
        r.version = startsWithLower(last, "http/") ? parseHttpVersion(last) : HttpVersion::Other;
        if (last.substr(0, 5) != "HTTP/")
            r.bad = true; // "http/1.1", "JUNK/1.0"
        if (r.version != HttpVersion::Http10 && r.version != HttpVersion::Http11 && r.version != HttpVersion::Http09)
            r.bad = true;
    } else {
        // No version: an HTTP/0.9 simple request ("GET /path"); only GET existed then.
        r.target = rest;
        r.simpleRequest = true;
        r.version = HttpVersion::Http09;
        if (r.method != "GET")
            r.bad = true;
    }
    for (const char c : r.target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= ' ' || u == 0x7f) { // spaces, NUL and other controls inside the target
            r.bad = true;
            break;
        }
    }
    if (r.method.empty() || r.target.empty())
        r.bad = true;
    return r;
}

void parseStatusLine(std::string_view line, ParsedHead &h)
{
    bool bad = false;
    std::size_t i = 0;
    while (i < line.size() && !isSpaceOrTab(line[i]))
        ++i;
    const std::string_view versionText = line.substr(0, i);
    h.version = parseHttpVersion(versionText);
    if (versionText.substr(0, 5) != "HTTP/" || (h.version != HttpVersion::Http10 && h.version != HttpVersion::Http11))
        bad = true;
    std::string_view rest = line.substr(i);
    if ((!rest.empty() && rest[0] != ' ') || (rest.size() > 1 && isSpaceOrTab(rest[1])))
        bad = true; // the status line's separators are single spaces (RFC 9112 §4)
    while (!rest.empty() && isSpaceOrTab(rest.front()))
        rest.remove_prefix(1);
    std::size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9')
        ++digits;
    if (digits == 3) {
        h.status = static_cast<std::uint16_t>((rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0'));
        if (rest.size() > 3 && rest[3] != ' ')
            bad = true;       // "200ok", "200\tOK": the code is still clear
        if (h.status < 100) { // "HTTP/1.1 099": a status outside 100-999 is no status
            bad = true;
            h.status = 0;
        }
        h.reason = trimSpaces(rest.substr(3));
    } else {
        bad = true;
        h.status = 0;
        h.reason = trimSpaces(rest.substr(digits));
    }
    if (hasBareCr(line))
        bad = true;
    if (bad)
        h.violations |= kViolationBadStatusLine;
}

void parseRequestHead(std::string_view head, ParsedHead &out)
{
    resetHead(out);
    std::string_view rest;
    bool bareLf = false;
    const RequestLine r = parseRequestLine(splitStartLine(head, rest, bareLf));
    out.method = r.method;
    out.target = r.target;
    out.version = r.version;
    out.simpleRequest = r.simpleRequest;
    if (r.bad)
        out.violations |= kViolationBadRequestLine;
    if (bareLf)
        out.violations |= kViolationBareLf;
    if (!out.simpleRequest)
        parseFields(rest, out);
}

void parseResponseHead(std::string_view head, ParsedHead &out)
{
    resetHead(out);
    std::string_view rest;
    bool bareLf = false;
    const std::string_view line = splitStartLine(head, rest, bareLf);
    parseStatusLine(line, out);
    if (bareLf)
        out.violations |= kViolationBareLf;
    parseFields(rest, out);
}

} // namespace hs::http
