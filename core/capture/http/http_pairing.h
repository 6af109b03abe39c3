// SPDX-License-Identifier: MIT
// Which request a response head belongs to. HTTP/1.x answers requests in order (RFC 9112 §9.3.2),
// so with pipelining the responses match the requests still waiting, oldest first:
//   - a final response (2xx-5xx, and 101) answers the oldest request without a final response;
//   - an interim response (1xx other than 101) belongs to that same request;
//   - an interim response with no request waiting belongs to the request answered last and is
//     "after final": POST → 200 OK → 100 Continue, the KB898708 fingerprint;
//   - a response with nothing to belong to starts a transaction without request (the capture lost
//     it, or began after it was sent).
#pragma once

#include <cstdint>
#include <vector>

namespace hs::http {

class ResponsePairing {
public:
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};

    struct Match {
        std::uint32_t tx = kNone; // kNone: no transaction fits; make one without request
        bool afterFinal = false;  // an interim for a transaction that already has its final response
    };

    // A request head was parsed (or an orphan interim's transaction now waits for its final).
    void waitForFinal(std::uint32_t tx);
    Match match(bool interim) const noexcept;
    // `tx` got its final response (it is the oldest waiting one, or a new orphan).
    void finalReceived(std::uint32_t tx) noexcept;

    std::size_t waiting() const noexcept { return queue_.size() - head_; }
    std::uint32_t oldestWaiting() const noexcept { return waiting() ? queue_[head_] : kNone; }
    std::uint32_t lastAnswered() const noexcept { return lastAnswered_; }
    template <typename Fn>
    void forEachWaiting(Fn &&fn) const
    {
        for (std::size_t i = head_; i < queue_.size(); ++i)
            fn(queue_[i]);
    }

private:
    std::vector<std::uint32_t> queue_; // waiting transactions from head_ on, oldest first
    std::size_t head_ = 0;
    std::uint32_t lastAnswered_ = kNone;
};

} // namespace hs::http
