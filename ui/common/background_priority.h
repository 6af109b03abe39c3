// SPDX-License-Identifier: MIT
// Background work (loading, sorting, aggregating) must never take the CPU from the UI thread: on a
// 2-core machine two busy workers at the UI thread's priority made every paint wait its turn.
#pragma once

namespace hs::ui {

// Lowers the calling thread's scheduling priority, once per thread. Threads it creates afterwards
// (the core's reader pool) inherit it on Linux.
void enterBackgroundPriority();

} // namespace hs::ui
