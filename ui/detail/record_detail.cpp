// SPDX-License-Identifier: MIT
#include "detail/record_detail.h"

#include "common/text.h"
#include "formats/w3c_fields.h"
#include "tables/connection_table.h"
#include "tables/httperr_table.h"
#include "tables/transaction_table.h"

#include <QCoreApplication>

#include <algorithm>
#include <climits>

namespace hs::ui {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hs::ui::Detail", text);
}

QString trn(const char *text, std::uint64_t n)
{
    return QCoreApplication::translate("hs::ui::Detail", text, nullptr,
                                       static_cast<int>(std::min<std::uint64_t>(n, INT_MAX)));
}

QString pre(std::string_view bytes)
{
    return QStringLiteral("<pre class=\"raw\">%1</pre>").arg(htmlEscape(bytes));
}

QString heading(const QString &text)
{
    return QStringLiteral("<h3>%1</h3>").arg(text);
}

QString kvRow(const QString &key, const QString &valueHtml)
{
    return QStringLiteral("<tr><td class=\"key\">%1</td><td>%2</td></tr>").arg(htmlEscape(key), valueHtml);
}

QString sourceLine(const Source &source, std::uint64_t line)
{
    return tr("%1, line %2").arg(htmlEscape(source.path)).arg(line);
}

// The fields the line's #Fields layout declared, with their values as written.
template <typename Record, typename FieldValue>
QString layoutTable(const Source &source, const Record &record, FieldValue &&fieldValue)
{
    if (!source.log || record.layout >= source.log->layouts.size())
        return {};
    const FieldLayout &layout = source.log->layouts[record.layout];
    QString rows;
    for (const auto &name : layout.fields) {
        const auto value = fieldValue(source, record, name);
        rows += kvRow(toQString(name), value ? htmlEscape(*value) : QStringLiteral("<span class=\"muted\">—</span>"));
    }
    if (rows.isEmpty())
        return {};
    QString note;
    if (layout.assumed)
        note = QStringLiteral("<p class=\"muted\">%1</p>")
                   .arg(tr("No #Fields directive applied to this line: the field set was assumed."));
    else if (layout.line)
        note = QStringLiteral("<p class=\"muted\">%1</p>").arg(tr("Fields declared on line %1.").arg(layout.line));
    return heading(tr("Fields")) + QStringLiteral("<table class=\"kv\">%1</table>").arg(rows) + note;
}

std::string_view arenaSlice(const Analysis &analysis, SourceId sourceId, std::uint64_t offset, std::uint32_t size)
{
    if (!size || !sourceId.valid() || sourceId.value >= analysis.sources.size())
        return {};
    const Source &src = analysis.source(sourceId);
    if (!src.capture || offset + size > src.capture->headArena.size())
        return {};
    return std::string_view(src.capture->headArena).substr(offset, size);
}

QString whenText(TimeUs time, std::uint64_t frame, TimeUs origin)
{
    QString text = formatTime(time);
    if (origin != kNoTime && time != kNoTime && time > origin)
        text += QStringLiteral(" <span class=\"muted\">+%1</span>").arg(formatDurationUs(time - origin));
    if (frame)
        text += QStringLiteral(" <span class=\"muted\">%1</span>").arg(tr("frame %1").arg(frame));
    return text;
}

QString interimReason(std::uint16_t status)
{
    switch (status) {
    case 100: return QStringLiteral("Continue");
    case 101: return QStringLiteral("Switching Protocols");
    case 102: return QStringLiteral("Processing");
    case 103: return QStringLiteral("Early Hints");
    default: return {};
    }
}

struct Event {
    TimeUs time = kNoTime;
    std::uint64_t frame = 0;
    int order = 0;
    QString html;
};

QString directionBadge(bool toServer)
{
    return toServer ? QStringLiteral("<span class=\"c2s\">%1</span>").arg(tr("client → server"))
                    : QStringLiteral("<span class=\"s2c\">%1</span>").arg(tr("server → client"));
}

