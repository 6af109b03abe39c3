// SPDX-License-Identifier: MIT
#include "common/background_priority.h"

#include <QThread>

#if defined(Q_OS_LINUX)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace hs::ui {

void enterBackgroundPriority()
{
    thread_local bool done = false;
    if (done)
        return;
    done = true;
#if defined(Q_OS_LINUX)
    // QThread::LowPriority is a no-op for SCHED_OTHER threads on Linux, but a thread's nice value
    // is its own: nice 10 weighs about a tenth of the UI thread's nice 0 when both want a core,
    // and costs nothing when the UI thread is idle.
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

} // namespace hs::ui
