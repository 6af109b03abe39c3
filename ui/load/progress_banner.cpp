// SPDX-License-Identifier: MIT
#include "load/progress_banner.h"

#include "common/icons.h"
#include "load/load_controller.h"
#include "load/progress_text.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

namespace hs::ui {

ProgressBanner::ProgressBanner(LoadController *loader, QWidget *parent)
    : QFrame(parent), loader_(loader), breadcrumb_(new QLabel(this)), headline_(new QLabel(this)),
      bar_(new QProgressBar(this)), stop_(new QPushButton(themedIcon(QStringLiteral("stop")), tr("&Stop"), this)),
      cancel_(new QPushButton(themedIcon(QStringLiteral("cancel")), tr("Cancel"), this)), timer_(new QTimer(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    setAccessibleName(tr("Loading progress"));
    breadcrumb_->setTextFormat(Qt::RichText);
    breadcrumb_->setAccessibleName(tr("Loading stages"));
    headline_->setAccessibleName(tr("Loading status"));
    bar_->setRange(0, 100);
    bar_->setTextVisible(true);
    bar_->setMaximumWidth(260);
    bar_->setAccessibleName(tr("Loading progress bar"));
    stop_->setToolTip(tr("Stop reading and show what was read so far"));
    stop_->setAccessibleName(tr("Stop loading and keep what was read"));
    cancel_->setToolTip(tr("Stop reading and discard this bundle"));
    cancel_->setAccessibleName(tr("Cancel loading"));

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(10, 6, 10, 6);
    grid->addWidget(breadcrumb_, 0, 0, 1, 1);
    grid->addWidget(headline_, 1, 0, 1, 1);
    grid->addWidget(bar_, 0, 1, 2, 1);
    grid->addWidget(stop_, 0, 2, 2, 1);
    grid->addWidget(cancel_, 0, 3, 2, 1);
    grid->setColumnStretch(0, 1);

    timer_->setInterval(kPollIntervalMs);
    connect(timer_, &QTimer::timeout, this, &ProgressBanner::poll);
    connect(stop_, &QPushButton::clicked, loader_, &LoadController::stop);
    connect(cancel_, &QPushButton::clicked, loader_, &LoadController::cancel);
    connect(loader_, &LoadController::started, this, [this] {
        hide();
        timer_->start();
    });
    auto done = [this] {
        timer_->stop();
        hide();
    };
    connect(loader_, &LoadController::finished, this, done);
    connect(loader_, &LoadController::cancelled, this, done);
    connect(loader_, &LoadController::failed, this, done);
    hide();
}

QString ProgressBanner::breadcrumbText() const
{
    return breadcrumb_->text();
}

QString ProgressBanner::headlineText() const
{
    return headline_->text();
}

void ProgressBanner::poll()
{
    if (!loader_->isRunning()) {
        timer_->stop();
        hide();
        return;
    }
    const ProgressText text = describeProgress(loader_->snapshot(), palette());
    breadcrumb_->setText(text.breadcrumb);
    headline_->setText(text.detail.isEmpty() ? text.headline : text.headline + QStringLiteral(" — ") + text.detail);
    if (text.percent < 0) {
        bar_->setRange(0, 0);
    } else {
        bar_->setRange(0, 100);
        bar_->setValue(text.percent);
    }
    if (!isVisible() && loader_->elapsedMs() >= kShowDelayMs)
        show();
}

} // namespace hs::ui
