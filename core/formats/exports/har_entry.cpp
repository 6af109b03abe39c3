// SPDX-License-Identifier: MIT
// HAR values arrive as QJsonValue (the reader parses one entry at a time with QJsonDocument), so
// strings pass through QString once per value here. That is fine for exports: a HAR holds
// thousands of entries, not the hundreds of millions of rows the log readers' hot paths see.
#include "formats/exports/har_entry.h"

#include "formats/exports/url_parts.h"
#include "formats/text_scan.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QString>

#include <cmath>

namespace hs {
namespace {

// HTTP.sys refuses header fields longer than 64 KiB (MaxFieldLength tops out at 65534), so longer
// values are not what a server saw; keep the first 64 KiB and say so.
constexpr std::size_t kMaxInternedValue = 64 * 1024;
constexpr std::size_t kMaxHeadBytes = 256 * 1024; // one reconstructed header block in the arena
constexpr double kMaxMs = 1e12;                   // ~31 years; anything larger is not a duration

std::string utf8(const QString &s)
{
    const QByteArray b = s.toUtf8();
    return std::string(b.constData(), static_cast<std::size_t>(b.size()));
}

class EntryProblems {
public:
    EntryProblems(ProblemList &list, const HarEntryLocation &where) : list_(list), where_(where) {}
    void add(ProblemLevel level, std::string category, const std::string &message) const
    {
        list_.add(Problem{where_.line, where_.offset, where_.number, level, std::move(category),
                          "entry " + std::to_string(where_.number) + ": " + message});
    }

private:
    ProblemList &list_;
    const HarEntryLocation &where_;
};

const char *typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return "null";
    case QJsonValue::Bool: return "a boolean";
    case QJsonValue::Double: return "a number";
    case QJsonValue::String: return "a string";
    case QJsonValue::Array: return "an array";
    case QJsonValue::Object: return "an object";
    case QJsonValue::Undefined: break;
    }
    return "missing";
}

// A HAR size or status: a whole number in range, or nullopt. -1 ("not available") comes back as -1.
std::optional<std::int64_t> wholeNumber(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < -1 || d > 9.0e15 || std::floor(d) != d)
        return std::nullopt;
    return static_cast<std::int64_t>(d);
}

// A timing in milliseconds (fractional in Chrome exports) to microseconds; nullopt for absent,
// negative ("-1 = does not apply") or garbage values.
std::optional<TimeUs> timingUs(const QJsonObject &timings, const char *name)
{
    const QJsonValue v = timings.value(QLatin1String(name));
    if (!v.isDouble())
        return std::nullopt;
    const double ms = v.toDouble();
    if (!std::isfinite(ms) || ms < 0 || ms > kMaxMs)
        return std::nullopt;
    return static_cast<TimeUs>(std::llround(ms * 1000.0));
}

bool equalsNoCase(const QString &a, const char *b)
{
    return a.compare(QLatin1String(b), Qt::CaseInsensitive) == 0;
}

// The last transfer coding decides the framing ("gzip, chunked" is chunked).
bool lastCodingIsChunked(std::string_view te)
{
    const std::size_t comma = te.rfind(',');
    const std::string_view last = text::trim(comma == std::string_view::npos ? te : te.substr(comma + 1));
    return text::equalsNoCase(last, "chunked");
}

struct HeaderScan {
    TransactionHeaders *headers = nullptr;
    std::uint32_t *violations = nullptr;
    bool sawContentLength = false;
    bool sawTransferEncoding = false;
    bool chunked = false;
    StrId authority = kEmptyStr; // HTTP/2 ":authority", stands in for Host
    std::string head;            // the header block rebuilt for display
};

class HeaderReader {
public:
    HeaderReader(InternCache &strings, const EntryProblems &problems) : strings_(strings), problems_(problems) {}

