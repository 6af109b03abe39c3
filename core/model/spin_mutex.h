// SPDX-License-Identifier: MIT
// A mutex for critical sections of a few hundred nanoseconds (a string-pool shard lookup or insert).
// A contended std::mutex parks the waiter in the kernel (futex wait + wake, microseconds each); with
// reader threads interning millions of values that cost more than the work it protects. Waiters
// spin briefly, then yield, so a long holder (a shard rehash) does not burn a core.
#pragma once

#include <atomic>
#include <thread>

#if defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
#include <intrin.h>
#endif

namespace hs {

class SpinMutex {
public:
    void lock() noexcept
    {
        for (unsigned spins = 0;; ++spins) {
            if (!locked_.exchange(true, std::memory_order_acquire))
                return;
            // Wait on a plain load (no cache-line ping-pong from repeated exchanges).
            while (locked_.load(std::memory_order_relaxed)) {
                if (spins++ < kSpinsBeforeYield)
                    pause();
                else
                    std::this_thread::yield();
            }
        }
    }
    bool try_lock() noexcept { return !locked_.exchange(true, std::memory_order_acquire); }
    void unlock() noexcept { locked_.store(false, std::memory_order_release); }

private:
    static constexpr unsigned kSpinsBeforeYield = 256;
    static void pause() noexcept
    {
#if defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
        _mm_pause();
#elif defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#elif defined(__aarch64__)
        asm volatile("yield");
#endif
    }
    std::atomic<bool> locked_{false};
};

} // namespace hs