// The exchange of one transaction as events in arrival order.
QString exchangeHtml(const Analysis &analysis, const Transaction &t, TimeUs origin)
{
    std::vector<Event> events;
    int order = 0;
    auto add = [&](TimeUs time, std::uint64_t frame, QString html) {
        events.push_back(Event{time, frame, order++, std::move(html)});
    };
    if (t.hasRequest) {
        std::string_view head = requestHead(analysis, t);
        QString body;
        if (!head.empty())
            body = pre(head);
        else
            body = pre(std::string(analysis.str(t.method)) + " " + std::string(analysis.str(t.target)) + " " +
                       std::string(toString(t.requestVersion))) +
                   QStringLiteral("<p class=\"muted\">%1</p>").arg(tr("Header block not kept; request line rebuilt."));
        add(t.requestTime, t.requestFrame,
            QStringLiteral("%1 %2<br>%3").arg(directionBadge(true), tr("request"), body));
        if (t.requestBodyFirstTime != kNoTime)
            add(t.requestBodyFirstTime, t.requestBodyFirstFrame,
                QStringLiteral("%1 %2").arg(
                    directionBadge(true),
                    tr("request body starts (%1)").arg(toQString(framingName(t.requestFraming)))));
        if (t.requestBodyLastTime != kNoTime)
            add(t.requestBodyLastTime, t.requestBodyLastFrame,
                QStringLiteral("%1 %2").arg(
                    directionBadge(true),
                    t.requestComplete
                        ? tr("request body complete: %1 bytes%2")
                              .arg(formatCount(t.requestBodyBytes))
                              .arg(t.requestChunks ? tr(" in %1 chunks").arg(t.requestChunks) : QString())
                        : tr("request body incomplete: %1 bytes seen").arg(formatCount(t.requestBodyBytes))));
    }
    for (const auto &interim : t.interims) {
        QString html = QStringLiteral("%1 <b>%2 %3 %4</b>")
                           .arg(directionBadge(false),
                                toQString(toString(t.responseVersion == HttpVersion::Unknown ? HttpVersion::Http11
                                                                                             : t.responseVersion)))
                           .arg(interim.status)
                           .arg(interimReason(interim.status));
        if (interim.afterFinal)
            html += QStringLiteral(" <span class=\"warn\">⚠ %1</span>")
                        .arg(tr("arrived after the final response (the KB898708 fingerprint)"));
        add(interim.time, interim.frame, html);
    }
    if (t.hasResponse) {
        std::string_view head = responseHead(analysis, t);
        QString body = !head.empty() ? pre(head)
                                     : pre(std::string(toString(t.responseVersion)) + " " + std::to_string(t.status) +
                                           " " + std::string(analysis.str(t.reason)));
        add(t.responseTime, t.responseFrame,
            QStringLiteral("%1 %2<br>%3").arg(directionBadge(false), tr("final response"), body));
        if (t.responseEndTime != kNoTime)
            add(t.responseEndTime, t.responseEndFrame,
                QStringLiteral("%1 %2").arg(directionBadge(false),
                                            (t.responseComplete ? tr("response complete: %1 body bytes")
                                                                : tr("response incomplete: %1 body bytes seen"))
                                                .arg(formatCount(t.responseBodyBytes))));
    } else {
        add(kNoTime, 0, QStringLiteral("<span class=\"warn\">%1</span>").arg(tr("No final response was seen.")));
    }
    // Arrival order: capture frames when both events have one (they are the wire order), else time.
    std::stable_sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
        if (a.time == kNoTime || b.time == kNoTime)
            return a.time != kNoTime && b.time == kNoTime;
        if (a.frame && b.frame && a.frame != b.frame)
            return a.frame < b.frame;
        if (a.time != b.time)
            return a.time < b.time;
        return a.order < b.order;
    });
    QString rows;
    for (const auto &e : events)
        rows += QStringLiteral("<tr><td class=\"when\">%1</td><td>%2</td></tr>")
                    .arg(e.time == kNoTime ? QString() : whenText(e.time, e.frame, origin), e.html);
    QString out = QStringLiteral("<table class=\"events\">%1</table>").arg(rows);
    if (t.violations)
        out += QStringLiteral("<p class=\"warn\">%1 %2</p>")
                   .arg(tr("Protocol irregularities:"), htmlEscape(violationNames(t.violations)));
    return out;
}

