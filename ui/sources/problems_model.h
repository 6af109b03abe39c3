// SPDX-License-Identifier: MIT
// One source's problems, one row per rejected line (with the reason when the reader kept it) plus
// the problems not tied to a rejected line. Rejected lines are all listed even when the reader kept
// only the first messages (ProblemList caps them): the raw line is always there to read.
#pragma once

#include "model/source.h"

#include <QAbstractTableModel>

#include <memory>

namespace hs::ui {

class ProblemsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Line, Level, Category, Message, RawLine, ColumnCount };

    explicit ProblemsModel(QObject *parent = nullptr);
    // `owner` keeps the source alive; null clears.
    void setSource(std::shared_ptr<const void> owner, const Source *source);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    std::uint64_t lineAt(int row) const;

private:
    struct Entry {
        std::uint64_t line = 0;
        std::int32_t problem = -1; // index into problems.stored(), -1 = rejected line without a kept message
    };
    std::shared_ptr<const void> owner_;
    const Source *source_ = nullptr;
    std::vector<Entry> entries_;
};

} // namespace hs::ui
