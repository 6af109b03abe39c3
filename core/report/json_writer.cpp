// SPDX-License-Identifier: MIT
#include "report/json_writer.h"

#include "formats/text_scan.h"

#include <cmath>
#include <cstdio>

namespace hs {

std::string JsonWriter::escape(std::string_view raw)
{
    const std::string s = text::toDisplayUtf8(raw);
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

void JsonWriter::newline()
{
    if (!pretty_)
        return;
    out_ << '\n';
    for (std::size_t i = 0; i < stack_.size(); ++i)
        out_ << "  ";
}

void JsonWriter::separator()
{
    if (afterKey_) {
        afterKey_ = false;
        return;
    }
    if (stack_.empty())
        return;
    if (!stack_.back().empty)
        out_ << ',';
    stack_.back().empty = false;
    newline();
}

JsonWriter &JsonWriter::beginObject()
{
    separator();
    out_ << '{';
    stack_.push_back({false, true});
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    const bool empty = stack_.back().empty;
    stack_.pop_back();
    if (!empty)
        newline();
    out_ << '}';
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    separator();
    out_ << '[';
    stack_.push_back({true, true});
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    const bool empty = stack_.back().empty;
    stack_.pop_back();
    if (!empty)
        newline();
    out_ << ']';
    return *this;
}

JsonWriter &JsonWriter::key(std::string_view k)
{
    separator();
    out_ << escape(k) << (pretty_ ? ": " : ":");
    afterKey_ = true;
    return *this;
}

JsonWriter &JsonWriter::value(std::string_view s)
{
    separator();
    out_ << escape(s);
    return *this;
}

JsonWriter &JsonWriter::value(std::int64_t n)
{
    separator();
    out_ << n;
    return *this;
}

JsonWriter &JsonWriter::value(std::uint64_t n)
{
    separator();
    out_ << n;
    return *this;
}

JsonWriter &JsonWriter::value(double d)
{
    separator();
    if (!std::isfinite(d)) {
        out_ << "null";
        return *this;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", d);
    out_ << buf;
    return *this;
}

JsonWriter &JsonWriter::value(bool b)
{
    separator();
    out_ << (b ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::null()
{
    separator();
    out_ << "null";
    return *this;
}

} // namespace hs
