// SPDX-License-Identifier: MIT
#include "html_scan.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace hs::test {
namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

const std::set<std::string> &voidElements()
{
    static const std::set<std::string> v = {"meta", "br", "hr", "img", "input", "link", "col", "wbr"};
    return v;
}

} // namespace

std::size_t HtmlScan::count(std::string_view name) const
{
    return static_cast<std::size_t>(
        std::count_if(tags.begin(), tags.end(), [&](const HtmlTag &t) { return !t.closing && t.name == name; }));
}

std::vector<const HtmlTag *> HtmlScan::withAttr(std::string_view attr, std::string_view value) const
{
    std::vector<const HtmlTag *> out;
    for (const auto &t : tags) {
        const auto it = t.attrs.find(std::string(attr));
        if (!t.closing && it != t.attrs.end() && (value.empty() || it->second == value))
            out.push_back(&t);
    }
    return out;
}

const HtmlTag *HtmlScan::byId(std::string_view id) const
{
    const auto v = withAttr("id", id);
    return v.empty() ? nullptr : v.front();
}

HtmlScan scanHtml(std::string_view h)
{
    HtmlScan scan;
    std::size_t i = 0;
    while (i < h.size()) {
        if (h[i] != '<') {
            scan.text += h[i++];
            continue;
        }
        if (h.compare(i, 4, "<!--") == 0) {
            const auto end = h.find("-->", i);
            if (end == std::string_view::npos) {
                scan.error = "unterminated comment";
                return scan;
            }
            i = end + 3;
            continue;
        }
        if (h.compare(i, 2, "<!") == 0) { // doctype
            const auto end = h.find('>', i);
            i = end == std::string_view::npos ? h.size() : end + 1;
            continue;
        }
        HtmlTag tag;
        tag.offset = i;
        std::size_t j = i + 1;
        if (j < h.size() && h[j] == '/') {
            tag.closing = true;
            ++j;
        }
        const std::size_t nameStart = j;
        while (j < h.size() && (std::isalnum(static_cast<unsigned char>(h[j])) || h[j] == '-'))
            ++j;
        if (j == nameStart) {
            // "<" not starting a tag is text to a browser; our writer should never emit it.
            scan.error = "bare '<' at offset " + std::to_string(i);
            return scan;
        }
        tag.name = lower(h.substr(nameStart, j - nameStart));
        while (j < h.size() && h[j] != '>') {
            if (isSpace(h[j])) {
                ++j;
                continue;
            }
            if (h[j] == '/') {
                tag.selfClosing = true;
                ++j;
                continue;
            }
            const std::size_t an = j;
            while (j < h.size() && !isSpace(h[j]) && h[j] != '=' && h[j] != '>' && h[j] != '/')
                ++j;
            const std::string attr = lower(h.substr(an, j - an));
            std::string value;
            if (j < h.size() && h[j] == '=') {
                ++j;
                if (j < h.size() && (h[j] == '"' || h[j] == '\'')) {
                    const char q = h[j++];
                    const auto end = h.find(q, j);
                    if (end == std::string_view::npos) {
                        scan.error = "unterminated attribute value";
                        return scan;
                    }
                    value = std::string(h.substr(j, end - j));
                    j = end + 1;
                } else {
                    const std::size_t vs = j;
                    while (j < h.size() && !isSpace(h[j]) && h[j] != '>')
                        ++j;
                    value = std::string(h.substr(vs, j - vs));
                }
            }
            if (tag.attrs.count(attr)) {
                scan.error = "duplicate attribute " + attr + " at offset " + std::to_string(an);
                return scan;
            }
            tag.attrs[attr] = value;
        }
        if (j >= h.size()) {
            scan.error = "unterminated tag";
            return scan;
        }
        i = j + 1;
        const bool rawText = !tag.closing && (tag.name == "script" || tag.name == "style" || tag.name == "title");
        const std::string name = tag.name;
        scan.tags.push_back(std::move(tag));
        if (rawText) {
            const std::string close = "</" + name;
            std::size_t end = i;
            while (true) {
                end = h.find('<', end);
                if (end == std::string_view::npos) {
                    scan.error = "unterminated " + name;
                    return scan;
                }
                if (lower(h.substr(end, close.size())) == close)
                    break;
                ++end;
            }
            if (name == "title")
                scan.text += std::string(h.substr(i, end - i));
            i = end;
        }
    }
    return scan;
}

std::string checkNesting(const HtmlScan &scan)
{
    std::vector<const HtmlTag *> stack;
    for (const auto &t : scan.tags) {
        if (voidElements().count(t.name) || t.selfClosing)
            continue;
        if (!t.closing) {
            stack.push_back(&t);
            continue;
        }
        if (stack.empty() || stack.back()->name != t.name)
            return "</" + t.name + "> at offset " + std::to_string(t.offset) + " closes " +
                   (stack.empty() ? std::string("nothing") : "<" + stack.back()->name + ">");
        stack.pop_back();
    }
    if (!stack.empty())
        return "<" + stack.back()->name + "> at offset " + std::to_string(stack.back()->offset) + " is never closed";
    return {};
}

std::string decodeEntities(std::string_view s)
{
    static const std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool done = false;
        for (const auto &[entity, ch] : kEntities) {
            if (s.compare(i, entity.size(), entity) == 0) {
                out += ch;
                i += entity.size();
                done = true;
                break;
            }
        }
        if (!done)
            out += s[i++];
    }
    return out;
}

std::size_t countOf(std::string_view hay, std::string_view needle)
{
    std::size_t n = 0;
    for (std::size_t p = hay.find(needle); p != std::string_view::npos; p = hay.find(needle, p + needle.size()))
        ++n;
    return n;
}

std::string elementById(std::string_view html, std::string_view id)
{
    const HtmlScan scan = scanHtml(html);
    const HtmlTag *start = scan.byId(id);
    if (!start)
        return {};
    int depth = 0;
    bool begun = false;
    for (const auto &t : scan.tags) {
        if (&t == start)
            begun = true;
        if (!begun || voidElements().count(t.name) || t.selfClosing)
            continue;
        if (t.name != start->name)
            continue;
        depth += t.closing ? -1 : 1;
        if (depth == 0)
            return std::string(html.substr(start->offset, t.offset - start->offset));
    }
    return std::string(html.substr(start->offset));
}

} // namespace hs::test
