// SPDX-License-Identifier: MIT
#include "kb/catalog.h"

#include "formats/text_scan.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace hs::kb {

const SymptomEntry *KnowledgeBase::symptom(std::string_view id) const noexcept
{
    for (const auto &s : symptoms_)
        if (s.id == id)
            return &s;
    return nullptr;
}

const ReasonEntry *KnowledgeBase::reason(std::string_view name) const noexcept
{
    for (const auto &r : reasons_)
        if (text::equalsNoCase(r.reason, name))
            return &r;
    return nullptr;
}

const Win32Entry *KnowledgeBase::win32(std::uint64_t code) const noexcept
{
    for (const auto &w : win32_)
        if (w.code == code)
            return &w;
    return nullptr;
}

namespace {

// "KB967853", "kb 967853", "Q195179", "967853" → "967853".
std::string articleDigits(std::string_view s)
{
    std::string digits;
    for (const char c : s)
        if (c >= '0' && c <= '9')
            digits += c;
        else if (!digits.empty())
            break;
    return digits;
}

bool isArticleRef(std::string_view s)
{
    return text::startsWithNoCase(s, "KB") || text::startsWithNoCase(s, "Q");
}

} // namespace

std::vector<const SymptomEntry *> KnowledgeBase::symptomsForArticle(std::string_view article) const
{
    std::vector<const SymptomEntry *> out;
    const std::string wanted = articleDigits(article);
    if (wanted.size() < 5)
        return out;
    for (const auto &s : symptoms_)
        for (const auto &k : s.kb)
            if (isArticleRef(k) && articleDigits(k) == wanted) {
                out.push_back(&s);
                break;
            }
    return out;
}

void KnowledgeBase::put(SymptomEntry entry)
{
    for (auto &s : symptoms_)
        if (s.id == entry.id) {
            s = std::move(entry);
            return;
        }
    symptoms_.push_back(std::move(entry));
}

void KnowledgeBase::put(ReasonEntry entry)
{
    for (auto &r : reasons_)
        if (text::equalsNoCase(r.reason, entry.reason)) {
            r = std::move(entry);
            return;
        }
    reasons_.push_back(std::move(entry));
}

void KnowledgeBase::put(Win32Entry entry)
{
    for (auto &w : win32_)
        if (w.code == entry.code) {
            w = std::move(entry);
            return;
        }
    win32_.push_back(std::move(entry));
}

void KnowledgeBase::orderSymptoms(const std::vector<std::string_view> &ids)
{
    const auto rank = [&](const SymptomEntry &e) {
        return static_cast<std::size_t>(std::find(ids.begin(), ids.end(), e.id) - ids.begin());
    };
    std::stable_sort(symptoms_.begin(), symptoms_.end(),
                     [&](const SymptomEntry &a, const SymptomEntry &b) { return rank(a) < rank(b); });
}

const std::vector<std::string_view> &builtinSymptomIds() noexcept
{
    static const std::vector<std::string_view> ids = {
        "kb898708",
        "chunked-post-reset",
        "http11-keepalive-by-design",
        "continue-to-http10-client",
        "server-waits-for-body-before-100",
        "continue-without-final-response",
        "expect-without-body",
        "expect-100-client-wait",
        "expect-100-case-mismatch",
        "expectation-failed-417",
        "early-response-reset",
        "keepalive-idle-race",
        "connection-dropped",
        "slow-request-body",
        "slow-reader",
        "service-unavailable-503",
        "app-pool-abandoned",
        "oversized-request-headers",
        "ambiguous-framing-te-cl",
        "client-cert-renegotiation-413",
        "continue-after-final-response",
    };
    return ids;
}

} // namespace hs::kb
