// SPDX-License-Identifier: MIT
#include "main_window.h"

#include "tasks/analyze.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"

#include <QApplication>
#include <QListWidget>
#include <QMetaObject>
#include <QPointer>
#include <QStatusBar>
#include <QThreadPool>

namespace hs {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), sources_(new QListWidget(this))
{
    setWindowTitle(QStringLiteral("HttpSleuth"));
    setCentralWidget(sources_);
    statusBar()->showMessage(tr("Drop a folder of logs and captures, or start with a path."));
    resize(900, 600);
}

MainWindow::~MainWindow() = default;

void MainWindow::openPaths(const QStringList &paths)
{
    AnalyzeOptions options;
    for (const auto &p : paths)
        options.inputs.emplace_back(p.toStdU16String());
    statusBar()->showMessage(tr("Reading…"));
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start([self, options] {
        CancelToken cancel;
        Progress progress;
        std::shared_ptr<Analysis> result = analyze(options, cancel, progress);
        QMetaObject::invokeMethod(
            qApp,
            [self, result] {
                if (self)
                    self->showAnalysis(result);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::showAnalysis(std::shared_ptr<Analysis> analysis)
{
    analysis_ = std::move(analysis);
    sources_->clear();
    if (!analysis_)
        return;
    for (const auto &s : analysis_->sources)
        sources_->addItem(QString::fromStdString(s->path) + QStringLiteral("  — ") + QString::number(s->records) +
                          tr(" records"));
    statusBar()->showMessage(tr("%1 sources read").arg(analysis_->sources.size()));
}

} // namespace hs
