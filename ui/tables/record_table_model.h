// SPDX-License-Identifier: MIT
// A virtualised table model over a RecordTable (STYLE practice 5): rowCount() is the visible index's
// size, display strings are built when a row is painted and cached for the rows on screen, SortRole
// gives raw values. Filtering and sorting of big tables run on a worker; the newest request wins and
// is applied with one model reset.
//
// A big table is shown to the view in steps, one per event-loop turn: QHeaderView keeps one item
// per row, and creating 7 million of them at once (55 MB of fresh pages) blocked the window for
// 45-170 ms when a 1 GB bundle was opened. Steps are sized from the time the last one took (about
// 10 ms each, at most the step given to the constructor). Rows past the exposed ones are exposed at
// once when something needs them (visibleRow(), used to jump to a row).
#pragma once

#include "tables/record_table.h"
#include "tables/visible_index.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

namespace hs::ui {

class RecordTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int PhysicalRowRole = Qt::UserRole + 2;

    static constexpr std::size_t kMaxExposeStep = std::size_t{1} << 20;

    // exposeStep: the first and the largest step (tests pass a small one to see steps at all).
    explicit RecordTableModel(std::shared_ptr<const RecordTable> table, QObject *parent = nullptr,
                              std::size_t exposeStep = kMaxExposeStep);
    ~RecordTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setFilter(std::shared_ptr<const CompiledFilter> filter);
    void setTimeRange(TimeUs from, TimeUs to); // kNoTime, kNoTime: all
    // Tables with fewer rows are filtered and sorted synchronously (no flicker, no busy state).
    void setAsyncThreshold(std::size_t rows) { asyncThreshold_ = rows; }

    const RecordTable &table() const { return *table_; }
    const ViewSpec &viewSpec() const { return spec_; }
    std::size_t physicalRowCount() const { return table_->size(); }
    std::size_t physicalRow(int visibleRow) const { return index_.physical(static_cast<std::size_t>(visibleRow)); }
    // Rows that pass the filter and time range; rowCount() catches up with it while rows are exposed.
    std::size_t visibleRowCount() const { return index_.size(); }
    // Exposes the rows up to the one returned, so it can be selected at once.
    std::optional<int> visibleRow(std::size_t physicalRow);
    bool isBusy() const { return busy_; }
    bool isExposing() const { return exposed_ < index_.size(); }
    int progressPermille() const { return permille_->load(std::memory_order_relaxed); }

Q_SIGNALS:
    void busyChanged(bool busy);
    // A new visible index is in place (after a filter, time range or sort change).
    void indexApplied();

private:
    void rebuild();
    void apply(std::uint64_t generation, VisibleIndex index);
    void exposeUpTo(std::size_t rows);
    void scheduleExposure();
    QStringList rowTexts(std::size_t physical) const;

    std::shared_ptr<const RecordTable> table_;
    ViewSpec spec_;
    VisibleIndex index_;
    std::size_t maxExposeStep_;
    std::size_t exposeStep_;  // adapted to the time the last step took
    std::size_t exposed_ = 0; // rowCount() is min(index_.size(), exposed_)
    bool exposureScheduled_ = false;
    std::size_t asyncThreshold_ = 50'000;
    std::shared_ptr<std::atomic<std::uint64_t>> latest_ = std::make_shared<std::atomic<std::uint64_t>>(0);
    std::shared_ptr<std::atomic<int>> permille_ = std::make_shared<std::atomic<int>>(0);
    bool busy_ = false;
    mutable QCache<std::size_t, QStringList> cache_{4096};
};

} // namespace hs::ui