    void read(const QJsonValue &value, const char *where, HeaderScan &scan)
    {
        if (value.isUndefined() || value.isNull())
            return;
        if (!value.isArray()) {
            problems_.add(ProblemLevel::Warning, "entry-field",
                          std::string(where) + ".headers is " + typeName(value) + ", not an array");
            return;
        }
        const QJsonArray list = value.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QJsonValue h = list.at(i);
            const QJsonValue name = h.toObject().value(QLatin1String("name"));
            const QJsonValue val = h.toObject().value(QLatin1String("value"));
            if (!h.isObject() || !name.isString() || !(val.isString() || val.isDouble())) {
                problems_.add(ProblemLevel::Warning, "entry-field",
                              std::string(where) + ".headers[" + std::to_string(i) +
                                  "] is not a {name, value} pair of strings");
                continue;
            }
            const QString n = name.toString();
            const std::string v = val.isString() ? utf8(val.toString()) : std::to_string(val.toDouble());
            const std::string nameUtf8 = utf8(n);
            if (scan.head.size() < kMaxHeadBytes + 1) {
                scan.head.append(nameUtf8).append(": ").append(v).append("\r\n");
            }
            take(n, v, where, scan);
        }
    }

private:
    StrId intern(std::string_view v, const QString &name, const char *where)
    {
        if (v.size() > kMaxInternedValue) {
            problems_.add(ProblemLevel::Note, "long-header",
                          std::string(where) + " header " + utf8(name) + " is " + std::to_string(v.size()) +
                              " bytes long; its first " + std::to_string(kMaxInternedValue) + " bytes are kept");
            v = v.substr(0, kMaxInternedValue);
        }
        return strings_.intern(v);
    }

    // The first occurrence of each header counts, as a server reading the block top-down would.
    void takeFirst(StrId &slot, std::string_view v, const QString &name, const char *where)
    {
        if (slot == kEmptyStr)
            slot = intern(v, name, where);
    }

    void take(const QString &n, const std::string &v, const char *where, HeaderScan &scan)
    {
        TransactionHeaders &h = *scan.headers;
        if (equalsNoCase(n, "expect")) {
            takeFirst(h.expect, v, n, where);
        } else if (equalsNoCase(n, "connection")) {
            takeFirst(h.connection, v, n, where);
        } else if (equalsNoCase(n, "transfer-encoding")) {
            takeFirst(h.transferEncoding, v, n, where);
            scan.sawTransferEncoding = true;
            scan.chunked = lastCodingIsChunked(v);
            if (!scan.chunked)
                *scan.violations |= kViolationUnknownTransferCoding;
        } else if (equalsNoCase(n, "content-length")) {
            std::int64_t length = -1;
            std::uint64_t parsed = 0;
            if (text::parseUnsigned(text::trim(v), parsed) && parsed <= static_cast<std::uint64_t>(INT64_MAX))
                length = static_cast<std::int64_t>(parsed);
            else
                *scan.violations |= kViolationBadContentLength;
            if (scan.sawContentLength && length != h.contentLength)
                *scan.violations |= kViolationDuplicateContentLength;
            if (!scan.sawContentLength)
                h.contentLength = length;
            scan.sawContentLength = true;
        } else if (equalsNoCase(n, "server")) {
            takeFirst(h.server, v, n, where);
        } else if (equalsNoCase(n, "user-agent")) {
            takeFirst(h.userAgent, v, n, where);
        } else if (equalsNoCase(n, "host")) {
            takeFirst(h.host, v, n, where);
        } else if (equalsNoCase(n, ":authority")) {
            takeFirst(scan.authority, v, n, where);
        } else if (equalsNoCase(n, "via")) {
            takeFirst(h.via, v, n, where);
        }
    }

    InternCache &strings_;
    const EntryProblems &problems_;
};