QString connectionSummary(const Analysis &analysis, const Connection &c)
{
    QString rows;
    rows += kvRow(tr("Source"), htmlEscape(analysis.source(c.source).path));
    rows += kvRow(tr("Client"),
                  htmlEscape(c.client.toString() + (c.clientZone.empty() ? "" : " (zone %" + c.clientZone + ")")));
    rows += kvRow(tr("Server"), htmlEscape(c.server.toString()));
    rows += kvRow(tr("Protocol"), toQString(protocolName(c.protocol)));
    rows += kvRow(tr("First packet"), whenText(c.firstTime, c.firstFrame, kNoTime));
    rows += kvRow(tr("Last packet"), whenText(c.lastTime, c.lastFrame, kNoTime));
    rows += kvRow(tr("Handshake"), c.sawSyn ? (c.sawSynAck ? tr("SYN, SYN-ACK seen") : tr("SYN seen"))
                                            : tr("not captured (the capture started mid-connection)"));
    rows += kvRow(tr("Packets"), tr("%1 client→server, %2 server→client")
                                     .arg(formatCount(c.packets[kToServer]), formatCount(c.packets[kToClient])));
    rows +=
        kvRow(tr("Payload"), tr("%1 client→server, %2 server→client")
                                 .arg(formatBytes(c.payloadBytes[kToServer]), formatBytes(c.payloadBytes[kToClient])));
    if (c.gaps[0] + c.gaps[1] + c.retransmissions[0] + c.retransmissions[1])
        rows += kvRow(tr("Capture quality"), tr("%1 gaps (%2 missing), %3 retransmissions")
                                                 .arg(c.gaps[0] + c.gaps[1])
                                                 .arg(formatBytes(c.gapBytes[0] + c.gapBytes[1]))
                                                 .arg(c.retransmissions[0] + c.retransmissions[1]));
    return QStringLiteral("<table class=\"kv\">%1</table>").arg(rows);
}

QString endHtml(const Connection &c, TimeUs origin)
{
    const ConnectionEnd &e = c.reset.kind == ConnectionEnd::Kind::Rst ? c.reset : c.end;
    if (e.kind == ConnectionEnd::Kind::Open)
        return QStringLiteral("<p class=\"muted\">%1</p>")
            .arg(tr("The connection was still open when the capture ended."));
    QString text = connectionEndText(c);
    if (e.unansweredRequests)
        text += trn(", %n request(s) unanswered", e.unansweredRequests);
    if (e.duringRequestBody)
        text += tr(", while the client was sending a request body");
    if (e.unackedClientBytes)
        text += tr(", %1 client bytes not acknowledged").arg(formatBytes(e.unackedClientBytes));
    const QString cls = e.kind == ConnectionEnd::Kind::Rst ? QStringLiteral("warn") : QStringLiteral("plain");
    return QStringLiteral("<table class=\"events\"><tr><td class=\"when\">%1</td><td><span "
                          "class=\"%2\">%3</span></td></tr></table>")
        .arg(whenText(e.time, e.frame, origin), cls, htmlEscape(text));
}

} // namespace

std::string_view requestHead(const Analysis &analysis, const Transaction &t)
{
    return arenaSlice(analysis, t.source, t.requestHeadOffset, t.requestHeadSize);
}

std::string_view responseHead(const Analysis &analysis, const Transaction &t)
{
    return arenaSlice(analysis, t.source, t.responseHeadOffset, t.responseHeadSize);
}

