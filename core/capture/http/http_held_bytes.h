// SPDX-License-Identifier: MIT
// The few bytes a MessageStream holds back at a possible message start until they can be
// classified, with the time and frame each byte arrived in. They can arrive over several calls
// (TCP segments, or one segment fed in pieces); when they turn out to be body bytes, the body's
// last frame is that of the last byte consumed, not that of the first held one. Otherwise the
// result would depend on how the bytes were split into calls.
#pragma once

#include "capture/http/http_syntax.h"
#include "model/time.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace hs::http {

struct ArrivalMark {
    TimeUs time = kNoTime;
    std::uint64_t frame = 0;
    friend bool operator==(const ArrivalMark &, const ArrivalMark &) = default;
};

class HeldBytes {
public:
    bool empty() const noexcept { return size_ == 0; }
    std::size_t size() const noexcept { return size_; }
    std::string_view view() const noexcept { return {bytes_.data(), size_}; }
    ArrivalMark first() const noexcept { return first_; } // {kNoTime, 0} when empty

    // When byte i arrived (i < size()).
    ArrivalMark at(std::size_t i) const noexcept
    {
        for (auto run = later_.rbegin(); run != later_.rend(); ++run)
            if (run->start <= i)
                return run->mark;
        return first_;
    }

    // Adds bytes that arrived at `mark`; the total stays within kClassifyBytes.
    void append(std::string_view bytes, ArrivalMark mark)
    {
        if (bytes.empty())
            return;
        if (size_ == 0)
            first_ = mark;
        else if (mark != (later_.empty() ? first_ : later_.back().mark))
            later_.push_back(Run{size_, mark}); // held bytes span calls: rare, allocates once
        std::memcpy(bytes_.data() + size_, bytes.data(), bytes.size());
        size_ = static_cast<std::uint8_t>(size_ + bytes.size());
    }

    // Forgets the first n bytes (all of them when n >= size()).
    void dropFront(std::size_t n) noexcept
    {
        if (n >= size_) {
            clear();
            return;
        }
        first_ = at(n);
        std::size_t kept = 0;
        for (const Run &run : later_)
            if (run.start > n)
                later_[kept++] = Run{static_cast<std::uint8_t>(run.start - n), run.mark};
        later_.resize(kept);
        std::memmove(bytes_.data(), bytes_.data() + n, size_ - n);
        size_ = static_cast<std::uint8_t>(size_ - n);
    }

    void clear() noexcept
    {
        size_ = 0;
        first_ = ArrivalMark{};
        later_.clear();
    }

private:
    struct Run {
        std::uint8_t start = 0; // first byte of the run
        ArrivalMark mark;
    };
    std::array<char, kClassifyBytes> bytes_{};
    std::uint8_t size_ = 0;
    ArrivalMark first_;      // of byte 0 and every byte before the first later run
    std::vector<Run> later_; // where the arrival mark changes, in byte order
};

} // namespace hs::http
