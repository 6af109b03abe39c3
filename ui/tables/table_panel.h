// SPDX-License-Identifier: MIT
// One table tab: the filter bar, the virtualised table and the detail pane for the current row.
#pragma once

#include "tables/record_table.h"

#include <QWidget>

#include <memory>
#include <optional>

class QSplitter;
class QTableView;
class QTimer;

namespace hs::ui {

class DetailPane;
class FilterBar;
class RecordTableModel;

class TablePanel final : public QWidget {
    Q_OBJECT
public:
    explicit TablePanel(const QString &accessibleName, QWidget *parent = nullptr);
    ~TablePanel() override;

    void setTable(std::shared_ptr<const RecordTable> table); // null: empty
    const RecordTable *table() const;
    RecordTableModel *model() const { return model_; }
    QTableView *view() const { return view_; }
    FilterBar *filterBar() const { return filterBar_; }
    DetailPane *detailPane() const { return detail_; }
    QSplitter *splitter() const { return splitter_; }

    void setTimeRange(TimeUs from, TimeUs to);
    // Sets and applies a filter; returns false (and shows the error) if it does not compile.
    bool applyFilterText(const QString &text);
    // Selects the row, clearing the filter first when it hides the row (the time range is the
    // workspace's: clearTimeRangeRequested asks for that). False if the row does not exist.
    bool revealPhysicalRow(std::size_t physical);
    std::optional<std::size_t> currentPhysicalRow() const;
    void copySelection() const;
    // Shows the followed connection in this panel's detail pane.
    void showDetailHtml(const QString &html);

Q_SIGNALS:
    void clearTimeRangeRequested();
    void navigate(const QUrl &url);
    void currentRowChanged(std::size_t physical);

private:
    void onFilterRequested(const QString &text);
    void onIndexApplied();
    void updateCounts();
    void showCurrentDetail();

    FilterBar *filterBar_;
    QTableView *view_;
    DetailPane *detail_;
    QSplitter *splitter_;
    QTimer *busyPoll_;
    RecordTableModel *model_ = nullptr;
    std::shared_ptr<const RecordTable> table_;
    std::optional<std::size_t> pendingReveal_;
    std::optional<std::size_t> keepSelection_;
};

} // namespace hs::ui
