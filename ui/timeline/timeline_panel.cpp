// SPDX-License-Identifier: MIT
#include "timeline/timeline_panel.h"

#include "common/icons.h"
#include "common/text.h"
#include "common/theme.h"
#include "timeline/timeline_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace hs::ui {

TimelinePanel::TimelinePanel(QWidget *parent)
    : QWidget(parent), view_(new TimelineView(this)), range_(new QLabel(this)), connections_(new QToolButton(this))
{
    setAccessibleName(tr("Timeline panel"));
    auto *title = new QLabel(tr("Timeline"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    auto *hint =
        new QLabel(tr("wheel: zoom · drag: select a time range · right-drag: pan · click a bar: that bucket"), this);
    hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // clipped, never overlapping
    QPalette hintPalette = hint->palette();
    hintPalette.setColor(QPalette::WindowText, mutedTextColor(hint->palette()));
    hint->setPalette(hintPalette);
    range_->setPalette(hintPalette);
    range_->setAccessibleName(tr("Visible time range"));

    auto makeButton = [this](const QString &icon, const QString &tip, auto slot) {
        auto *b = new QToolButton(this);
        b->setIcon(themedIcon(icon));
        b->setToolTip(tip);
        b->setAccessibleName(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, view_, slot);
        return b;
    };
    auto *zoomIn = makeButton(QStringLiteral("zoom-in"), tr("Zoom in (+)"), &TimelineView::zoomIn);
    auto *zoomOut = makeButton(QStringLiteral("zoom-out"), tr("Zoom out (-)"), &TimelineView::zoomOut);
    auto *fit = makeButton(QStringLiteral("zoom-fit"), tr("Show everything (Home)"), &TimelineView::zoomFit);
    connections_->setIcon(themedIcon(QStringLiteral("connections")));
    connections_->setText(tr("Connections"));
    connections_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connections_->setCheckable(true);
    connections_->setAutoRaise(true);
    connections_->setToolTip(tr("One lane per captured TCP connection"));
    connections_->setAccessibleName(tr("Show connection lanes"));
    connect(connections_, &QToolButton::toggled, view_, &TimelineView::setConnectionsShown);
    connect(view_, &TimelineView::connectionsShownChanged, connections_, &QToolButton::setChecked);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(6, 2, 4, 0);
    row->addWidget(title);
    row->addSpacing(10);
    row->addWidget(hint, 1);
    row->addSpacing(12);
    row->addWidget(range_);
    row->addWidget(zoomIn);
    row->addWidget(zoomOut);
    row->addWidget(fit);
    row->addWidget(connections_);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(view_, 1);

    connect(view_, &TimelineView::viewChanged, this, [this](TimeUs from, TimeUs to) {
        range_->setText(tr("%1 – %2 (%3)").arg(formatTime(from), formatTime(to), formatDurationUs(to - from)));
    });
}

} // namespace hs::ui