BodyFraming framingFromHeaders(const HeaderScan &scan, std::uint32_t &violations)
{
    if (scan.sawTransferEncoding) {
        if (scan.sawContentLength) {
            violations |= kViolationTeAndCl;
            return scan.chunked ? BodyFraming::ChunkedAndLength : BodyFraming::Unknown;
        }
        return scan.chunked ? BodyFraming::Chunked : BodyFraming::Unknown;
    }
    if (scan.sawContentLength) {
        const std::int64_t cl = scan.headers->contentLength;
        return cl < 0 ? BodyFraming::Unknown : cl == 0 ? BodyFraming::None : BodyFraming::ContentLength;
    }
    return BodyFraming::None;
}

std::string shortened(std::string s, std::size_t max = 80)
{
    if (s.size() > max) {
        s.resize(max);
        s += "…";
    }
    return s;
}

// What the request of an entry said beyond the transaction's fields: the head is rebuilt from it.
struct RequestInfo {
    std::string method, url, version;
    UrlParts parts; // views into url
    HeaderScan headers;
};

struct ResponseInfo {
    std::string version, reason;
    HeaderScan headers;
};

TimeUs readStarted(const QJsonObject &entry, const EntryProblems &report)
{
    const QJsonValue value = entry.value(QLatin1String("startedDateTime"));
    if (!value.isString()) {
        report.add(ProblemLevel::Warning, "bad-time",
                   std::string("startedDateTime is ") + typeName(value) + "; the entry has no times");
        return kNoTime;
    }
    const std::string text = utf8(value.toString());
    if (const auto parsed = parseIso(text))
        return *parsed;
    report.add(ProblemLevel::Warning, "bad-time",
               "startedDateTime \"" + shortened(text) + "\" is not an ISO 8601 time; the entry has no times");
    return kNoTime;
}

void readRequest(const QJsonObject &request, Transaction &t, RequestInfo &info, InternCache &strings,
                 HeaderReader &headerReader, const EntryProblems &report)
{
    const QJsonValue method = request.value(QLatin1String("method"));
    if (method.isString()) {
        info.method = utf8(method.toString());
        t.method = strings.intern(info.method);
    } else {
        report.add(ProblemLevel::Warning, "entry-field", std::string("request.method is ") + typeName(method));
    }
    const QJsonValue url = request.value(QLatin1String("url"));
    if (url.isString()) {
        info.url = utf8(url.toString());
        info.parts = splitUrl(info.url);
        if (!info.parts.valid)
            report.add(ProblemLevel::Warning, "entry-field",
                       "request.url \"" + shortened(info.url) + "\" is not a URL");
        const bool root = info.parts.valid && info.parts.target.empty();
        t.target = strings.intern(root ? std::string_view("/") : info.parts.target);
    } else {
        report.add(ProblemLevel::Warning, "entry-field", std::string("request.url is ") + typeName(url));
    }
    info.version = utf8(request.value(QLatin1String("httpVersion")).toString());
    t.requestVersion = harHttpVersion(info.version);

    info.headers.headers = &t.request;
    info.headers.violations = &t.violations;
    headerReader.read(request.value(QLatin1String("headers")), "request", info.headers);
    if (t.request.host == kEmptyStr) {
        // HTTP/2 and HTTP/3 carry the host in ":authority"; failing that, the URL names it.
        if (info.headers.authority != kEmptyStr) {
            t.request.host = info.headers.authority;
        } else if (info.parts.valid) {
            std::string host(info.parts.host);
            if (info.parts.port != defaultPort(info.parts.scheme))
                host += ":" + std::to_string(info.parts.port);
            t.request.host = strings.intern(host);
        }
    }
    t.requestFraming = framingFromHeaders(info.headers, t.violations);
    if (const auto n = wholeNumber(request.value(QLatin1String("headersSize"))); n && *n >= 0)
        t.requestHeaderBytes = static_cast<std::uint64_t>(*n);
    if (const auto n = wholeNumber(request.value(QLatin1String("bodySize"))); n && *n >= 0) {
        t.requestBodyBytes = static_cast<std::uint64_t>(*n);
    } else if (const QJsonValue post = request.value(QLatin1String("postData")).toObject().value(QLatin1String("text"));
               post.isString()) {
        t.requestBodyBytes = static_cast<std::uint64_t>(post.toString().toUtf8().size());
    }
    if (t.request.expect != kEmptyStr && t.requestBodyBytes == 0 && t.requestFraming == BodyFraming::None)
        t.violations |= kViolationExpectWithoutBody;
}

