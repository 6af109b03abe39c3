// SPDX-License-Identifier: MIT
// W3C and HTTPERR lines start with "yyyy-mm-dd hh:mm:ss", and a busy server writes dozens of lines
// per second: the date, and mostly the time too, is the previous line's. The last date and the
// last time (without a fraction) are kept as words, so a repeat costs one or two compares instead
// of a parse. The words are copies: a value may live in a buffer the next line overwrites.
#pragma once

#include "formats/text_scan.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace hs {

class TimestampCache {
public:
    // "yyyy-mm-dd" -> days since the epoch (text::parseIsoDate).
    std::optional<std::int64_t> date(std::string_view v) noexcept
    {
        if (v.size() != 10)
            return text::parseIsoDate(v);
        std::uint64_t head;
        std::uint16_t tail;
        std::memcpy(&head, v.data(), 8);
        std::memcpy(&tail, v.data() + 8, 2);
        if (haveDate_ && head == dateHead_ && tail == dateTail_)
            return days_;
        const auto d = text::parseIsoDate(v);
        if (d) {
            haveDate_ = true;
            dateHead_ = head;
            dateTail_ = tail;
            days_ = *d;
        }
        return d;
    }

    // "hh:mm:ss[.fraction]" (text::parseTimeOfDay); only the 8-byte form is remembered.
    std::optional<text::TimeOfDay> time(std::string_view v) noexcept
    {
        if (v.size() != 8)
            return text::parseTimeOfDay(v);
        std::uint64_t word;
        std::memcpy(&word, v.data(), 8);
        if (haveTime_ && word == timeWord_)
            return timeOfDay_;
        const auto t = text::parseTimeOfDay(v);
        if (t) {
            haveTime_ = true;
            timeWord_ = word;
            timeOfDay_ = *t;
        }
        return t;
    }

private:
    bool haveDate_ = false, haveTime_ = false;
    std::uint64_t dateHead_ = 0;
    std::uint16_t dateTail_ = 0;
    std::int64_t days_ = 0;
    std::uint64_t timeWord_ = 0;
    text::TimeOfDay timeOfDay_;
};

} // namespace hs
