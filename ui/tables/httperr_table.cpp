// SPDX-License-Identifier: MIT
#include "tables/httperr_table.h"

#include "common/text.h"
#include "detail/record_detail.h"
#include "formats/text_scan.h"
#include "formats/w3c_fields.h"
#include "model/endpoint.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace hs::ui {
namespace {

enum Field {
    FClientIp,
    FClientPort,
    FServerIp,
    FServerPort,
    FVersion,
    FMethod,
    FUri,
    FStatus,
    FSite,
    FReason,
    FQueue,
    FConnection,
    FSource,
    FLine
};

QString tr(const char *text)
{
    return QCoreApplication::translate("hs::ui::HttpErrTable", text);
}

std::optional<std::uint64_t> numberField(const HttpErrRecord &r, const HttpErrContext &c, int field)
{
    switch (field) {
    case FClientPort: return r.clientPort ? std::optional<std::uint64_t>(r.clientPort) : std::nullopt;
    case FServerPort: return r.serverPort ? std::optional<std::uint64_t>(r.serverPort) : std::nullopt;
    case FStatus: return r.status ? std::optional<std::uint64_t>(r.status) : std::nullopt;
    case FSite: return c.siteId != kNoValue32 ? std::optional<std::uint64_t>(c.siteId) : std::nullopt;
    case FLine: return r.line;
    default: return std::nullopt;
    }
}

} // namespace

HttpErrTable::HttpErrTable(std::shared_ptr<const Analysis> analysisPtr)
    : RecordTable(std::move(analysisPtr)), rows_(analysis(), &LogData::httpErr), sourceRank_(sourceRanks(analysis()))
{
}

const std::vector<ColumnSpec> &HttpErrTable::columns() const
{
    static const std::vector<ColumnSpec> kColumns = {
        {tr("Time (UTC)"), tr("date time"), SortKind::Number, false, 23},
        {tr("Source"), tr("The log file"), SortKind::Number, false, 22},
        {tr("Client IP"), QStringLiteral("c-ip"), SortKind::Address, false, 15},
        {tr("Client port"), QStringLiteral("c-port"), SortKind::Number, true, 6},
        {tr("Server IP"), QStringLiteral("s-ip"), SortKind::Interned, false, 14},
        {tr("Server port"), QStringLiteral("s-port"), SortKind::Number, true, 6},
        {tr("Version"), QStringLiteral("cs-version"), SortKind::Number, false, 8},
        {tr("Method"), QStringLiteral("cs-method"), SortKind::Interned, false, 7},
        {tr("URI"), QStringLiteral("cs-uri"), SortKind::Interned, false, 32},
        {tr("Status"), QStringLiteral("sc-status"), SortKind::Number, true, 6},
        {tr("Site"), QStringLiteral("s-siteid"), SortKind::Number, true, 5},
        {tr("Reason"), QStringLiteral("s-reason"), SortKind::Interned, false, 22},
        {tr("Queue"), QStringLiteral("s-queuename"), SortKind::Interned, false, 16},
        {tr("Line"), tr("Line number in the source"), SortKind::Number, true, 7},
    };
    return kColumns;
}

QString HttpErrTable::display(std::size_t row, int column) const
{
    const HttpErrRecord &r = record(row);
    const HttpErrContext &c = contextOf(row);
    auto num = [&](int field) {
        const auto v = numberField(r, c, field);
        return v ? QString::number(*v) : QString();
    };
    switch (column) {
    case Time: return formatTime(r.time);
    case Source: return toQString(sourceOf(row).path);
    case ClientIp: return toQString(analysis().addr(r.clientIp));
    case ClientPort: return num(FClientPort);
    case ServerIp: return toQString(analysis().str(c.serverIp));
    case ServerPort: return num(FServerPort);
    case Version: return r.version == HttpVersion::Unknown ? QString() : toQString(toString(r.version));
    case Method: return toQString(analysis().str(c.method));
    case Uri: return toQString(analysis().str(r.uri));
    case Status: return num(FStatus);
    case Site: return num(FSite);
    case Reason: return toQString(analysis().str(c.reason));
    case Queue: return toQString(analysis().str(c.queue));
    case Line: return QString::number(r.line);
    default: return {};
    }
}

std::int64_t HttpErrTable::numberKey(std::size_t row, int column) const
{
    const HttpErrRecord &r = record(row);
    const HttpErrContext &c = contextOf(row);
    auto num = [&](int field) -> std::int64_t {
        const auto v = numberField(r, c, field);
        return v ? static_cast<std::int64_t>(*v) : -1;
    };
    switch (column) {
    case Time: return r.time;
    case Source: return sourceRank_[sourceOf(row).id.value];
    case ClientPort: return num(FClientPort);
    case ServerPort: return num(FServerPort);
    case Version: return static_cast<std::int64_t>(r.version);
    case Status: return num(FStatus);
    case Site: return num(FSite);
    case Line: return r.line;
    default: return 0;
    }
}

LogAddress HttpErrTable::addressKey(std::size_t row, int column) const
{
    return column == ClientIp ? record(row).clientIp : LogAddress{};
}

StrId HttpErrTable::internedKey(std::size_t row, int column) const
{
    const HttpErrRecord &r = record(row);
    const HttpErrContext &c = contextOf(row);
    switch (column) {
    case ServerIp: return c.serverIp;
    case Method: return c.method;
    case Uri: return r.uri;
    case Reason: return c.reason;
    case Queue: return c.queue;
    default: return kEmptyStr;
    }
}

