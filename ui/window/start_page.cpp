// SPDX-License-Identifier: MIT
#include "window/start_page.h"

#include "common/icons.h"
#include "common/theme.h"
#include "window/recent_bundles.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QVBoxLayout>

namespace hs::ui {

StartPage::StartPage(QWidget *parent) : QWidget(parent), card_(new QWidget(this)), recent_(new QListWidget(this))
{
    setAccessibleName(tr("Start page"));
    auto *icon = new QLabel(card_);
    icon->setPixmap(themedIcon(QStringLiteral("drop-zone")).pixmap(QSize(96, 96), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignCenter);
    auto *title = new QLabel(tr("Drop a folder of logs and captures here"), card_);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    title->setFont(big);
    title->setAlignment(Qt::AlignCenter);
    auto *subtitle = new QLabel(tr("IIS W3C logs, HTTPERR logs, pcap / pcapng captures, HAR and Fiddler SAZ "
                                   "exports — or a .zip bundle of them. Everything stays on this machine."),
                                card_);
    subtitle->setWordWrap(true);
    subtitle->setAlignment(Qt::AlignCenter);
    QPalette muted = subtitle->palette();
    muted.setColor(QPalette::WindowText, mutedTextColor(muted));
    subtitle->setPalette(muted);

    auto *openFolder = new QPushButton(themedIcon(QStringLiteral("open-folder")), tr("Open &folder…"), card_);
    auto *openFiles = new QPushButton(themedIcon(QStringLiteral("open-file")), tr("Open fi&les…"), card_);
    openFolder->setAccessibleName(tr("Open folder"));
    openFiles->setAccessibleName(tr("Open files"));
    openFolder->setDefault(true);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(openFolder);
    buttons->addWidget(openFiles);
    buttons->addStretch();

    auto *recentTitle = new QLabel(tr("Recent"), card_);
    QFont bold = recentTitle->font();
    bold.setBold(true);
    recentTitle->setFont(bold);
    recent_->setParent(card_);
    recent_->setAccessibleName(tr("Recent bundles"));
    recent_->setMaximumHeight(180);
    recent_->setFrameShape(QFrame::NoFrame);
    recent_->setAcceptDrops(false);

    auto *cardLayout = new QVBoxLayout(card_);
    cardLayout->setSpacing(12);
    cardLayout->addWidget(icon);
    cardLayout->addWidget(title);
    cardLayout->addWidget(subtitle);
    cardLayout->addLayout(buttons);
    cardLayout->addSpacing(12);
    cardLayout->addWidget(recentTitle);
    cardLayout->addWidget(recent_);
    card_->setMaximumWidth(620);

    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(card_, 4);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(1);

    connect(openFolder, &QPushButton::clicked, this, &StartPage::openFolderRequested);
    connect(openFiles, &QPushButton::clicked, this, &StartPage::openFilesRequested);
    connect(recent_, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT recentActivated(item->data(Qt::UserRole).toStringList()); });
    setRecent({});
}

void StartPage::setRecent(const QList<QStringList> &bundles)
{
    recent_->clear();
    for (const QStringList &paths : bundles) {
        auto *item = new QListWidgetItem(themedIcon(QStringLiteral("open-folder")), RecentBundles::label(paths));
        QStringList native;
        for (const QString &p : paths)
            native << QDir::toNativeSeparators(p);
        item->setToolTip(native.join(QLatin1Char('\n')));
        item->setData(Qt::UserRole, paths);
        recent_->addItem(item);
    }
    if (bundles.isEmpty()) {
        auto *item = new QListWidgetItem(tr("Nothing opened yet"));
        item->setFlags(Qt::NoItemFlags);
        recent_->addItem(item);
    }
}

void StartPage::setDragActive(bool active)
{
    dragActive_ = active;
    update();
}

void StartPage::paintEvent(QPaintEvent *)
{
    // The drop zone: a dashed rounded frame around the card, solid while something is dragged over.
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF zone = QRectF(card_->geometry()).adjusted(-24, -24, 24, 24);
    QColor edge = dragActive_ ? palette().color(QPalette::Highlight) : mutedTextColor(palette());
    QPen pen(edge, dragActive_ ? 3 : 2, dragActive_ ? Qt::SolidLine : Qt::DashLine);
    p.setPen(pen);
    QColor fill = palette().color(dragActive_ ? QPalette::Highlight : QPalette::AlternateBase);
    fill.setAlpha(dragActive_ ? 40 : 120);
    p.setBrush(fill);
    p.drawRoundedRect(zone, 14, 14);
}

} // namespace hs::ui
