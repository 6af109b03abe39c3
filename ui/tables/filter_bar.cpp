// SPDX-License-Identifier: MIT
#include "tables/filter_bar.h"

#include "common/icons.h"
#include "common/text.h"
#include "common/theme.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace hs::ui {

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent), edit_(new QLineEdit(this)), error_(new QLabel(this)), range_(new QToolButton(this)),
      busy_(new QLabel(this)), counts_(new QLabel(this)), debounce_(new QTimer(this))
{
    edit_->setPlaceholderText(
        tr("Filter: status:503  reason:Timer_HeaderWait  c-ip:10.0.0.5  time-taken:>1000  or any RE2 pattern"));
    edit_->setClearButtonEnabled(true);
    edit_->addAction(themedIcon(QStringLiteral("filter")), QLineEdit::LeadingPosition);
    edit_->setAccessibleName(tr("Table filter"));
    edit_->setAcceptDrops(false); // dropped folders go to the window
    range_->setAccessibleName(tr("Clear time range"));
    range_->setToolTip(tr("Rows are limited to this time range (from the timeline or a chart). Click to clear."));
    range_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    range_->setIcon(themedIcon(QStringLiteral("clear")));
    range_->setAutoRaise(true);
    range_->hide();
    busy_->hide();
    counts_->setAccessibleName(tr("Row count"));
    error_->setWordWrap(true);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->setAccessibleName(tr("Filter error"));
    error_->hide();
    QPalette errPalette = error_->palette();
    errPalette.setColor(QPalette::WindowText, errorColor(palette()));
    error_->setPalette(errPalette);

    debounce_->setSingleShot(true);
    debounce_->setInterval(250);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(edit_, 1);
    row->addWidget(range_);
    row->addWidget(busy_);
    row->addWidget(counts_);
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(4, 4, 4, 2);
    column->setSpacing(2);
    column->addLayout(row);
    column->addWidget(error_);

    connect(edit_, &QLineEdit::textEdited, debounce_, qOverload<>(&QTimer::start));
    connect(edit_, &QLineEdit::returnPressed, this, [this] {
        debounce_->stop();
        Q_EMIT filterRequested(edit_->text());
    });
    connect(debounce_, &QTimer::timeout, this, [this] { Q_EMIT filterRequested(edit_->text()); });
    connect(range_, &QToolButton::clicked, this, &FilterBar::clearTimeRangeRequested);
}

QString FilterBar::text() const
{
    return edit_->text();
}

void FilterBar::setText(const QString &text)
{
    debounce_->stop();
    const QSignalBlocker block(edit_);
    edit_->setText(text);
}

void FilterBar::showError(const FilterError &error)
{
    errorText_ = error.message;
    if (error.message.isEmpty()) {
        error_->hide();
        error_->clear();
        edit_->setStyleSheet({});
        return;
    }
    error_->setText(error.message);
    error_->show();
    edit_->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid %1; }").arg(errorColor(palette()).name()));
    if (error.position >= 0)
        edit_->setSelection(error.position, error.length);
}

QString FilterBar::errorText() const
{
    return errorText_;
}

void FilterBar::setTimeRange(TimeUs from, TimeUs to)
{
    if (from == kNoTime && to == kNoTime) {
        range_->hide();
        return;
    }
    range_->setText(tr("%1 – %2").arg(formatTime(from), formatTime(to)));
    range_->show();
}

void FilterBar::setCounts(std::size_t shown, std::size_t total)
{
    counts_->setText(shown == total ? tr("%1 rows").arg(formatCount(total))
                                    : tr("%1 of %2 rows").arg(formatCount(shown), formatCount(total)));
}

void FilterBar::setBusy(bool busy, int permille)
{
    busy_->setVisible(busy);
    if (busy)
        busy_->setText(tr("Filtering… %1%").arg(permille / 10));
}

void FilterBar::setFieldHelp(const QString &html)
{
    edit_->setToolTip(html);
}

} // namespace hs::ui
