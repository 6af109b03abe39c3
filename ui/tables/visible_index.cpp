// SPDX-License-Identifier: MIT
#include "tables/visible_index.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace hs::ui {
namespace {

struct Superseded {};

// Checks for a newer request every 64 K comparisons so a long sort can be abandoned.
template <typename Less>
struct InterruptibleLess {
    Less less;
    const BuildControl *control;
    std::size_t *counter;
    template <typename A, typename B>
    bool operator()(const A &a, const B &b) const
    {
        if ((++*counter & 0xffff) == 0 && control->superseded())
            throw Superseded{};
        return less(a, b);
    }
};

struct Keyed {
    std::int64_t key;
    std::uint32_t row;
};

// Sorts by key, then by physical row, so equal keys keep the store's order in both directions.
bool sortKeyed(std::vector<Keyed> &keyed, bool descending, const BuildControl &control)
{
    std::size_t counter = 0;
    try {
        if (descending)
            std::sort(keyed.begin(), keyed.end(),
                      InterruptibleLess{
                          [](const Keyed &a, const Keyed &b) { return a.key != b.key ? a.key > b.key : a.row < b.row; },
                          &control, &counter});
        else
            std::sort(keyed.begin(), keyed.end(),
                      InterruptibleLess{
                          [](const Keyed &a, const Keyed &b) { return a.key != b.key ? a.key < b.key : a.row < b.row; },
                          &control, &counter});
    } catch (const Superseded &) {
        return false;
    }
    return true;
}

// Interned strings sort by their text: rank the distinct ids once (usually few), then sort numbers.
std::unordered_map<StrId, std::int64_t> rankInterned(const RecordTable &table, const std::vector<std::uint32_t> &rows,
                                                     int column)
{
    std::unordered_map<StrId, std::int64_t> ranks;
    for (const std::uint32_t r : rows)
        ranks.emplace(table.internedKey(r, column), 0);
    std::vector<StrId> ids;
    ids.reserve(ranks.size());
    for (const auto &kv : ranks)
        ids.push_back(kv.first);
    std::sort(ids.begin(), ids.end(), [&](StrId a, StrId b) { return table.internedText(a) < table.internedText(b); });
    for (std::size_t i = 0; i < ids.size(); ++i)
        ranks[ids[i]] = static_cast<std::int64_t>(i);
    return ranks;
}

// Client addresses sort IPv4 first in numeric order (10.0.0.9 before 10.0.0.10, as an operator
// reads them), then every other spelling (IPv6, zone ids, junk) by its text.
std::unordered_map<std::uint32_t, std::int64_t> rankAddresses(const RecordTable &table,
                                                              const std::vector<std::uint32_t> &rows, int column)
{
    std::unordered_map<std::uint32_t, std::int64_t> ranks;
    for (const std::uint32_t r : rows)
        ranks.emplace(table.addressKey(r, column).code(), 0);
    std::vector<LogAddress> texts;
    for (auto &[code, rank] : ranks) {
        const LogAddress a = LogAddress::fromCode(code);
        if (a.isIpv4())
            rank = a.ipv4Value();
        else if (a.empty())
            rank = -1; // "-" first, as an empty interned text sorts
        else
            texts.push_back(a);
    }
    const StringPool &pool = *table.analysis().strings;
    std::sort(texts.begin(), texts.end(),
              [&](LogAddress a, LogAddress b) { return pool.view(a.textId()) < pool.view(b.textId()); });
    for (std::size_t i = 0; i < texts.size(); ++i)
        ranks[texts[i].code()] = (std::int64_t{1} << 32) + static_cast<std::int64_t>(i);
    return ranks;
}

} // namespace

VisibleIndex VisibleIndex::identity(std::size_t rows)
{
    VisibleIndex index;
    index.identity_ = true;
    index.count_ = rows;
    return index;
}

VisibleIndex VisibleIndex::fromRows(std::vector<std::uint32_t> rows, std::size_t physicalRows, bool sorted)
{
    VisibleIndex index;
    index.identity_ = false;
    index.count_ = physicalRows;
    index.rows_ = std::move(rows);
    if (sorted) {
        index.reverse_.assign(physicalRows, kHidden);
        for (std::size_t v = 0; v < index.rows_.size(); ++v)
            index.reverse_[index.rows_[v]] = static_cast<std::uint32_t>(v);
    }
    return index;
}

