// SPDX-License-Identifier: MIT
// Background work for the UI (STYLE practice 7): run a function on the thread pool and deliver its
// result on the UI thread, only if the receiver still exists. Receivers that may get several
// answers use a generation counter ("latest job wins") on top of this.
//
// Jobs run on our own pool, never on QThreadPool::globalInstance(): Qt 6.4's raster paint engine
// splits large fills (a scroll bar's groove, a wide chart background) into segments on the global
// pool and blocks the UI thread on a semaphore until they ran. With a 3-second sort of 10 M rows
// holding the global pool's threads, painting one scroll bar stalled the window for as long as
// the sort had left (measured: 150–880 ms at the end of a 1 GB load).
#pragma once

#include "common/background_priority.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <memory>
#include <utility>

namespace hs::ui {

// The pool for UI background jobs (idealThreadCount threads, created on first use).
QThreadPool &jobPool();

// `work()` runs on a pool thread and returns a value; `deliver(value)` runs on the UI thread.
template <typename Work, typename Deliver>
void runJob(QObject *receiver, Work work, Deliver deliver)
{
    QPointer<QObject> guard(receiver);
    auto task = [guard, work = std::move(work), deliver = std::move(deliver)]() mutable {
        enterBackgroundPriority();
        auto result = std::make_shared<decltype(work())>(work());
        QCoreApplication *app = QCoreApplication::instance();
        if (!app)
            return; // the application is shutting down
        QMetaObject::invokeMethod(
            app,
            [guard, deliver, result]() mutable {
                if (guard)
                    deliver(std::move(*result));
            },
            Qt::QueuedConnection);
    };
    jobPool().start(std::move(task));
}

// Releases `value` on a pool thread: freeing a big analysis (hundreds of MB of rows, unmapping
// gigabytes of files) must not stall the UI.
template <typename T>
void releaseInBackground(std::shared_ptr<T> value)
{
    if (!value)
        return;
    jobPool().start([value = std::move(value)]() mutable {
        enterBackgroundPriority();
        value.reset();
    });
}

} // namespace hs::ui
