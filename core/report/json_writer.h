// SPDX-License-Identifier: MIT
// A small streaming JSON writer that keeps member order (the contract's examples are read by
// people too) and always emits valid UTF-8: bytes from logs that are not UTF-8 are converted as
// Windows-1252, control characters are escaped.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace hs {

class JsonWriter {
public:
    explicit JsonWriter(std::ostream &out, bool pretty = true) : out_(out), pretty_(pretty) {}

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(std::string_view k);
    JsonWriter &value(std::string_view s);
    JsonWriter &value(const char *s) { return value(std::string_view(s)); }
    JsonWriter &value(const std::string &s) { return value(std::string_view(s)); }
    JsonWriter &value(std::int64_t n);
    JsonWriter &value(std::uint64_t n);
    JsonWriter &value(int n) { return value(static_cast<std::int64_t>(n)); }
    JsonWriter &value(unsigned n) { return value(static_cast<std::uint64_t>(n)); }
    JsonWriter &value(double d);
    JsonWriter &value(bool b);
    JsonWriter &null();

    template <typename T>
    JsonWriter &member(std::string_view k, const T &v)
    {
        key(k);
        return value(v);
    }

    static std::string escape(std::string_view s); // quoted JSON string

private:
    void separator();
    void newline();
    std::ostream &out_;
    bool pretty_;
    struct Level {
        bool array;
        bool empty;
    };
    std::vector<Level> stack_;
    bool afterKey_ = false;
};

} // namespace hs
