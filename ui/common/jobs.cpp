// SPDX-License-Identifier: MIT
#include "common/jobs.h"

#include <QPointer>
#include <QThread>

#include <algorithm>

namespace hs::ui {

QThreadPool &jobPool()
{
    // A child of the application, so ~QCoreApplication waits for running jobs (as it does for the
    // global pool); a job finishing after that finds no application and delivers nothing.
    static QPointer<QThreadPool> pool;
    if (!pool) {
        pool = new QThreadPool(QCoreApplication::instance());
        pool->setObjectName(QStringLiteral("HttpSleuth jobs"));
        pool->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    }
    return *pool;
}

} // namespace hs::ui
