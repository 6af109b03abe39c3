// SPDX-License-Identifier: MIT
// A strict little HTML tokenizer for the report tests: it reads our output the way a browser's
// tokenizer would for the constructs we emit (tags, quoted attributes, text, raw-text <script> and
// <style>), so a test can prove that log content never became markup: every tag is one we write, no
// event-handler attribute exists, every link points where we allow, and the tags nest properly.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hs::test {

struct HtmlTag {
    std::string name; // lower case
    bool closing = false;
    bool selfClosing = false;
    std::map<std::string, std::string> attrs; // names lower case; values with entities left as written
    std::size_t offset = 0;
};

struct HtmlScan {
    std::vector<HtmlTag> tags;
    std::string text;  // all text content outside script/style, entities left as written
    std::string error; // first tokenizer error, empty when fine

    std::size_t count(std::string_view name) const;
    std::vector<const HtmlTag *> withAttr(std::string_view attr, std::string_view value) const;
    const HtmlTag *byId(std::string_view id) const;
};

HtmlScan scanHtml(std::string_view html);

// Nesting check: every non-void element is closed in order. Returns "" or the first mismatch.
std::string checkNesting(const HtmlScan &scan);

// Decodes the entities our writer emits (&amp; &lt; &gt; &quot; &#39;), as a browser would for an
// attribute value.
std::string decodeEntities(std::string_view s);

// Occurrences of `needle` in `hay`.
std::size_t countOf(std::string_view hay, std::string_view needle);

// The markup between the start of the element with this id and its end (by nesting).
std::string elementById(std::string_view html, std::string_view id);

} // namespace hs::test
