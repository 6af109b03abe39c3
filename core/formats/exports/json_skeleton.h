// SPDX-License-Identifier: MIT
// Walks the structure of a JSON text without building it: where a value ends (strings, escapes,
// nesting), the members of an object and the elements of an array, and the byte offset of the first
// structural error. The HAR reader uses it to hand QJsonDocument one entry at a time, so memory is
// bounded by the largest entry instead of the whole file, every entry has a byte offset for its
// problems, and the entries before a truncation or a syntax error are kept.
//
// The skeleton is validated (braces, commas, colons, string termination); scalar values and the
// contents of values handed on are only delimited here, and validated by the full parser later.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace hs::json {

struct ScanError {
    std::size_t offset = 0; // byte offset in the scanned text
    std::string message;
};

struct Span {
    std::size_t begin = 0, end = 0; // [begin, end) of a value, in the scanned text
    std::size_t size() const noexcept { return end - begin; }
};

class Skeleton {
public:
    explicit Skeleton(std::string_view text) noexcept : text_(text) {}

    std::string_view text() const noexcept { return text_; }
    std::size_t skipWhitespace(std::size_t pos) const noexcept;
    // The value starting at `pos` (after whitespace): its span, or false with `error` set.
    bool value(std::size_t pos, Span &out, ScanError &error) const;

    // Walks the object whose '{' is at `begin` (or the array whose '[' is), member by member, without
    // needing its end first, so a text cut short still yields the members before the cut. The
    // callback gets each value's first byte and must set `valueEnd` (call value() to skip it, or walk
    // into it); returning false aborts the walk with `error` set by the callback. On success `end`
    // is one past the closing bracket.
    using MemberFn =
        std::function<bool(std::string_view key, std::size_t valueBegin, std::size_t &valueEnd, ScanError &error)>;
    using ElementFn =
        std::function<bool(std::size_t index, std::size_t valueBegin, std::size_t &valueEnd, ScanError &error)>;
    bool forEachMember(std::size_t begin, const MemberFn &fn, std::size_t &end, ScanError &error) const;
    bool forEachElement(std::size_t begin, const ElementFn &fn, std::size_t &end, ScanError &error) const;
    // A callback body that just steps over the value.
    bool skipValue(std::size_t valueBegin, std::size_t &valueEnd, ScanError &error) const
    {
        Span s;
        if (!value(valueBegin, s, error))
            return false;
        valueEnd = s.end;
        return true;
    }

private:
    bool stringEnd(std::size_t pos, std::size_t &end, ScanError &error) const;
    bool scalarEnd(std::size_t pos, std::size_t &end, ScanError &error) const;
    bool containerEnd(std::size_t pos, std::size_t &end, ScanError &error) const;

    std::string_view text_;
};

// Decodes a JSON string token's contents (between the quotes) to UTF-8: for keys that need an
// exact comparison. Invalid escapes are kept as written.
std::string decodeString(std::string_view raw);

} // namespace hs::json
