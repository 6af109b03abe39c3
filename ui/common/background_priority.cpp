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
    // is its own. Nice 5 weighs a third of the UI thread's nice 0 when both want a core and costs
    // nothing while the UI thread is idle; a stronger nice (10) left loading crawling whenever
    // another program kept the cores busy.
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 5);
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

} // namespace hs::ui
