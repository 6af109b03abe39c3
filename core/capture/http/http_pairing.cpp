// SPDX-License-Identifier: MIT
#include "capture/http/http_pairing.h"

namespace hs::http {

void ResponsePairing::waitForFinal(std::uint32_t tx)
{
    // Drop the answered prefix once it dominates, so a long keep-alive connection does not keep
    // every request number it ever saw.
    if (head_ > 64 && head_ * 2 > queue_.size()) {
        queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
    }
    queue_.push_back(tx);
}

ResponsePairing::Match ResponsePairing::match(bool interim) const noexcept
{
    if (waiting())
        return {queue_[head_], false};
    if (interim && lastAnswered_ != kNone)
        return {lastAnswered_, true};
    return {};
}

void ResponsePairing::finalReceived(std::uint32_t tx) noexcept
{
    if (waiting() && queue_[head_] == tx)
        ++head_;
    lastAnswered_ = tx;
}

} // namespace hs::http
