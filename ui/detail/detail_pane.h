// SPDX-License-Identifier: MIT
// Shows a row's detail (raw line, reconstructed exchange, followed connection) as rich text. Links
// with the "hs:" scheme are navigation requests for the workspace; others open in the browser.
#pragma once

#include <QTextBrowser>

namespace hs::ui {

class DetailPane final : public QTextBrowser {
    Q_OBJECT
public:
    explicit DetailPane(QWidget *parent = nullptr);
    void showHtml(const QString &html);
    void showPlaceholder(const QString &text);

Q_SIGNALS:
    void navigate(const QUrl &url); // hs:connection/<id>, hs:transaction/<id>

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyStyle();
    QString html_; // re-set after a palette change so the new style applies
};

// The style sheet shared by the detail pane and the findings advice (palette-aware).
QString richTextStyle(const QPalette &palette);

} // namespace hs::ui