QString accessDetailHtml(const Analysis &analysis, const Source &source, const AccessRecord &record)
{
    QString html = heading(sourceLine(source, record.line));
    html += pre(source.rawLine(record.line));
    QString fields = layoutTable(source, record, [](const Source &s, const AccessRecord &r, const std::string &name) {
        return w3cFieldValue(s, r, name);
    });
    if (fields.isEmpty()) {
        QString rows;
        rows += kvRow(tr("Time (UTC)"), formatTime(record.time));
        rows += kvRow(tr("Client"), htmlEscape(analysis.addr(record.clientIp)));
        rows += kvRow(tr("Request"), htmlEscape(std::string(analysis.str(record.method)) + " " +
                                                std::string(analysis.str(record.uriStem))));
        rows += kvRow(tr("Status"), record.status ? QString::number(record.status) : QString());
        fields = heading(tr("Parsed")) + QStringLiteral("<table class=\"kv\">%1</table>").arg(rows);
    }
    html += fields;
    if (record.flags & kRecordLocalTime)
        html +=
            QStringLiteral("<p class=\"warn\">%1</p>")
                .arg(tr("This log writes server-local time; no offset was given, so it is shown as if it were UTC."));
    return html;
}

QString httpErrDetailHtml(const Analysis &analysis, const Source &source, const HttpErrRecord &record,
                          const std::string &connectionKey, ConnectionId c)
{
    QString html = heading(sourceLine(source, record.line));
    html += pre(source.rawLine(record.line));
    if (!connectionKey.empty()) {
        if (c.valid())
            html += QStringLiteral("<p>%1 <a href=\"hs:connection/%2\">%3</a></p>")
                        .arg(tr("Captured connection:"))
                        .arg(c.value)
                        .arg(htmlEscape(connectionKey));
        else if (!analysis.connections.empty())
            html += QStringLiteral("<p class=\"muted\">%1</p>")
                        .arg(tr("No captured connection has the 4-tuple %1.").arg(htmlEscape(connectionKey)));
    }
    html += layoutTable(source, record, [](const Source &s, const HttpErrRecord &r, const std::string &name) {
        return httpErrFieldValue(s, r, name);
    });
    return html;
}

QString transactionDetailHtml(const Analysis &analysis, const Transaction &t)
{
    QString title = htmlEscape(std::string(analysis.str(t.method)) + " " + std::string(analysis.str(t.target)));
    if (t.hasResponse)
        title += QStringLiteral(" → %1").arg(t.status);
    QString html = heading(title);
    QString rows;
    rows += kvRow(tr("Source"), htmlEscape(analysis.source(t.source).path));
    if (t.connection.valid() && t.connection.value < analysis.connections.size()) {
        const Connection &c = analysis.connections[t.connection.value];
        rows += kvRow(tr("Connection"),
                      QStringLiteral("<a href=\"hs:connection/%1\">%2</a> — %3")
                          .arg(t.connection.value)
                          .arg(htmlEscape(c.key()))
                          .arg(tr("request %1 of %2").arg(t.indexInConnection + 1).arg(c.transactionCount)));
    }
    if (t.expectsContinue())
        rows += kvRow(tr("Expect"), htmlEscape(analysis.str(t.request.expect)));
    html += QStringLiteral("<table class=\"kv\">%1</table>").arg(rows);
    html += heading(tr("Exchange, in arrival order"));
    html += exchangeHtml(analysis, t, t.requestTime);
    return html;
}

QString connectionDetailHtml(const Analysis &analysis, const Connection &c)
{
    QString html = heading(tr("Connection %1").arg(htmlEscape(c.key())));
    html += connectionSummary(analysis, c);
    const TimeUs origin = c.firstTime;
    const auto &txs = analysis.transactions;
    for (std::uint32_t i = 0; i < c.transactionCount; ++i) {
        const std::size_t index = std::size_t{c.firstTransaction} + i;
        if (index >= txs.size())
            break;
        const Transaction &t = txs[index];
        QString title = htmlEscape(std::string(analysis.str(t.method)) + " " + std::string(analysis.str(t.target)));
        title += t.hasResponse ? QStringLiteral(" → %1").arg(t.status) : tr(" → no response");
        html +=
            QStringLiteral("<h4><a href=\"hs:transaction/%1\">#%2</a> %3</h4>").arg(t.id.value).arg(i + 1).arg(title);
        html += exchangeHtml(analysis, t, origin);
    }
    if (c.transactionCount == 0)
        html += QStringLiteral("<p class=\"muted\">%1</p>").arg(tr("No HTTP requests on this connection."));
    html += heading(tr("End"));
    html += endHtml(c, origin);
    return html;
}

} // namespace hs::ui
