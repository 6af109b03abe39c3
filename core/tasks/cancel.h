// SPDX-License-Identifier: MIT
// One atomic flag shared by everything a long operation runs. Stop keeps what was read so far
// (Wireshark's "terminate is stop"); Cancel throws the partial result away.
#pragma once

#include <atomic>

namespace hs {

class CancelToken {
public:
    enum class State : int { Running = 0, Stop = 1, Cancel = 2 };

    void requestStop() noexcept { raise(State::Stop); }
    void requestCancel() noexcept { raise(State::Cancel); }
    // Workers poll this between chunks/blocks: true means "finish up now".
    bool stopRequested() const noexcept { return state_.load(std::memory_order_relaxed) != 0; }
    bool cancelled() const noexcept { return state_.load(std::memory_order_relaxed) == 2; }
    State state() const noexcept { return static_cast<State>(state_.load(std::memory_order_relaxed)); }

private:
    void raise(State s) noexcept
    {
        int expected = state_.load();
        while (expected < static_cast<int>(s) && !state_.compare_exchange_weak(expected, static_cast<int>(s))) {
        }
    }
    std::atomic<int> state_{0};
};

} // namespace hs