// The final (or only) status of the entry; 0 when there was no response or it is unusable.
std::int64_t readStatus(const QJsonValue &responseValue, const EntryProblems &report)
{
    if (!responseValue.isObject()) {
        report.add(ProblemLevel::Warning, "entry-field",
                   std::string("response is ") + typeName(responseValue) + "; taken as a failed request");
        return 0;
    }
    const QJsonValue value = responseValue.toObject().value(QLatin1String("status"));
    std::int64_t status = 0;
    if (const auto n = wholeNumber(value)) {
        status = *n;
    } else if (std::uint16_t parsed = 0; value.isString() && text::parseUnsigned(utf8(value.toString()), parsed)) {
        status = parsed; // some tools write "200"
        report.add(ProblemLevel::Note, "entry-field", "response.status is a string; read as a number");
    } else {
        report.add(ProblemLevel::Warning, "entry-field",
                   std::string("response.status is ") + typeName(value) + "; taken as a failed request");
        return 0;
    }
    if (status != 0 && (status < 100 || status > 999)) {
        report.add(ProblemLevel::Warning, "entry-field",
                   "response.status " + std::to_string(status) + " is not an HTTP status; taken as a failed request");
        return 0;
    }
    return status;
}

void readResponse(const QJsonObject &response, std::uint16_t status, bool headRequest, Transaction &t,
                  ResponseInfo &info, InternCache &strings, HeaderReader &headerReader)
{
    t.status = status;
    info.version = utf8(response.value(QLatin1String("httpVersion")).toString());
    t.responseVersion = harHttpVersion(info.version);
    if (const QJsonValue reason = response.value(QLatin1String("statusText")); reason.isString()) {
        info.reason = utf8(reason.toString());
        t.reason = strings.intern(info.reason);
    }
    info.headers.headers = &t.response;
    info.headers.violations = &t.violations;
    headerReader.read(response.value(QLatin1String("headers")), "response", info.headers);
    if (const auto n = wholeNumber(response.value(QLatin1String("headersSize"))); n && *n >= 0)
        t.responseHeaderBytes = static_cast<std::uint64_t>(*n);
    std::int64_t bodySize = -1;
    if (const auto n = wholeNumber(response.value(QLatin1String("bodySize"))); n && *n >= 0) {
        bodySize = *n;
        t.responseBodyBytes = static_cast<std::uint64_t>(*n);
    }
    if (status == 204 || status == 304 || status < 200 || headRequest) {
        t.responseFraming = BodyFraming::None;
    } else if (info.headers.sawTransferEncoding || info.headers.sawContentLength) {
        t.responseFraming = framingFromHeaders(info.headers, t.violations);
    } else if (bodySize == 0) {
        t.responseFraming = BodyFraming::None;
    } else if (t.responseVersion == HttpVersion::Http10 || t.responseVersion == HttpVersion::Http11) {
        // Neither header: an HTTP/1.x body can only be delimited by the connection closing.
        t.responseFraming = bodySize > 0 ? BodyFraming::UntilClose : BodyFraming::Unknown;
    } else {
        t.responseFraming = BodyFraming::Unknown; // HTTP/2 and 3 frame bodies themselves
    }
}

