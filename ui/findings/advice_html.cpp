// SPDX-License-Identifier: MIT
#include "findings/advice_html.h"

#include "common/text.h"
#include "common/theme.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

#include <array>
#include <climits>

namespace hs::ui {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hs::ui::Advice", text);
}

QString trn(const char *text, std::uint64_t n)
{
    return QCoreApplication::translate("hs::ui::Advice", text, nullptr,
                                       static_cast<int>(std::min<std::uint64_t>(n, INT_MAX)));
}

// Plain text with URLs turned into links.
QString linkify(const std::string &text)
{
    static const QRegularExpression url(QStringLiteral(R"((https?://[^\s<>"]+))"));
    QString escaped = htmlEscape(text);
    escaped.replace(url, QStringLiteral("<a href=\"\\1\">\\1</a>"));
    return escaped;
}

// Paragraph breaks from the KB texts survive.
QString paragraphs(const std::string &text)
{
    QString html = linkify(text);
    html.replace(QStringLiteral("\n\n"), QStringLiteral("</p><p>"));
    html.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return QStringLiteral("<p>%1</p>").arg(html);
}

} // namespace

QString remediationKindLabel(const std::string &kind)
{
    if (kind == "hotfix")
        return tr("Hotfix");
    if (kind == "upgrade")
        return tr("Upgrade");
    if (kind == "config")
        return tr("Configuration");
    if (kind == "workaround")
        return tr("Workaround");
    if (kind == "client")
        return tr("Client side");
    if (kind == "by-design")
        return tr("By design");
    if (kind == "info")
        return tr("Note");
    return toQString(kind);
}

QString adviceHtml(const Finding &f, const QPalette &palette)
{
    const QString sevColour = severityColor(f.severity, palette).name();
    QString html = QStringLiteral("<h3>%1</h3>").arg(htmlEscape(f.title));
    QString meta =
        QStringLiteral("<span class=\"badge\" style=\"color:%1\">%2</span>").arg(sevColour, severityLabel(f.severity));
    meta += QStringLiteral(" · %1").arg(tr("%1 confidence").arg(confidenceLabel(f.confidence)));
    meta += QStringLiteral(" · %1").arg(trn("%n occurrence(s)", f.count));
    if (f.first != kNoTime)
        meta += QStringLiteral(" · ") + (f.last == f.first || f.last == kNoTime
                                             ? formatTime(f.first)
                                             : QStringLiteral("%1 – %2").arg(formatTime(f.first), formatTime(f.last)));
    meta += QStringLiteral(" · <span class=\"muted\">%1</span>").arg(htmlEscape(f.id));
    html += QStringLiteral("<p>%1</p>").arg(meta);
    if (!f.summary.empty())
        html += paragraphs(f.summary);
    if (!f.confidenceReason.empty())
        html +=
            QStringLiteral("<p class=\"muted\">%1 %2</p>").arg(tr("Why this confidence:"), linkify(f.confidenceReason));

    if (!f.remediation.empty()) {
        html += QStringLiteral("<h4>%1</h4><table class=\"kv\">").arg(tr("What to do"));
        // Fixed order: the fix first, then how to live with it, then why it may be fine.
        static const std::array<const char *, 7> kOrder = {"hotfix", "upgrade",   "config", "workaround",
                                                           "client", "by-design", "info"};
        std::vector<const Remediation *> ordered;
        for (const char *kind : kOrder)
            for (const auto &r : f.remediation)
                if (r.kind == kind)
                    ordered.push_back(&r);
        for (const auto &r : f.remediation)
            if (std::find(kOrder.begin(), kOrder.end(), r.kind) == kOrder.end())
                ordered.push_back(&r);
        for (const Remediation *r : ordered) {
            QString text = linkify(r->text);
            if (!r->prerequisites.empty())
                text += QStringLiteral("<br><span class=\"muted\">%1 %2</span>")
                            .arg(tr("Requires:"), htmlEscape(r->prerequisites));
            html += QStringLiteral("<tr><td class=\"key\"><b>%1</b></td><td>%2</td></tr>")
                        .arg(remediationKindLabel(r->kind), text);
        }
        html += QStringLiteral("</table>");
    }

    if (!f.kb.empty() || !f.references.empty()) {
        html += QStringLiteral("<h4>%1</h4>").arg(tr("Knowledge base and references"));
        if (!f.kb.empty()) {
            QStringList ids;
            for (const auto &k : f.kb)
                ids << QStringLiteral("<b>%1</b>").arg(htmlEscape(k));
            html += QStringLiteral("<p>%1</p>").arg(ids.join(QStringLiteral(" · ")));
        }
        if (!f.references.empty()) {
            html += QStringLiteral("<ul>");
            for (const auto &ref : f.references)
                html += QStringLiteral("<li>%1</li>").arg(linkify(ref));
            html += QStringLiteral("</ul>");
        }
    }

    if (!f.connections.empty()) {
        html += QStringLiteral("<h4>%1</h4><p>").arg(tr("Connections"));
        QStringList links;
        for (const auto &key : f.connections)
            links << QStringLiteral("<a href=\"hs:connection-key/%1\">%2</a>")
                         .arg(QString::fromUtf8(QUrl::toPercentEncoding(toQString(key))), htmlEscape(key));
        html += links.join(QStringLiteral(", ")) + QStringLiteral("</p>");
    }
    if (!f.clients.empty()) {
        QStringList clients;
        for (const auto &c : f.clients)
            clients << htmlEscape(c);
        html += QStringLiteral("<h4>%1</h4><p>%2</p>").arg(tr("Clients"), clients.join(QStringLiteral(", ")));
    }
    if (f.evidenceTotal > f.evidence.size())
        html += QStringLiteral("<p class=\"muted\">%1</p>")
                    .arg(tr("Showing %1 of %2 pieces of evidence.")
                             .arg(formatCount(f.evidence.size()), formatCount(f.evidenceTotal)));
    return html;
}

QString noFindingsHtml(const Analysis &analysis)
{
    if (analysis.findings.empty())
        return QStringLiteral("<h3>%1</h3><p>%2</p>")
            .arg(tr("No known problem found"),
                 tr("None of the known IIS / HTTP.sys symptoms matched the %1 file(s) read. The timeline, "
                    "charts and tables still show everything that was in them.")
                     .arg(analysis.sources.size()));
    return QStringLiteral("<p class=\"muted\">%1</p>").arg(tr("Select a finding to see what to do about it."));
}

} // namespace hs::ui
