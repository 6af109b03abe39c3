// SPDX-License-Identifier: MIT
#include "formats/exports/json_skeleton.h"

#include <cstdio>
#include <cstring>

namespace hs::json {
namespace {

// Qt's JSON parser refuses deeper nesting too; stopping at the same depth keeps the two in step.
constexpr std::size_t kMaxDepth = 1024;

bool isWhitespace(char c) noexcept
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string describe(char c)
{
    if (c >= 0x20 && c < 0x7f)
        return std::string("'") + c + "'";
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02x", static_cast<unsigned char>(c));
    return buf;
}

void appendUtf8(std::string &out, unsigned cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool hex4(std::string_view s, std::size_t pos, unsigned &out) noexcept
{
    if (pos + 4 > s.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + 4; ++i) {
        const char c = s[i];
        out <<= 4;
        if (c >= '0' && c <= '9')
            out |= static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f')
            out |= static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            out |= static_cast<unsigned>(c - 'A' + 10);
        else
            return false;
    }
    return true;
}

} // namespace

std::size_t Skeleton::skipWhitespace(std::size_t pos) const noexcept
{
    while (pos < text_.size() && isWhitespace(text_[pos]))
        ++pos;
    return pos;
}

bool Skeleton::stringEnd(std::size_t pos, std::size_t &end, ScanError &error) const
{
    // pos is at the opening quote.
    std::size_t i = pos + 1;
    for (;;) {
        const void *hit = i < text_.size() ? std::memchr(text_.data() + i, '"', text_.size() - i) : nullptr;
        if (!hit) {
            error = {pos, "string not terminated before the end of the text"};
            return false;
        }
        const auto q = static_cast<std::size_t>(static_cast<const char *>(hit) - text_.data());
        // A quote is escaped when an odd number of backslashes precede it.
        std::size_t backslashes = 0;
        while (q - backslashes > pos + 1 && text_[q - backslashes - 1] == '\\')
            ++backslashes;
        if (backslashes % 2 == 0) {
            end = q + 1;
            return true;
        }
        i = q + 1;
    }
}

bool Skeleton::scalarEnd(std::size_t pos, std::size_t &end, ScanError &error) const
{
    std::size_t i = pos;
    while (i < text_.size()) {
        const char c = text_[i];
        if (isWhitespace(c) || c == ',' || c == '}' || c == ']' || c == ':')
            break;
        if (c == '{' || c == '[' || c == '"') {
            error = {i, "unexpected " + describe(c) + " inside a value"};
            return false;
        }
        ++i;
    }
    if (i == pos) {
        error = {pos, pos < text_.size() ? "expected a value, found " + describe(text_[pos])
                                         : std::string("expected a value, found the end of the text")};
        return false;
    }
    const std::string_view token = text_.substr(pos, i - pos);
    const char first = token.front();
    const bool number = first == '-' || (first >= '0' && first <= '9');
    if (!number && token != "true" && token != "false" && token != "null") {
        error = {pos, "not a JSON value: " + std::string(token.substr(0, 32))};
        return false;
    }
    end = i;
    return true;
}

bool Skeleton::containerEnd(std::size_t pos, std::size_t &end, ScanError &error) const
{
    // Only bracket matching and string boundaries: the contents are the full parser's business.
    char closers[kMaxDepth];
    std::size_t depth = 0;
    std::size_t i = pos;
    while (i < text_.size()) {
        const char c = text_[i];
        switch (c) {
        case '"': {
            std::size_t e = 0;
            if (!stringEnd(i, e, error))
                return false;
            i = e;
            continue;
        }
        case '{':
        case '[':
            if (depth == kMaxDepth) {
                error = {i, "nested deeper than " + std::to_string(kMaxDepth) + " levels"};
                return false;
            }
            closers[depth++] = c == '{' ? '}' : ']';
            break;
        case '}':
        case ']':
            if (depth == 0 || closers[depth - 1] != c) {
                error = {i, "unexpected " + describe(c)};
                return false;
            }
            if (--depth == 0) {
                end = i + 1;
                return true;
            }
            break;
        default: break;
        }
        ++i;
    }
    error = {text_.size(), std::string("the text ends inside ") + (text_[pos] == '{' ? "an object" : "an array") +
                               " that starts at byte " + std::to_string(pos)};
    return false;
}

bool Skeleton::value(std::size_t pos, Span &out, ScanError &error) const
{
    pos = skipWhitespace(pos);
    if (pos >= text_.size()) {
        error = {pos, "expected a value, found the end of the text"};
        return false;
    }
    std::size_t end = 0;
    const char c = text_[pos];
    const bool ok = c == '"'               ? stringEnd(pos, end, error)
                    : c == '{' || c == '[' ? containerEnd(pos, end, error)
                                           : scalarEnd(pos, end, error);
    if (!ok)
        return false;
    out = {pos, end};
    return true;
}

bool Skeleton::forEachMember(std::size_t begin, const MemberFn &fn, std::size_t &end, ScanError &error) const
{
    if (begin >= text_.size() || text_[begin] != '{') {
        error = {begin, begin < text_.size() ? "expected an object, found " + describe(text_[begin])
                                             : std::string("expected an object, found the end of the text")};
        return false;
    }
    std::size_t pos = skipWhitespace(begin + 1);
    if (pos < text_.size() && text_[pos] == '}') {
        end = pos + 1;
        return true;
    }
    for (;;) {
        if (pos >= text_.size() || text_[pos] != '"') {
            error = {pos, pos < text_.size() ? "expected a member name (a string), found " + describe(text_[pos])
                                             : std::string("the text ends inside an object")};
            return false;
        }
        std::size_t keyEnd = 0;
        if (!stringEnd(pos, keyEnd, error))
            return false;
        const std::string_view key = text_.substr(pos + 1, keyEnd - pos - 2);
        pos = skipWhitespace(keyEnd);
        if (pos >= text_.size() || text_[pos] != ':') {
            error = {pos, "expected ':' after member name \"" + std::string(key.substr(0, 40)) + "\""};
            return false;
        }
        pos = skipWhitespace(pos + 1);
        if (pos >= text_.size()) {
            error = {pos, "the text ends before the value of \"" + std::string(key.substr(0, 40)) + "\""};
            return false;
        }
        std::size_t valueEnd = pos;
        if (!fn(key, pos, valueEnd, error))
            return false;
        pos = skipWhitespace(valueEnd);
        if (pos >= text_.size()) {
            error = {pos, "the text ends inside an object"};
            return false;
        }
        if (text_[pos] == '}') {
            end = pos + 1;
            return true;
        }
        if (text_[pos] != ',') {
            error = {pos, "expected ',' or '}' after a member, found " + describe(text_[pos])};
            return false;
        }
        pos = skipWhitespace(pos + 1);
    }
}

bool Skeleton::forEachElement(std::size_t begin, const ElementFn &fn, std::size_t &end, ScanError &error) const
{
    if (begin >= text_.size() || text_[begin] != '[') {
        error = {begin, begin < text_.size() ? "expected an array, found " + describe(text_[begin])
                                             : std::string("expected an array, found the end of the text")};
        return false;
    }
    std::size_t pos = skipWhitespace(begin + 1);
    if (pos < text_.size() && text_[pos] == ']') {
        end = pos + 1;
        return true;
    }
    for (std::size_t index = 0;; ++index) {
        if (pos >= text_.size()) {
            error = {pos, "the text ends inside an array"};
            return false;
        }
        std::size_t valueEnd = pos;
        if (!fn(index, pos, valueEnd, error))
            return false;
        pos = skipWhitespace(valueEnd);
        if (pos >= text_.size()) {
            error = {pos, "the text ends inside an array"};
            return false;
        }
        if (text_[pos] == ']') {
            end = pos + 1;
            return true;
        }
        if (text_[pos] != ',') {
            error = {pos, "expected ',' or ']' after an element, found " + describe(text_[pos])};
            return false;
        }
        pos = skipWhitespace(pos + 1);
    }
}

std::string decodeString(std::string_view raw)
{
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c != '\\' || i + 1 >= raw.size()) {
            out.push_back(c);
            continue;
        }
        const char e = raw[++i];
        switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
            unsigned cp = 0;
            if (!hex4(raw, i + 1, cp)) {
                out.append("\\u");
                break;
            }
            i += 4;
            unsigned low = 0;
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 2 < raw.size() && raw[i + 1] == '\\' && raw[i + 2] == 'u' &&
                hex4(raw, i + 3, low) && low >= 0xDC00 && low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            appendUtf8(out, cp);
            break;
        }
        default:
            out.push_back('\\');
            out.push_back(e);
            break;
        }
    }
    return out;
}

} // namespace hs::json
