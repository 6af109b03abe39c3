// SPDX-License-Identifier: MIT
// The rows of one record kind (W3C access records, HTTPERR records) across every log source of an
// analysis, laid end to end: source after source, each in line order. The access and HTTPERR tables
// share this bookkeeping; they differ only in their columns and fields.
#pragma once

#include "formats/text_scan.h"
#include "model/analysis.h"
#include "tables/record_table.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace hs::ui {

template <typename Row>
class LogRows {
public:
    using Store = RecordStore<Row> LogData::*;

    LogRows(const Analysis &analysis, Store store) : store_(store)
    {
        partOfSource_.assign(analysis.sources.size(), -1);
        for (const auto &src : analysis.sources) {
            if (!src->log || (src->log.get()->*store_).empty())
                continue;
            partOfSource_[src->id.value] = static_cast<int>(sources_.size());
            sources_.push_back(src.get());
            parts_.starts.push_back(parts_.total);
            parts_.total += (src->log.get()->*store_).size();
            for (const auto &layout : src->log->layouts)
                for (const auto &name : layout.fields)
                    if (std::none_of(rawFieldNames_.begin(), rawFieldNames_.end(),
                                     [&](const std::string &n) { return text::equalsNoCase(n, name); }))
                        rawFieldNames_.push_back(name);
        }
    }

    std::size_t size() const noexcept { return parts_.total; }

    const Row &record(std::size_t row) const
    {
        const auto [part, index] = parts_.locate(row);
        return (sources_[part]->log.get()->*store_)[index];
    }

    const Source &sourceOf(std::size_t row) const { return *sources_[parts_.locate(row).first]; }

    // Every field name any layout of these sources declared (filterable from the raw line).
    const std::vector<std::string> &rawFieldNames() const noexcept { return rawFieldNames_; }

    std::optional<std::size_t> rowForLine(SourceId source, std::uint64_t line) const
    {
        if (!source.valid() || source.value >= partOfSource_.size() || partOfSource_[source.value] < 0)
            return std::nullopt;
        const auto part = static_cast<std::size_t>(partOfSource_[source.value]);
        const RecordStore<Row> &rows = sources_[part]->log.get()->*store_;
        // Records are in line order within a source (readers join chunks in file order).
        std::size_t lo = 0, hi = rows.size();
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (rows[mid].line < line)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < rows.size() && rows[lo].line == line)
            return parts_.starts[part] + lo;
        return std::nullopt;
    }

private:
    Store store_;
    std::vector<const Source *> sources_; // one per part
    std::vector<int> partOfSource_;       // SourceId -> part, -1 when none
    PartIndex parts_;
    std::vector<std::string> rawFieldNames_;
};

} // namespace hs::ui
