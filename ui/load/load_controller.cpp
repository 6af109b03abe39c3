// SPDX-License-Identifier: MIT
#include "load/load_controller.h"

#include "common/background_priority.h"
#include "tasks/cancel.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QThread>

#include <exception>
#include <filesystem>

namespace hs::ui {

struct LoadController::Job {
    CancelToken cancel;
    Progress progress;
};

LoadController::LoadController(QObject *parent) : QObject(parent) {}

LoadController::~LoadController()
{
    // The thread finishes on its own (cancelled) and drops its result: it only holds the job.
    if (job_)
        job_->cancel.requestCancel();
}

void LoadController::start(const QStringList &paths, AnalyzeOptions options)
{
    if (job_)
        job_->cancel.requestCancel();
    auto job = std::make_shared<Job>();
    job_ = job;
    paths_ = paths;
    elapsed_.start();
    options.inputs.clear();
    for (const QString &p : paths)
        options.inputs.emplace_back(std::filesystem::path(p.toStdU16String()));

    QPointer<LoadController> self(this);
    QThread *thread = QThread::create([self, job, options] {
        enterBackgroundPriority(); // the core's reader threads, created below, inherit it
        std::shared_ptr<const Analysis> result;
        QString error;
        try {
            result = analyze(options, job->cancel, job->progress);
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, job, result, error] {
                if (!self || self->job_ != job)
                    return; // superseded by a newer load, or the window is gone
                self->job_.reset();
                const qint64 ms = self->elapsed_.elapsed();
                if (!error.isEmpty())
                    Q_EMIT self->failed(error);
                else if (!result || job->cancel.cancelled())
                    Q_EMIT self->cancelled();
                else
                    Q_EMIT self->finished(result, self->paths_, ms);
            },
            Qt::QueuedConnection);
    });
    thread->setObjectName(QStringLiteral("hs-load"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start(QThread::LowPriority);
    Q_EMIT started(paths);
}

void LoadController::stop()
{
    if (job_)
        job_->cancel.requestStop();
}

void LoadController::cancel()
{
    if (job_)
        job_->cancel.requestCancel();
}

Progress::Snapshot LoadController::snapshot() const
{
    return job_ ? job_->progress.snapshot() : Progress::Snapshot{};
}

} // namespace hs::ui
