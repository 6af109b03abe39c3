// SPDX-License-Identifier: MIT
#include "tables/transaction_table.h"

#include "common/text.h"
#include "detail/record_detail.h"

#include <QCoreApplication>
#include <QStringList>

#include <bit>

namespace hs::ui {
namespace {

enum Field {
    FMethod,
    FTarget,
    FVersion,
    FExpect,
    FInterim,
    FStray,
    FStatus,
    FReason,
    FDuration,
    FRequestBytes,
    FResponseBytes,
    FFraming,
    FViolation,
    FClientIp,
    FClientPort,
    FServerIp,
    FServerPort,
    FConnection,
    FHost,
    FUserAgent,
    FServer,
    FSource,
    FFrame,
    FError
};

QString tr(const char *text)
{
    return QCoreApplication::translate("hs::ui::TransactionTable", text);
}

TimeUs durationOf(const Transaction &t)
{
    const TimeUs end = t.responseEndTime != kNoTime ? t.responseEndTime : t.responseTime;
    if (t.requestTime == kNoTime || end == kNoTime || end < t.requestTime)
        return kNoTime;
    return end - t.requestTime;
}

} // namespace

std::string violationNames(std::uint32_t violations)
{
    static constexpr std::pair<std::uint32_t, std::string_view> kNames[] = {
        {kViolationBadRequestLine, "bad-request-line"},
        {kViolationBadStatusLine, "bad-status-line"},
        {kViolationBadHeader, "bad-header"},
        {kViolationFoldedHeader, "folded-header"},
        {kViolationDuplicateContentLength, "duplicate-content-length"},
        {kViolationBadContentLength, "bad-content-length"},
        {kViolationTeAndCl, "te-and-cl"},
        {kViolationUnknownTransferCoding, "unknown-transfer-coding"},
        {kViolationBadChunkSize, "bad-chunk-size"},
        {kViolationChunkSizeOverflow, "chunk-size-overflow"},
        {kViolationMissingChunkCrlf, "missing-chunk-crlf"},
        {kViolationBareLf, "bare-lf"},
        {kViolationGapInMessage, "capture-gap"},
        {kViolationTruncated, "truncated"},
        {kViolationInterimToHttp10, "interim-to-http10"},
        {kViolationExpectWithoutBody, "expect-without-body"},
        {kViolationTeInHttp10, "te-in-http10"},
        {kViolationResponseWithoutRequest, "response-without-request"},
        {kViolationHeadersTooLarge, "headers-too-large"},
    };
    std::string out;
    for (const auto &[bit, name] : kNames) {
        if (!(violations & bit))
            continue;
        if (!out.empty())
            out += ' ';
        out += name;
    }
    return out;
}

std::string_view framingName(BodyFraming framing) noexcept
{
    switch (framing) {
    case BodyFraming::None: return "none";
    case BodyFraming::ContentLength: return "content-length";
    case BodyFraming::Chunked: return "chunked";
    case BodyFraming::ChunkedAndLength: return "chunked+length";
    case BodyFraming::UntilClose: return "until-close";
    case BodyFraming::Unknown: return "unknown";
    }
    return "";
}

TransactionTable::TransactionTable(std::shared_ptr<const Analysis> analysisPtr)
    : RecordTable(std::move(analysisPtr)), sourceRank_(sourceRanks(analysis()))
{
}

const hs::Connection *TransactionTable::connection(const Transaction &t) const
{
    const auto &conns = analysis().connections;
    return t.connection.valid() && t.connection.value < conns.size() ? &conns[t.connection.value] : nullptr;
}

const std::vector<ColumnSpec> &TransactionTable::columns() const
{
    static const std::vector<ColumnSpec> kColumns = {
        {tr("Time (UTC)"), tr("First byte of the request"), SortKind::Number, false, 23},
        {tr("Source"), tr("The capture or export"), SortKind::Number, false, 20},
        {tr("Connection"), tr("client -> server"), SortKind::Number, false, 34},
        {tr("#"), tr("Request number on its connection"), SortKind::Number, true, 4},
        {tr("Method"), {}, SortKind::Interned, false, 7},
        {tr("Target"), tr("Request target as sent"), SortKind::Interned, false, 32},
        {tr("Version"), {}, SortKind::Number, false, 8},
        {tr("Expect"), tr("Expect request header"), SortKind::Interned, false, 12},
        {tr("1xx"), tr("Interim responses; ⚠ = arrived after the final response"), SortKind::Number, false, 8},
        {tr("Status"), tr("Final response status"), SortKind::Number, true, 6},
        {tr("Reason"), tr("Reason phrase"), SortKind::Interned, false, 14},
        {tr("Duration"), tr("Request start to response end"), SortKind::Number, true, 10},
        {tr("Request body"), tr("Bytes"), SortKind::Number, true, 9},
        {tr("Response body"), tr("Bytes"), SortKind::Number, true, 9},
        {tr("Framing"), tr("Request body framing"), SortKind::Number, false, 12},
        {tr("Violations"), tr("Protocol irregularities"), SortKind::Number, false, 18},
        {tr("Frame"), tr("Capture frame of the request"), SortKind::Number, true, 7},
    };
    return kColumns;
}

TimeUs TransactionTable::time(std::size_t row) const
{
    const Transaction &t = tx(row);
    return t.requestTime != kNoTime ? t.requestTime : t.responseTime;
}

bool TransactionTable::isError(std::size_t row) const
{
    const Transaction &t = tx(row);
    return !t.hasResponse || t.status >= 400;
}

QString TransactionTable::display(std::size_t row, int column) const
{
    const Transaction &t = tx(row);
    switch (column) {
    case Time: return formatTime(time(row));
    case Source: return toQString(analysis().source(t.source).path);
    case Connection: {
        const auto *c = connection(t);
        return c ? QString::fromStdString(c->key()) : QString();
    }
    case Index: return QString::number(t.indexInConnection + 1);
    case Method: return toQString(analysis().str(t.method));
    case Target: return toQString(analysis().str(t.target));
    case Version: return t.requestVersion == HttpVersion::Unknown ? QString() : toQString(toString(t.requestVersion));
    case Expect: return toQString(analysis().str(t.request.expect));
    case Interim: {
        QStringList parts;
        for (const auto &i : t.interims)
            parts << (i.afterFinal ? QStringLiteral("%1 ⚠").arg(i.status) : QString::number(i.status));
        return parts.join(QLatin1Char(' '));
    }
    case Status: return t.hasResponse ? QString::number(t.status) : tr("none");
    case Reason: return toQString(analysis().str(t.reason));
    case Duration: {
        const TimeUs d = durationOf(t);
        return d == kNoTime ? QString() : formatDurationUs(d);
    }
    case RequestBody: return t.hasRequest ? QString::number(t.requestBodyBytes) : QString();
    case ResponseBody: return t.hasResponse ? QString::number(t.responseBodyBytes) : QString();
    case Framing: return t.hasRequest ? toQString(framingName(t.requestFraming)) : QString();
    case Violations: return QString::fromStdString(violationNames(t.violations));
    case Frame: return t.requestFrame ? QString::number(t.requestFrame) : QString();
    default: return {};
    }
}

std::int64_t TransactionTable::numberKey(std::size_t row, int column) const
{
    const Transaction &t = tx(row);
    switch (column) {
    case Time: return time(row);
    case Source: return sourceRank_[t.source.value];
    case Connection:
        return (static_cast<std::int64_t>(t.connection.valid() ? t.connection.value : 0xffffffffu) << 24) |
               t.indexInConnection;
    case Index: return t.indexInConnection;
    case Version: return static_cast<std::int64_t>(t.requestVersion);
    case Interim: {
        std::int64_t key = static_cast<std::int64_t>(t.interims.size()) * 2;
        return key + (t.hasStrayInterim() ? 1 : 0);
    }
    case Status: return t.hasResponse ? t.status : -1;
    case Duration: return durationOf(t) == kNoTime ? -1 : durationOf(t);
    case RequestBody: return static_cast<std::int64_t>(t.requestBodyBytes);
    case ResponseBody: return static_cast<std::int64_t>(t.responseBodyBytes);
    case Framing: return static_cast<std::int64_t>(t.requestFraming);
    case Violations: return std::popcount(t.violations) * (std::int64_t{1} << 32) + t.violations;
    case Frame: return static_cast<std::int64_t>(t.requestFrame);
    default: return 0;
    }
}

StrId TransactionTable::internedKey(std::size_t row, int column) const
{
    const Transaction &t = tx(row);
    switch (column) {
    case Method: return t.method;
    case Target: return t.target;
    case Expect: return t.request.expect;
    case Reason: return t.reason;
    default: return kEmptyStr;
    }
}

const std::vector<FieldSpec> &TransactionTable::fields() const
{
    static const std::vector<FieldSpec> kFields = {
        {{"method"}, FMethod, false, false, tr("Request method")},
        {{"uri", "target", "url"}, FTarget, false, false, tr("Request target")},
        {{"version"}, FVersion, false, false, tr("Request HTTP version")},
        {{"expect"}, FExpect, false, false, tr("Expect header value (case as sent)")},
        {{"interim", "1xx"}, FInterim, false, true, tr("Interim response statuses")},
        {{"stray"}, FStray, false, false, tr("yes when a 1xx arrived after the final response")},
        {{"status"}, FStatus, true, false, tr("Final status (- when none)")},
        {{"reason"}, FReason, false, false, tr("Reason phrase")},
        {{"duration", "time-taken"}, FDuration, true, false, tr("Milliseconds, request start to response end")},
        {{"req-bytes"}, FRequestBytes, true, false, tr("Request body bytes")},
        {{"resp-bytes"}, FResponseBytes, true, false, tr("Response body bytes")},
        {{"framing"}, FFraming, false, false, tr("none, content-length, chunked, chunked+length, until-close")},
        {{"violation"}, FViolation, false, true, tr("te-and-cl, bare-lf, truncated, …")},
        {{"c-ip", "client", "ip"}, FClientIp, false, false, tr("Client address")},
        {{"c-port"}, FClientPort, true, false, tr("Client port")},
        {{"s-ip", "server-ip"}, FServerIp, false, false, tr("Server address")},
        {{"s-port", "port"}, FServerPort, true, false, tr("Server port")},
        {{"connection", "key"}, FConnection, false, false, tr("c-ip:c-port->s-ip:s-port")},
        {{"host"}, FHost, false, false, tr("Host header")},
        {{"ua", "user-agent"}, FUserAgent, false, false, tr("User-Agent header")},
        {{"server"}, FServer, false, false, tr("Server response header")},
        {{"source", "file"}, FSource, false, false, tr("Capture or export path")},
        {{"frame"}, FFrame, true, false, tr("Capture frame of the request")},
        {{"error"}, FError, false, false, tr("yes for no response or status >= 400")},
    };
    return kFields;
}

bool TransactionTable::fieldText(std::size_t row, const FieldRef &field, std::string &scratch,
                                 std::string_view &out) const
{
    const Transaction &t = tx(row);
    const auto *c = connection(t);
    switch (field.id) {
    case FMethod: out = analysis().str(t.method); return true;
    case FTarget: out = analysis().str(t.target); return true;
    case FVersion: out = toString(t.requestVersion); return true;
    case FExpect: out = analysis().str(t.request.expect); return true;
    case FInterim:
        scratch.clear();
        for (const auto &i : t.interims) {
            if (!scratch.empty())
                scratch += ' ';
            scratch += std::to_string(i.status);
        }
        out = scratch;
        return true;
    case FStray: out = t.hasStrayInterim() ? "yes" : "no"; return true;
    case FStatus: out = t.hasResponse ? numberText(t.status, scratch) : std::string_view("-"); return true;
    case FReason: out = analysis().str(t.reason); return true;
    case FDuration: {
        const TimeUs d = durationOf(t);
        out = d == kNoTime ? std::string_view("-") : numberText(static_cast<std::uint64_t>(d / kUsPerMs), scratch);
        return true;
    }
    case FRequestBytes: out = numberText(t.requestBodyBytes, scratch); return true;
    case FResponseBytes: out = numberText(t.responseBodyBytes, scratch); return true;
    case FFraming: out = framingName(t.requestFraming); return true;
    case FViolation:
        scratch = violationNames(t.violations);
        out = scratch;
        return true;
    case FClientIp:
        if (!c)
            return false;
        scratch = c->client.ip.toString();
        out = scratch;
        return true;
    case FServerIp:
        if (!c)
            return false;
        scratch = c->server.ip.toString();
        out = scratch;
        return true;
    case FClientPort:
        if (!c)
            return false;
        out = numberText(c->client.port, scratch);
        return true;
    case FServerPort:
        if (!c)
            return false;
        out = numberText(c->server.port, scratch);
        return true;
    case FConnection:
        if (!c)
            return false;
        scratch = c->key();
        out = scratch;
        return true;
    case FHost: out = analysis().str(t.request.host); return true;
    case FUserAgent: out = analysis().str(t.request.userAgent); return true;
    case FServer: out = analysis().str(t.response.server); return true;
    case FSource: out = analysis().source(t.source).path; return true;
    case FFrame: out = numberText(t.requestFrame, scratch); return true;
    case FError: out = isError(row) ? "yes" : "no"; return true;
    default: return false;
    }
}

std::optional<double> TransactionTable::fieldNumber(std::size_t row, const FieldRef &field) const
{
    const Transaction &t = tx(row);
    const auto *c = connection(t);
    switch (field.id) {
    case FStatus: return t.hasResponse ? std::optional<double>(t.status) : std::nullopt;
    case FDuration: {
        const TimeUs d = durationOf(t);
        return d == kNoTime ? std::nullopt : std::optional<double>(static_cast<double>(d) / kUsPerMs);
    }
    case FRequestBytes: return static_cast<double>(t.requestBodyBytes);
    case FResponseBytes: return static_cast<double>(t.responseBodyBytes);
    case FClientPort: return c ? std::optional<double>(c->client.port) : std::nullopt;
    case FServerPort: return c ? std::optional<double>(c->server.port) : std::nullopt;
    case FFrame: return static_cast<double>(t.requestFrame);
    default: return std::nullopt;
    }
}

std::string_view TransactionTable::freeText(std::size_t row, std::string &scratch) const
{
    // Captures have no "raw line": search the request/response heads, which carry every header.
    const Transaction &t = tx(row);
    scratch.clear();
    const hs::Source &src = analysis().source(t.source);
    const std::string *arena = src.capture ? &src.capture->headArena : nullptr;
    auto appendHead = [&](std::uint64_t offset, std::uint32_t size) {
        if (arena && size && offset + size <= arena->size()) {
            scratch.append(*arena, offset, size);
            scratch += '\n';
        }
    };
    appendHead(t.requestHeadOffset, t.requestHeadSize);
    appendHead(t.responseHeadOffset, t.responseHeadSize);
    if (scratch.empty()) {
        scratch.append(analysis().str(t.method)).append(" ").append(analysis().str(t.target)).append("\n");
        if (t.hasResponse)
            scratch.append(std::to_string(t.status)).append(" ").append(analysis().str(t.reason)).append("\n");
    }
    if (const auto *c = connection(t))
        scratch.append(c->key());
    return scratch;
}

std::optional<std::size_t> TransactionTable::rowForTransaction(TransactionId id) const
{
    if (!id.valid() || id.value >= size())
        return std::nullopt;
    return id.value;
}

QString TransactionTable::detailHtml(std::size_t row) const
{
    return transactionDetailHtml(analysis(), tx(row));
}

} // namespace hs::ui
