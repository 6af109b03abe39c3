// SPDX-License-Identifier: MIT
// Background work for the UI (STYLE practice 7): run a function on the thread pool and deliver its
// result on the UI thread, only if the receiver still exists. Receivers that may get several
// answers use a generation counter ("latest job wins") on top of this.
#pragma once

#include <QCoreApplication>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <memory>
#include <utility>

namespace hs::ui {

// `work()` runs on a pool thread and returns a value; `deliver(value)` runs on the UI thread.
template <typename Work, typename Deliver>
void runJob(QObject *receiver, Work work, Deliver deliver)
{
    QPointer<QObject> guard(receiver);
    auto task = [guard, work = std::move(work), deliver = std::move(deliver)]() mutable {
        auto result = std::make_shared<decltype(work())>(work());
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, deliver, result]() mutable {
                if (guard)
                    deliver(std::move(*result));
            },
            Qt::QueuedConnection);
    };
    QThreadPool::globalInstance()->start(std::move(task));
}

// Releases `value` on a pool thread: freeing a big analysis (hundreds of MB of rows, unmapping
// gigabytes of files) must not stall the UI.
template <typename T>
void releaseInBackground(std::shared_ptr<T> value)
{
    if (!value)
        return;
    QThreadPool::globalInstance()->start([value = std::move(value)]() mutable { value.reset(); });
}

} // namespace hs::ui
