// SPDX-License-Identifier: MIT
#include "window/about_dialog.h"

#include "common/icons.h"
#include "httpsleuth/version.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtGlobal>

namespace hs::ui {

QString AboutDialog::licencesHtml()
{
    return tr("<p><b>HttpSleuth</b> is free software under the MIT licence.</p>"
              "<p>It is built with:</p><ul>"
              "<li><b>Qt %1</b> (Core, Gui, Widgets, Svg) — GNU LGPL version 3. "
              "<a href=\"https://www.qt.io/licensing/open-source-lgpl-obligations\">Qt licensing</a>; "
              "the Qt libraries are linked dynamically and can be replaced.</li>"
              "<li><b>Qt Charts</b> — GNU GPL version 3 (open-source edition) or a commercial Qt licence.</li>"
              "<li><b>RE2</b> — BSD 3-clause licence, © The RE2 Authors.</li>"
              "<li><b>libarchive</b> — BSD 2-clause licence, © Tim Kientzle and contributors.</li>"
              "<li><b>zlib</b> — zlib licence, © Jean-loup Gailly and Mark Adler.</li>"
              "</ul><p>Running on Qt %2.</p>")
        .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
}

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About HttpSleuth"));
    setAccessibleName(tr("About HttpSleuth"));
    auto *icon = new QLabel(this);
    icon->setPixmap(applicationIcon().pixmap(QSize(72, 72), devicePixelRatioF()));
    auto *title = new QLabel(tr("<h2>HttpSleuth %1</h2>"
                                "<p>Diagnoses IIS / HTTP.sys connection problems from HTTPERR and W3C logs, "
                                "packet captures and HAR / SAZ exports.</p>")
                                 .arg(QString::fromLatin1(kVersion)),
                             this);
    title->setWordWrap(true);
    auto *licences = new QTextBrowser(this);
    licences->setOpenExternalLinks(true);
    licences->setHtml(licencesHtml());
    licences->setAccessibleName(tr("Licences"));
    licences->setMinimumSize(480, 220);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *head = new QHBoxLayout;
    head->addWidget(icon, 0, Qt::AlignTop);
    head->addWidget(title, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addWidget(licences, 1);
    layout->addWidget(buttons);
}

} // namespace hs::ui
