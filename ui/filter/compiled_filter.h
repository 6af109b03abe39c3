// SPDX-License-Identifier: MIT
// A parsed filter bound to one table: field names resolved, RE2 patterns compiled. Compiling happens
// on the UI thread (it is quick and its errors belong in the filter bar); matching runs on the
// filter job's worker thread. RE2 objects are safe to share between threads for matching.
#pragma once

#include "filter/filter_query.h"
#include "tables/record_table.h"

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace re2 {
class RE2;
}

namespace hs::ui {

class CompiledFilter {
public:
    ~CompiledFilter();
    CompiledFilter(const CompiledFilter &) = delete;
    CompiledFilter &operator=(const CompiledFilter &) = delete;

    // An empty (but valid) text compiles to nullptr: no filter.
    using Result = std::variant<std::shared_ptr<const CompiledFilter>, FilterError>;
    static Result compile(const QString &text, const RecordTable &table);
    static Result compile(const FilterParse &parsed, const RecordTable &table);

    // Per-thread scratch space, so matching allocates nothing per row.
    struct Scratch {
        std::string field, line;
    };
    bool matches(const RecordTable &table, std::size_t row, Scratch &scratch) const;
    std::size_t termCount() const noexcept { return terms_.size(); }

private:
    struct Term {
        FilterTerm source;
        FieldRef field;               // unused for free text
        std::unique_ptr<re2::RE2> re; // null for numeric comparisons
        double number = 0;
    };
    CompiledFilter() = default;
    bool matchTerm(const Term &term, const RecordTable &table, std::size_t row, Scratch &scratch) const;
    std::vector<Term> terms_;
};

} // namespace hs::ui
