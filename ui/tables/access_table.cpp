// SPDX-License-Identifier: MIT
#include "tables/access_table.h"

#include "common/text.h"
#include "detail/record_detail.h"
#include "formats/text_scan.h"
#include "formats/w3c_fields.h"

#include <QCoreApplication>

#include <algorithm>

namespace hs::ui {
namespace {

enum Field {
    FStatus,
    FSubstatus,
    FWin32,
    FTimeTaken,
    FScBytes,
    FCsBytes,
    FClientIp,
    FServerIp,
    FServerPort,
    FMethod,
    FUri,
    FHost,
    FUserAgent,
    FVersion,
    FSource,
    FLine,
    FError
};

QString tr(const char *text)
{
    return QCoreApplication::translate("hs::ui::AccessTable", text);
}

std::optional<std::uint64_t> numberField(const AccessRecord &r, int field)
{
    switch (field) {
    case FStatus: return r.status ? std::optional<std::uint64_t>(r.status) : std::nullopt;
    case FSubstatus: return r.substatus != 0xffff ? std::optional<std::uint64_t>(r.substatus) : std::nullopt;
    case FWin32: return r.win32 != kNoValue32 ? std::optional<std::uint64_t>(r.win32) : std::nullopt;
    case FTimeTaken: return r.timeTakenMs != kNoValue32 ? std::optional<std::uint64_t>(r.timeTakenMs) : std::nullopt;
    case FScBytes: return r.scBytes != kNoValue64 ? std::optional<std::uint64_t>(r.scBytes) : std::nullopt;
    case FCsBytes: return r.csBytes != kNoValue64 ? std::optional<std::uint64_t>(r.csBytes) : std::nullopt;
    case FServerPort: return r.serverPort ? std::optional<std::uint64_t>(r.serverPort) : std::nullopt;
    case FLine: return r.line;
    default: return std::nullopt;
    }
}

} // namespace

AccessTable::AccessTable(std::shared_ptr<const Analysis> analysisPtr)
    : RecordTable(std::move(analysisPtr)), rows_(analysis(), &LogData::access), sourceRank_(sourceRanks(analysis()))
{
}

const std::vector<ColumnSpec> &AccessTable::columns() const
{
    static const std::vector<ColumnSpec> kColumns = {
        {tr("Time (UTC)"), tr("date time: when the response completed"), SortKind::Number, false, 23},
        {tr("Source"), tr("The log file"), SortKind::Number, false, 22},
        {tr("Client IP"), QStringLiteral("c-ip"), SortKind::Address, false, 15},
        {tr("Server IP"), QStringLiteral("s-ip"), SortKind::Interned, false, 14},
        {tr("Port"), QStringLiteral("s-port"), SortKind::Number, true, 5},
        {tr("Method"), QStringLiteral("cs-method"), SortKind::Interned, false, 7},
        {tr("URI stem"), QStringLiteral("cs-uri-stem"), SortKind::Interned, false, 36},
        {tr("Status"), QStringLiteral("sc-status"), SortKind::Number, true, 6},
        {tr("Sub"), QStringLiteral("sc-substatus"), SortKind::Number, true, 4},
        {tr("Win32"), QStringLiteral("sc-win32-status"), SortKind::Number, true, 6},
        {tr("Time taken (ms)"), QStringLiteral("time-taken"), SortKind::Number, true, 9},
        {tr("Sent bytes"), QStringLiteral("sc-bytes"), SortKind::Number, true, 9},
        {tr("Received bytes"), QStringLiteral("cs-bytes"), SortKind::Number, true, 9},
        {tr("Version"), QStringLiteral("cs-version"), SortKind::Number, false, 8},
        {tr("Host"), QStringLiteral("cs-host"), SortKind::Interned, false, 18},
        {tr("User agent"), QStringLiteral("cs(User-Agent)"), SortKind::Interned, false, 30},
        {tr("Line"), tr("Line number in the source"), SortKind::Number, true, 7},
    };
    return kColumns;
}

QString AccessTable::display(std::size_t row, int column) const
{
    const AccessRecord &r = record(row);
    auto num = [&](int field) {
        const auto v = numberField(r, field);
        return v ? QString::number(*v) : QString();
    };
    switch (column) {
    case Time: return formatTime(r.time);
    case Source: return toQString(sourceOf(row).path);
    case ClientIp: return toQString(analysis().addr(r.clientIp));
    case ServerIp: return toQString(analysis().str(r.serverIp));
    case ServerPort: return num(FServerPort);
    case Method: return toQString(analysis().str(r.method));
    case UriStem: return toQString(analysis().str(r.uriStem));
    case Status: return num(FStatus);
    case Substatus: return num(FSubstatus);
    case Win32: return num(FWin32);
    case TimeTaken: return num(FTimeTaken);
    case ScBytes: return num(FScBytes);
    case CsBytes: return num(FCsBytes);
    case Version: return r.version == HttpVersion::Unknown ? QString() : toQString(toString(r.version));
    case Host: return toQString(analysis().str(r.host));
    case UserAgent: return toQString(analysis().str(r.userAgent));
    case Line: return QString::number(r.line);
    default: return {};
    }
}

std::int64_t AccessTable::numberKey(std::size_t row, int column) const
{
    const AccessRecord &r = record(row);
    auto num = [&](int field) -> std::int64_t {
        const auto v = numberField(r, field);
        return v ? static_cast<std::int64_t>(*v) : -1;
    };
    switch (column) {
    case Time: return r.time;
    case Source: return sourceRank_[sourceOf(row).id.value];
    case ServerPort: return num(FServerPort);
    case Status: return num(FStatus);
    case Substatus: return num(FSubstatus);
    case Win32: return num(FWin32);
    case TimeTaken: return num(FTimeTaken);
    case ScBytes: return num(FScBytes);
    case CsBytes: return num(FCsBytes);
    case Version: return static_cast<std::int64_t>(r.version);
    case Line: return r.line;
    default: return 0;
    }
}

LogAddress AccessTable::addressKey(std::size_t row, int column) const
{
    return column == ClientIp ? record(row).clientIp : LogAddress{};
}

StrId AccessTable::internedKey(std::size_t row, int column) const
{
    const AccessRecord &r = record(row);
    switch (column) {
    case ServerIp: return r.serverIp;
    case Method: return r.method;
    case UriStem: return r.uriStem;
    case Host: return r.host;
    case UserAgent: return r.userAgent;
    default: return kEmptyStr;
    }
}

bool AccessTable::isError(std::size_t row) const
{
    const AccessRecord &r = record(row);
    return r.status >= 400 || (r.win32 != kNoValue32 && r.win32 != 0);
}

const std::vector<FieldSpec> &AccessTable::fields() const
{
    static const std::vector<FieldSpec> kFields = {
        {{"status", "sc-status"}, FStatus, true, false, tr("HTTP status")},
        {{"substatus", "sc-substatus"}, FSubstatus, true, false, tr("IIS substatus")},
        {{"win32", "sc-win32-status"}, FWin32, true, false, tr("Windows error code (64, 1236 = client gone)")},
        {{"time-taken", "taken"}, FTimeTaken, true, false, tr("Milliseconds")},
        {{"sc-bytes"}, FScBytes, true, false, tr("Bytes sent")},
        {{"cs-bytes"}, FCsBytes, true, false, tr("Bytes received")},
        {{"c-ip", "client", "ip"}, FClientIp, false, false, tr("Client address")},
        {{"s-ip", "server"}, FServerIp, false, false, tr("Server address")},
        {{"s-port", "port"}, FServerPort, true, false, tr("Server port")},
        {{"method", "cs-method"}, FMethod, false, false, tr("Request method")},
        {{"uri", "cs-uri-stem", "url"}, FUri, false, false, tr("URI stem")},
        {{"host", "cs-host", "cs(Host)"}, FHost, false, false, tr("Host header")},
        {{"ua", "user-agent", "cs(User-Agent)"}, FUserAgent, false, false, tr("User agent")},
        {{"version", "cs-version"}, FVersion, false, false, tr("HTTP version")},
        {{"source", "file"}, FSource, false, false, tr("Log file path")},
        {{"line"}, FLine, true, false, tr("Line number")},
        {{"error"}, FError, false, false, tr("yes for status >= 400 or a Windows error")},
    };
    return kFields;
}

std::optional<FieldRef> AccessTable::resolveField(std::string_view name) const
{
    if (auto ref = lookup(fields(), name))
        return ref;
    for (const auto &raw : rows_.rawFieldNames())
        if (text::equalsNoCase(raw, name))
            return FieldRef{kRawField, false, false, raw};
    return std::nullopt;
}

bool AccessTable::fieldText(std::size_t row, const FieldRef &field, std::string &scratch, std::string_view &out) const
{
    const AccessRecord &r = record(row);
    switch (field.id) {
    case kRawField: {
        const auto v = w3cFieldValue(sourceOf(row), r, field.rawName);
        if (!v)
            return false;
        out = *v;
        return true;
    }
    case FClientIp: out = scratch = analysis().addr(r.clientIp); return true;
    case FServerIp: out = analysis().str(r.serverIp); return true;
    case FMethod: out = analysis().str(r.method); return true;
    case FUri: out = analysis().str(r.uriStem); return true;
    case FHost: out = analysis().str(r.host); return true;
    case FUserAgent: out = analysis().str(r.userAgent); return true;
    case FVersion: out = toString(r.version); return true;
    case FSource: out = sourceOf(row).path; return true;
    case FError: out = isError(row) ? std::string_view("yes") : std::string_view("no"); return true;
    default: {
        const auto v = numberField(r, field.id);
        out = v ? numberText(*v, scratch) : std::string_view("-");
        return true;
    }
    }
}

std::optional<double> AccessTable::fieldNumber(std::size_t row, const FieldRef &field) const
{
    const auto v = numberField(record(row), field.id);
    return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
}

std::string_view AccessTable::freeText(std::size_t row, std::string &) const
{
    return sourceOf(row).rawLine(record(row).line);
}

std::optional<std::size_t> AccessTable::rowForLine(SourceId source, std::uint64_t line) const
{
    return rows_.rowForLine(source, line);
}

QString AccessTable::detailHtml(std::size_t row) const
{
    return accessDetailHtml(analysis(), sourceOf(row), record(row));
}

} // namespace hs::ui
