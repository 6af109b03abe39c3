// SPDX-License-Identifier: MIT
#include "tables/record_table.h"

#include "formats/text_scan.h"

#include <algorithm>
#include <charconv>
#include <numeric>

namespace hs::ui {

std::int64_t RecordTable::numberKey(std::size_t, int) const
{
    return 0;
}

StrId RecordTable::internedKey(std::size_t, int) const
{
    return kEmptyStr;
}

LogAddress RecordTable::addressKey(std::size_t, int) const
{
    return {};
}

std::string RecordTable::textKey(std::size_t row, int column) const
{
    return display(row, column).toStdString();
}

QVariant RecordTable::sortValue(std::size_t row, int column) const
{
    switch (columns().at(static_cast<std::size_t>(column)).sort) {
    case SortKind::Number: return QVariant::fromValue<qlonglong>(numberKey(row, column));
    case SortKind::Interned: {
        const std::string_view s = internedText(internedKey(row, column));
        return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
    }
    case SortKind::Address: return QString::fromStdString(analysis().addr(addressKey(row, column)));
    case SortKind::Text: return QString::fromStdString(textKey(row, column));
    }
    return {};
}

std::optional<FieldRef> RecordTable::resolveField(std::string_view name) const
{
    return lookup(fields(), name);
}

std::string_view RecordTable::numberText(std::uint64_t value, std::string &scratch)
{
    scratch.resize(24);
    const auto res = std::to_chars(scratch.data(), scratch.data() + scratch.size(), value);
    scratch.resize(static_cast<std::size_t>(res.ptr - scratch.data()));
    return scratch;
}

std::optional<FieldRef> RecordTable::lookup(const std::vector<FieldSpec> &fields, std::string_view name)
{
    for (const auto &f : fields)
        for (const auto &n : f.names)
            if (text::equalsNoCase(n, name))
                return FieldRef{f.id, f.numeric, f.multi, {}};
    return std::nullopt;
}

std::pair<std::size_t, std::size_t> PartIndex::locate(std::size_t row) const noexcept
{
    const auto it = std::upper_bound(starts.begin(), starts.end(), row);
    const auto part = static_cast<std::size_t>(it - starts.begin()) - 1;
    return {part, row - starts[part]};
}

std::vector<std::uint32_t> sourceRanks(const Analysis &analysis)
{
    std::vector<std::uint32_t> order(analysis.sources.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return analysis.sources[a]->path < analysis.sources[b]->path; });
    std::vector<std::uint32_t> rank(order.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
        rank[order[i]] = i;
    return rank;
}

} // namespace hs::ui