// HAR 1.2 timings: requestTime = started + blocked + dns + connect (ssl is inside connect), then
// send, wait (to the first response byte) and receive, each -1 when it does not apply.
void applyTimings(const QJsonObject &entry, TimeUs started, std::uint16_t status, bool failed, Transaction &t,
                  const EntryProblems &report)
{
    const QJsonValue timingsValue = entry.value(QLatin1String("timings"));
    const QJsonObject timings = timingsValue.toObject();
    if (!timingsValue.isObject() || timings.isEmpty())
        report.add(ProblemLevel::Note, "missing-timings",
                   "no timings (" + std::string(timingsValue.isObject() ? "empty object" : typeName(timingsValue)) +
                       "): only the start time is known");
    if (started == kNoTime)
        return;
    TimeUs cursor = started;
    for (const char *phase : {"blocked", "dns", "connect"})
        if (const auto us = timingUs(timings, phase))
            cursor += *us;
    t.requestTime = cursor;
    const auto send = timingUs(timings, "send");
    const auto wait = timingUs(timings, "wait");
    const auto receive = timingUs(timings, "receive");
    // A failed entry's send/wait/receive (Chrome writes 0s) do not prove the request left.
    if (send && !failed) {
        t.requestBodyLastTime = cursor + *send;
        t.requestComplete = true;
        if (t.requestBodyBytes == 0 && t.requestFraming == BodyFraming::None)
            t.requestHeadEndTime = t.requestBodyLastTime; // no body: the head ends the request
        cursor = t.requestBodyLastTime;
    }
    if (status != 0 && wait) {
        t.responseTime = cursor + *wait;
        if (receive) {
            t.responseEndTime = t.responseTime + *receive;
            t.responseComplete = t.hasResponse;
        }
    } else if (t.hasResponse && timings.isEmpty()) {
        // No phases at all: the entry's total time still bounds the exchange.
        const QJsonValue total = entry.value(QLatin1String("time"));
        if (total.isDouble() && total.toDouble() >= 0 && total.toDouble() <= kMaxMs)
            t.responseEndTime = started + static_cast<TimeUs>(std::llround(total.toDouble() * 1000.0));
    }
}

void readDestination(const QJsonObject &entry, HarEntry &out, const EntryProblems &report)
{
    const QJsonValue ip = entry.value(QLatin1String("serverIPAddress"));
    if (ip.isString() && !ip.toString().isEmpty()) {
        const std::string text = utf8(ip.toString());
        if (const auto parsed = parseIp(text))
            out.serverIp = parsed->address;
        else
            report.add(ProblemLevel::Note, "entry-field",
                       "serverIPAddress \"" + shortened(text) + "\" is not an IP address");
    }
    const QJsonValue connection = entry.value(QLatin1String("connection"));
    if (connection.isString()) {
        out.connectionId = utf8(connection.toString());
        text::parseUnsigned(out.connectionId, out.numericConnectionId);
    } else if (const auto n = wholeNumber(connection); n && *n >= 0) {
        out.numericConnectionId = static_cast<std::uint64_t>(*n);
        out.connectionId = std::to_string(*n);
    }
}

} // namespace

HarEntryConverter::HarEntryConverter(InternCache &strings, std::string &headArena, std::size_t headArenaBudget,
                                     const std::set<std::string> &pageIds)
    : strings_(strings), headArena_(headArena), headArenaBudget_(headArenaBudget), pageIds_(pageIds)
{
}

