// SPDX-License-Identifier: MIT
// The two-level index behind every table model (STYLE practice 5): physical rows (the store's order)
// -> visible rows (after the filter, the time range and the sort), with the reverse map that makes
// "jump to row" O(1) (anti-pattern 2). Built on a worker; "latest job wins": a build notices when a
// newer one was requested and gives up.
#pragma once

#include "filter/compiled_filter.h"
#include "tables/record_table.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace hs::ui {

struct ViewSpec {
    std::shared_ptr<const CompiledFilter> filter; // null: every row
    TimeUs from = kNoTime;                        // rows with from <= time < to; kNoTime: open end
    TimeUs to = kNoTime;
    int sortColumn = -1; // -1: physical order
    bool descending = false;

    bool isIdentity() const noexcept { return !filter && from == kNoTime && to == kNoTime && sortColumn < 0; }
};

class VisibleIndex {
public:
    static constexpr std::uint32_t kHidden = ~std::uint32_t{0};

    VisibleIndex() = default;
    static VisibleIndex identity(std::size_t rows);
    static VisibleIndex fromRows(std::vector<std::uint32_t> rows, std::size_t physicalRows, bool sorted);

    std::size_t size() const noexcept { return identity_ ? count_ : rows_.size(); }
    std::size_t physicalSize() const noexcept { return count_; }
    std::size_t physical(std::size_t visible) const noexcept { return identity_ ? visible : rows_[visible]; }
    std::optional<std::size_t> visibleOf(std::size_t physical) const noexcept;
    bool isIdentity() const noexcept { return identity_; }

private:
    bool identity_ = true;
    std::size_t count_ = 0;
    std::vector<std::uint32_t> rows_;
    std::vector<std::uint32_t> reverse_; // physical -> visible, kHidden; empty when rows_ is ascending
};

// Shared between a build and whoever may start a newer one.
struct BuildControl {
    std::shared_ptr<std::atomic<std::uint64_t>> latest; // the newest generation requested
    std::uint64_t generation = 0;
    std::shared_ptr<std::atomic<int>> permille; // progress for the busy indicator, may be null

    bool superseded() const noexcept { return latest && latest->load(std::memory_order_relaxed) != generation; }
    void report(std::size_t done, std::size_t total) const noexcept
    {
        if (permille && total)
            permille->store(static_cast<int>(done * 1000 / total), std::memory_order_relaxed);
    }
};

// nullopt when superseded. The filter pass is 60% of the progress, the sort 40%.
std::optional<VisibleIndex> buildVisibleIndex(const RecordTable &table, const ViewSpec &spec,
                                              const BuildControl &control = {});

} // namespace hs::ui
