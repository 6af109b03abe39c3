// SPDX-License-Identifier: MIT
#include "report/html_kb.h"

#include <memory>

namespace hs {

ReasonLookup reasonLookup(kb::KnowledgeBase knowledgeBase)
{
    auto shared = std::make_shared<const kb::KnowledgeBase>(std::move(knowledgeBase));
    return [shared](std::string_view reason) -> std::optional<ReasonInfo> {
        const kb::ReasonEntry *entry = shared->reason(reason);
        if (!entry)
            return std::nullopt;
        ReasonInfo info;
        info.meaning = entry->meaning;
        info.usualStatus = entry->status;
        info.causes = entry->causes;
        info.advice = entry->action;
        info.symptoms = entry->symptoms;
        info.since = entry->os;
        info.benign = entry->benign;
        return info;
    };
}

} // namespace hs
