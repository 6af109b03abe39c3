// SPDX-License-Identifier: MIT
#include "detail/detail_pane.h"

#include "common/theme.h"

#include <QDesktopServices>
#include <QEvent>
#include <QFontDatabase>

namespace hs::ui {

QString richTextStyle(const QPalette &palette)
{
    const QColor muted = mutedTextColor(palette);
    const QColor rawBg = palette.color(QPalette::AlternateBase);
    const QString mono = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
    return QStringLiteral("h3 { margin-top: 6px; margin-bottom: 4px; }"
                          "h4 { margin-top: 10px; margin-bottom: 2px; }"
                          "pre.raw { font-family: '%1'; background-color: %2; padding: 4px; margin: 2px 0px; }"
                          "table.kv td.key { color: %3; padding-right: 12px; }"
                          "table.kv td, table.events td { padding: 1px 4px; vertical-align: top; }"
                          "td.when { color: %3; white-space: pre; }"
                          ".muted { color: %3; }"
                          ".warn { color: %4; font-weight: 600; }"
                          ".c2s { color: %5; font-weight: 600; }"
                          ".s2c { color: %6; font-weight: 600; }"
                          ".badge { font-weight: 600; }"
                          "a { color: %7; }")
        .arg(mono, rawBg.name(), QColor(muted.red(), muted.green(), muted.blue()).name(), errorColor(palette).name(),
             seriesColor(0, palette).name(), seriesColor(2, palette).name(), palette.color(QPalette::Link).name());
}

DetailPane::DetailPane(QWidget *parent) : QTextBrowser(parent)
{
    setOpenLinks(false);
    setAcceptDrops(false);
    setAccessibleName(tr("Details"));
    applyStyle();
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("hs"))
            Q_EMIT navigate(url);
        else if (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"))
            QDesktopServices::openUrl(url);
    });
}

void DetailPane::showHtml(const QString &html)
{
    html_ = html;
    setHtml(html);
}

void DetailPane::showPlaceholder(const QString &text)
{
    showHtml(QStringLiteral("<p class=\"muted\">%1</p>").arg(text.toHtmlEscaped()));
}

void DetailPane::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyStyle();
        setHtml(html_);
    }
}

void DetailPane::applyStyle()
{
    document()->setDefaultStyleSheet(richTextStyle(palette()));
}

} // namespace hs::ui