std::optional<std::size_t> VisibleIndex::visibleOf(std::size_t physical) const noexcept
{
    if (physical >= count_)
        return std::nullopt;
    if (identity_)
        return physical;
    if (!reverse_.empty()) {
        const std::uint32_t v = reverse_[physical];
        return v == kHidden ? std::nullopt : std::optional<std::size_t>(v);
    }
    // Filtered but unsorted: rows_ ascends, so a binary search finds it.
    const auto it = std::lower_bound(rows_.begin(), rows_.end(), static_cast<std::uint32_t>(physical));
    if (it == rows_.end() || *it != physical)
        return std::nullopt;
    return static_cast<std::size_t>(it - rows_.begin());
}

std::optional<VisibleIndex> buildVisibleIndex(const RecordTable &table, const ViewSpec &spec,
                                              const BuildControl &control)
{
    const std::size_t n = table.size();
    if (spec.isIdentity())
        return VisibleIndex::identity(n);

    // Filter pass.
    std::vector<std::uint32_t> rows;
    const bool filtering = spec.filter || spec.from != kNoTime || spec.to != kNoTime;
    if (filtering) {
        CompiledFilter::Scratch scratch;
        rows.reserve(std::min<std::size_t>(n, 1u << 20));
        for (std::size_t r = 0; r < n; ++r) {
            if ((r & 0x3fff) == 0) {
                if (control.superseded())
                    return std::nullopt;
                control.report(r * 6 / 10, n);
            }
            if (spec.from != kNoTime || spec.to != kNoTime) {
                const TimeUs t = table.time(r);
                if (t == kNoTime || (spec.from != kNoTime && t < spec.from) || (spec.to != kNoTime && t >= spec.to))
                    continue;
            }
            if (spec.filter && !spec.filter->matches(table, r, scratch))
                continue;
            rows.push_back(static_cast<std::uint32_t>(r));
        }
    } else {
        rows.resize(n);
        std::iota(rows.begin(), rows.end(), 0u);
    }
    if (control.superseded())
        return std::nullopt;
    control.report(6, 10);
    if (spec.sortColumn < 0 || spec.sortColumn >= static_cast<int>(table.columns().size()))
        return VisibleIndex::fromRows(std::move(rows), n, false);

    // Sort pass: keys first (one virtual call per row), then a plain numeric sort.
    const int column = spec.sortColumn;
    const SortKind kind = table.columns()[static_cast<std::size_t>(column)].sort;
    std::vector<Keyed> keyed(rows.size());
    if (kind == SortKind::Number) {
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if ((i & 0xffff) == 0 && control.superseded())
                return std::nullopt;
            keyed[i] = Keyed{table.numberKey(rows[i], column), rows[i]};
        }
    } else if (kind == SortKind::Interned) {
        const auto ranks = rankInterned(table, rows, column);
        for (std::size_t i = 0; i < rows.size(); ++i)
            keyed[i] = Keyed{ranks.at(table.internedKey(rows[i], column)), rows[i]};
    } else if (kind == SortKind::Address) {
        const auto ranks = rankAddresses(table, rows, column);
        for (std::size_t i = 0; i < rows.size(); ++i)
            keyed[i] = Keyed{ranks.at(table.addressKey(rows[i], column).code()), rows[i]};
    } else {
        // Text keys: rank the distinct strings, like interned ones.
        std::vector<std::string> texts(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if ((i & 0x3fff) == 0 && control.superseded())
                return std::nullopt;
            texts[i] = table.textKey(rows[i], column);
        }
        std::vector<std::uint32_t> order(rows.size());
        std::iota(order.begin(), order.end(), 0u);
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return texts[a] < texts[b]; });
        std::int64_t rank = -1;
        for (std::size_t i = 0; i < order.size(); ++i) {
            if (i == 0 || texts[order[i]] != texts[order[i - 1]])
                ++rank;
            keyed[order[i]] = Keyed{rank, rows[order[i]]};
        }
    }
    if (control.superseded())
        return std::nullopt;
    control.report(7, 10);
    if (!sortKeyed(keyed, spec.descending, control))
        return std::nullopt;
    for (std::size_t i = 0; i < keyed.size(); ++i)
        rows[i] = keyed[i].row;
    control.report(1, 1);
    return VisibleIndex::fromRows(std::move(rows), n, true);
}

} // namespace hs::ui