bool HarEntryConverter::convert(const QJsonObject &entry, const HarEntryLocation &where, HarEntry &out,
                                ProblemList &problems)
{
    out = HarEntry{};
    const EntryProblems report(problems, where);
    Transaction &t = out.tx;
    const QJsonValue requestValue = entry.value(QLatin1String("request"));
    if (!requestValue.isObject()) {
        report.add(ProblemLevel::Warning, "entry-field",
                   std::string("request is ") + typeName(requestValue) + ", not an object; entry skipped");
        return false;
    }
    t.hasRequest = true;
    t.requestFrame = t.requestHeadEndFrame = where.number;
    const TimeUs started = readStarted(entry, report);
    HeaderReader headerReader(strings_, report);
    RequestInfo request;
    readRequest(requestValue.toObject(), t, request, strings_, headerReader, report);
    out.serverPort = request.parts.port;

    const QJsonValue responseValue = entry.value(QLatin1String("response"));
    const auto status = static_cast<std::uint16_t>(readStatus(responseValue, report));
    const bool interimOnly = status >= 100 && status < 200 && status != 101;
    t.hasResponse = status != 0 && !interimOnly;
    out.failed = status == 0;
    out.upgraded = status == 101;
    ResponseInfo response;
    if (status != 0)
        readResponse(responseValue.toObject(), status, text::equalsNoCase(request.method, "HEAD"), t, response,
                     strings_, headerReader);
    if (out.failed) {
        const QJsonValue error = responseValue.toObject().value(QLatin1String("_error")); // Chrome: "net::ERR_…"
        report.add(ProblemLevel::Note, "failed-entry",
                   "no response (status 0): " +
                       (error.isString() && !error.toString().isEmpty()
                            ? utf8(error.toString())
                            : std::string("the request failed, was blocked or was cancelled")));
    } else if (interimOnly) {
        report.add(ProblemLevel::Note, "interim-only",
                   "only an interim " + std::to_string(status) + " response was recorded, no final response");
    }

    applyTimings(entry, started, status, out.failed, t, report);
    if (interimOnly) {
        // The export recorded the 1xx as the entry's response: it is the interim, nothing final came.
        t.interims.push_back(InterimResponse{status, t.responseTime, where.number, false});
        t.responseTime = t.responseEndTime = kNoTime;
        t.responseComplete = false;
    }
    if (t.requestBodyBytes)
        t.requestBodyFirstFrame = t.requestBodyLastFrame = where.number;
    if (t.hasResponse)
        t.responseFrame = t.responseEndFrame = where.number;
    // The entry starts when the browser issued it (queueing, DNS and connect come after).
    for (TimeUs time : {started, t.requestTime, t.requestBodyLastTime, t.responseTime, t.responseEndTime})
        widenTimeRange(out.firstTime, out.lastTime, time);
    for (const InterimResponse &interim : t.interims)
        widenTimeRange(out.firstTime, out.lastTime, interim.time);

    readDestination(entry, out, report);
    if (const QJsonValue page = entry.value(QLatin1String("pageref")); page.isString() && !pageIds_.empty()) {
        const std::string id = utf8(page.toString());
        if (!pageIds_.count(id))
            report.add(ProblemLevel::Note, "unknown-page",
                       "pageref \"" + shortened(id) + "\" names no page in log.pages");
    }

    // Header blocks rebuilt from the header lists, so the connection view can show them. Browsers
    // send the origin form (path and query) to the server; the URL is the fallback.
    std::string requestHead = request.method.empty() ? std::string("?") : request.method;
    requestHead += ' ';
    requestHead += request.parts.valid
                       ? std::string(request.parts.target.empty() ? std::string_view("/") : request.parts.target)
                       : request.url;
    if (!request.version.empty())
        requestHead += ' ' + request.version;
    requestHead += "\r\n" + request.headers.head + "\r\n";
    keepHead(requestHead, t.requestHeadOffset, t.requestHeadSize);
    if (status != 0) {
        std::string responseHead = response.version.empty() ? std::string("HTTP") : response.version;
        responseHead += ' ' + std::to_string(status);
        if (!response.reason.empty())
            responseHead += ' ' + response.reason;
        responseHead += "\r\n" + response.headers.head + "\r\n";
        keepHead(responseHead, t.responseHeadOffset, t.responseHeadSize);
    }
    return true;
}

void HarEntryConverter::keepHead(std::string_view head, std::uint64_t &offset, std::uint32_t &size)
{
    if (head.size() > kMaxHeadBytes || headArena_.size() + head.size() > headArenaBudget_)
        return;
    offset = headArena_.size();
    size = static_cast<std::uint32_t>(head.size());
    headArena_ += head;
}

} // namespace hs