const std::vector<FieldSpec> &HttpErrTable::fields() const
{
    static const std::vector<FieldSpec> kFields = {
        {{"reason", "s-reason"}, FReason, false, false, tr("HTTP.sys reason (Timer_HeaderWait, …)")},
        {{"status", "sc-status"}, FStatus, true, false, tr("HTTP status")},
        {{"c-ip", "client", "ip"}, FClientIp, false, false, tr("Client address")},
        {{"c-port"}, FClientPort, true, false, tr("Client port")},
        {{"s-ip", "server"}, FServerIp, false, false, tr("Server address")},
        {{"s-port", "port"}, FServerPort, true, false, tr("Server port")},
        {{"version", "cs-version"}, FVersion, false, false, tr("HTTP version")},
        {{"method", "cs-method"}, FMethod, false, false, tr("Request method")},
        {{"uri", "cs-uri", "url"}, FUri, false, false, tr("URI")},
        {{"site", "s-siteid"}, FSite, true, false, tr("Site id")},
        {{"queue", "s-queuename", "apppool"}, FQueue, false, false, tr("Request queue (application pool)")},
        {{"connection", "key"}, FConnection, false, false, tr("c-ip:c-port->s-ip:s-port")},
        {{"source", "file"}, FSource, false, false, tr("Log file path")},
        {{"line"}, FLine, true, false, tr("Line number")},
    };
    return kFields;
}

std::optional<FieldRef> HttpErrTable::resolveField(std::string_view name) const
{
    if (auto ref = lookup(fields(), name))
        return ref;
    for (const auto &raw : rows_.rawFieldNames())
        if (text::equalsNoCase(raw, name))
            return FieldRef{kRawField, false, false, raw};
    return std::nullopt;
}

bool HttpErrTable::fieldText(std::size_t row, const FieldRef &field, std::string &scratch, std::string_view &out) const
{
    const HttpErrRecord &r = record(row);
    const HttpErrContext &c = contextOf(row);
    switch (field.id) {
    case kRawField: {
        const auto v = httpErrFieldValue(sourceOf(row), r, field.rawName);
        if (!v)
            return false;
        out = *v;
        return true;
    }
    case FClientIp: out = scratch = analysis().addr(r.clientIp); return true;
    case FServerIp: out = analysis().str(c.serverIp); return true;
    case FVersion: out = toString(r.version); return true;
    case FMethod: out = analysis().str(c.method); return true;
    case FUri: out = analysis().str(r.uri); return true;
    case FReason: out = analysis().str(c.reason); return true;
    case FQueue: out = analysis().str(c.queue); return true;
    case FSource: out = sourceOf(row).path; return true;
    case FConnection:
        scratch = connectionKey(row);
        out = scratch;
        return !scratch.empty();
    default: {
        const auto v = numberField(r, c, field.id);
        out = v ? numberText(*v, scratch) : std::string_view("-");
        return true;
    }
    }
}

std::optional<double> HttpErrTable::fieldNumber(std::size_t row, const FieldRef &field) const
{
    const auto v = numberField(record(row), contextOf(row), field.id);
    return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
}

std::string_view HttpErrTable::freeText(std::size_t row, std::string &) const
{
    return sourceOf(row).rawLine(record(row).line);
}

std::optional<std::size_t> HttpErrTable::rowForLine(SourceId source, std::uint64_t line) const
{
    return rows_.rowForLine(source, line);
}

std::optional<FourTuple> HttpErrTable::fourTuple(std::size_t row) const
{
    const HttpErrRecord &r = record(row);
    const HttpErrContext &c = contextOf(row);
    const IpAddress client = addressIp(*analysis().strings, r.clientIp);
    const auto server = parseIp(analysis().str(c.serverIp));
    if (!client.valid() || !server || !r.clientPort || !r.serverPort)
        return std::nullopt;
    return FourTuple{Endpoint{client, r.clientPort}, Endpoint{server->address, r.serverPort}};
}

std::string HttpErrTable::connectionKey(std::size_t row) const
{
    const auto tuple = fourTuple(row);
    return tuple ? hs::connectionKey(*tuple) : std::string();
}

ConnectionId HttpErrTable::connectionOf(std::size_t row) const
{
    const auto tuple = fourTuple(row);
    return tuple ? findConnection(analysis(), *tuple, record(row).time) : ConnectionId();
}

QString HttpErrTable::detailHtml(std::size_t row) const
{
    return httpErrDetailHtml(analysis(), sourceOf(row), record(row), connectionKey(row), connectionOf(row));
}

ConnectionId findConnection(const Analysis &analysis, const FourTuple &tuple, TimeUs time)
{
    ConnectionId best;
    TimeUs bestDistance = std::numeric_limits<TimeUs>::max();
    for (const Connection &c : analysis.connections) {
        if (!(c.client == tuple.client && c.server == tuple.server))
            continue;
        TimeUs distance = 0;
        if (time != kNoTime && c.firstTime != kNoTime) {
            if (time < c.firstTime)
                distance = c.firstTime - time;
            else if (c.lastTime != kNoTime && time > c.lastTime)
                distance = time - c.lastTime;
        }
        if (distance < bestDistance) {
            bestDistance = distance;
            best = c.id;
        }
    }
    return best;
}

} // namespace hs::ui
