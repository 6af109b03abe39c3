// SPDX-License-Identifier: MIT
#include "tables/connection_table.h"

#include "common/text.h"
#include "detail/record_detail.h"

#include <QCoreApplication>
#include <QStringList>

namespace hs::ui {
namespace {

enum Field {
    FClientIp,
    FClientPort,
    FServerIp,
    FServerPort,
    FConnection,
    FProtocol,
    FRequests,
    FEnd,
    FBy,
    FMidstream,
    FSource,
    FFrame,
    FDuration,
    FError
};

QString tr(const char *text)
{
    return QCoreApplication::translate("hs::ui::ConnectionTable", text);
}

std::string_view endKindName(ConnectionEnd::Kind kind) noexcept
{
    switch (kind) {
    case ConnectionEnd::Kind::Fin: return "fin";
    case ConnectionEnd::Kind::Rst: return "rst";
    case ConnectionEnd::Kind::Open: return "open";
    }
    return "";
}

std::string_view peerName(Peer peer) noexcept
{
    switch (peer) {
    case Peer::Client: return "client";
    case Peer::Server: return "server";
    case Peer::None: return "";
    }
    return "";
}

TimeUs durationOf(const Connection &c)
{
    return c.firstTime == kNoTime || c.lastTime == kNoTime ? kNoTime : c.lastTime - c.firstTime;
}

// The end that matters most: a reset anywhere wins over the first FIN.
const ConnectionEnd &decisiveEnd(const Connection &c)
{
    return c.reset.kind == ConnectionEnd::Kind::Rst ? c.reset : c.end;
}

} // namespace

std::string_view protocolName(AppProtocol protocol) noexcept
{
    switch (protocol) {
    case AppProtocol::Http: return "http";
    case AppProtocol::Tls: return "tls";
    case AppProtocol::Other: return "other";
    case AppProtocol::Empty: return "empty";
    case AppProtocol::Unknown: return "unknown";
    }
    return "";
}

QString connectionEndText(const Connection &c)
{
    const ConnectionEnd &e = decisiveEnd(c);
    switch (e.kind) {
    case ConnectionEnd::Kind::Open: return tr("open");
    case ConnectionEnd::Kind::Fin:
        return e.by == Peer::None ? tr("FIN") : tr("FIN by %1").arg(QLatin1String(peerName(e.by).data()));
    case ConnectionEnd::Kind::Rst:
        return e.by == Peer::None ? tr("RST") : tr("RST by %1").arg(QLatin1String(peerName(e.by).data()));
    }
    return {};
}

ConnectionTable::ConnectionTable(std::shared_ptr<const Analysis> analysisPtr)
    : RecordTable(std::move(analysisPtr)), sourceRank_(sourceRanks(analysis()))
{
}

const std::vector<ColumnSpec> &ConnectionTable::columns() const
{
    static const std::vector<ColumnSpec> kColumns = {
        {tr("First packet (UTC)"), {}, SortKind::Number, false, 23},
        {tr("Last packet"), {}, SortKind::Number, false, 23},
        {tr("Duration"), {}, SortKind::Number, true, 10},
        {tr("Source"), tr("The capture or export"), SortKind::Number, false, 20},
        {tr("Client"), tr("The side that sent the SYN (or the first request)"), SortKind::Text, false, 22},
        {tr("Server"), {}, SortKind::Text, false, 22},
        {tr("Protocol"), {}, SortKind::Number, false, 7},
        {tr("Requests"), tr("HTTP requests on the connection"), SortKind::Number, true, 7},
        {tr("Packets"), tr("client→server / server→client"), SortKind::Number, true, 11},
        {tr("Bytes"), tr("Payload client→server / server→client"), SortKind::Number, true, 16},
        {tr("End"), tr("How the connection ended"), SortKind::Number, false, 14},
        {tr("Gaps / retrans."), tr("Missing segments and retransmissions, both directions"), SortKind::Number, true,
         10},
        {tr("Notes"), {}, SortKind::Text, false, 20},
        {tr("Frame"), tr("First frame"), SortKind::Number, true, 7},
    };
    return kColumns;
}

QString ConnectionTable::display(std::size_t row, int column) const
{
    const Connection &c = conn(row);
    switch (column) {
    case First: return formatTime(c.firstTime);
    case Last: return formatTime(c.lastTime);
    case Duration: {
        const TimeUs d = durationOf(c);
        return d == kNoTime ? QString() : formatDurationUs(d);
    }
    case Source: return toQString(analysis().source(c.source).path);
    case Client: return QString::fromStdString(c.client.toString());
    case Server: return QString::fromStdString(c.server.toString());
    case Protocol: return toQString(protocolName(c.protocol));
    case Requests: return QString::number(c.transactionCount);
    case Packets: return QStringLiteral("%1 / %2").arg(c.packets[kToServer]).arg(c.packets[kToClient]);
    case Bytes:
        return QStringLiteral("%1 / %2").arg(formatBytes(c.payloadBytes[kToServer]),
                                             formatBytes(c.payloadBytes[kToClient]));
    case End: return connectionEndText(c);
    case Issues:
        return QStringLiteral("%1 / %2").arg(c.gaps[0] + c.gaps[1]).arg(c.retransmissions[0] + c.retransmissions[1]);
    case Notes: return QString::fromStdString(textKey(row, Notes));
    case Frame: return c.firstFrame ? QString::number(c.firstFrame) : QString();
    default: return {};
    }
}

std::int64_t ConnectionTable::numberKey(std::size_t row, int column) const
{
    const Connection &c = conn(row);
    switch (column) {
    case First: return c.firstTime;
    case Last: return c.lastTime;
    case Duration: return durationOf(c) == kNoTime ? -1 : durationOf(c);
    case Source: return sourceRank_[c.source.value];
    case Protocol: return static_cast<std::int64_t>(c.protocol);
    case Requests: return c.transactionCount;
    case Packets: return static_cast<std::int64_t>(c.packets[0] + c.packets[1]);
    case Bytes: return static_cast<std::int64_t>(c.payloadBytes[0] + c.payloadBytes[1]);
    case End: return static_cast<std::int64_t>(decisiveEnd(c).kind) * 4 + static_cast<std::int64_t>(decisiveEnd(c).by);
    case Issues: return std::int64_t{c.gaps[0]} + c.gaps[1] + c.retransmissions[0] + c.retransmissions[1];
    case Frame: return static_cast<std::int64_t>(c.firstFrame);
    default: return 0;
    }
}

std::string ConnectionTable::textKey(std::size_t row, int column) const
{
    const Connection &c = conn(row);
    switch (column) {
    case Client: return c.client.toString();
    case Server: return c.server.toString();
    case Notes: {
        std::string notes;
        auto add = [&](const char *text) {
            if (!notes.empty())
                notes += ", ";
            notes += text;
        };
        if (c.midstream)
            add("started before the capture");
        if (c.clientGuessed)
            add("client guessed");
        if (c.upgraded)
            add("upgraded");
        if (c.end.unansweredRequests || c.reset.unansweredRequests)
            add("unanswered requests");
        return notes;
    }
    default: return display(row, column).toStdString();
    }
}

const std::vector<FieldSpec> &ConnectionTable::fields() const
{
    static const std::vector<FieldSpec> kFields = {
        {{"c-ip", "client", "ip"}, FClientIp, false, false, tr("Client address")},
        {{"c-port"}, FClientPort, true, false, tr("Client port")},
        {{"s-ip", "server"}, FServerIp, false, false, tr("Server address")},
        {{"s-port", "port"}, FServerPort, true, false, tr("Server port")},
        {{"connection", "key"}, FConnection, false, false, tr("c-ip:c-port->s-ip:s-port")},
        {{"protocol"}, FProtocol, false, false, tr("http, tls, other, empty, unknown")},
        {{"requests"}, FRequests, true, false, tr("HTTP requests on the connection")},
        {{"end"}, FEnd, false, false, tr("fin, rst or open")},
        {{"by"}, FBy, false, false, tr("Who ended it: client or server")},
        {{"midstream"}, FMidstream, false, false, tr("yes when the capture started after the handshake")},
        {{"source", "file"}, FSource, false, false, tr("Capture path")},
        {{"frame"}, FFrame, true, false, tr("First frame")},
        {{"duration"}, FDuration, true, false, tr("Milliseconds, first to last packet")},
        {{"error"}, FError, false, false, tr("yes when the connection was reset")},
    };
    return kFields;
}

bool ConnectionTable::fieldText(std::size_t row, const FieldRef &field, std::string &scratch,
                                std::string_view &out) const
{
    const Connection &c = conn(row);
    switch (field.id) {
    case FClientIp:
        scratch = c.client.ip.toString();
        out = scratch;
        return true;
    case FServerIp:
        scratch = c.server.ip.toString();
        out = scratch;
        return true;
    case FClientPort: out = numberText(c.client.port, scratch); return true;
    case FServerPort: out = numberText(c.server.port, scratch); return true;
    case FConnection:
        scratch = c.key();
        out = scratch;
        return true;
    case FProtocol: out = protocolName(c.protocol); return true;
    case FRequests: out = numberText(c.transactionCount, scratch); return true;
    case FEnd: out = endKindName(decisiveEnd(c).kind); return true;
    case FBy: out = peerName(decisiveEnd(c).by); return true;
    case FMidstream: out = c.midstream ? "yes" : "no"; return true;
    case FSource: out = analysis().source(c.source).path; return true;
    case FFrame: out = numberText(c.firstFrame, scratch); return true;
    case FDuration: {
        const TimeUs d = durationOf(c);
        out = d == kNoTime ? std::string_view("-") : numberText(static_cast<std::uint64_t>(d / kUsPerMs), scratch);
        return true;
    }
    case FError: out = isError(row) ? "yes" : "no"; return true;
    default: return false;
    }
}

std::optional<double> ConnectionTable::fieldNumber(std::size_t row, const FieldRef &field) const
{
    const Connection &c = conn(row);
    switch (field.id) {
    case FClientPort: return c.client.port;
    case FServerPort: return c.server.port;
    case FRequests: return c.transactionCount;
    case FFrame: return static_cast<double>(c.firstFrame);
    case FDuration: {
        const TimeUs d = durationOf(c);
        return d == kNoTime ? std::nullopt : std::optional<double>(static_cast<double>(d) / kUsPerMs);
    }
    default: return std::nullopt;
    }
}

std::string_view ConnectionTable::freeText(std::size_t row, std::string &scratch) const
{
    const Connection &c = conn(row);
    scratch = c.key();
    scratch += ' ';
    scratch += protocolName(c.protocol);
    scratch += ' ';
    scratch += connectionEndText(c).toStdString();
    scratch += ' ';
    scratch += textKey(row, Notes);
    return scratch;
}

std::optional<std::size_t> ConnectionTable::rowForConnection(ConnectionId id) const
{
    if (!id.valid() || id.value >= size())
        return std::nullopt;
    return id.value;
}

QString ConnectionTable::detailHtml(std::size_t row) const
{
    return connectionDetailHtml(analysis(), conn(row));
}

} // namespace hs::ui
