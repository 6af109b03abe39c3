// SPDX-License-Identifier: MIT
// The sources panel's list: every file that was read (format, counts, problems, time range) followed
// by every file that was not, with the reason.
#pragma once

#include "model/analysis.h"

#include <QAbstractTableModel>

#include <memory>

namespace hs::ui {

class SourcesModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Path, Format, Records, Rejected, Problems, First, Last, Size, State, ColumnCount };

    explicit SourcesModel(QObject *parent = nullptr);
    void setAnalysis(std::shared_ptr<const Analysis> analysis);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Rows [0, sourceCount) are sources, the rest skipped files.
    std::size_t sourceCount() const;
    const Source *sourceAt(int row) const;
    const SkippedFile *skippedAt(int row) const;
    int rowOfSource(SourceId id) const;

private:
    std::shared_ptr<const Analysis> analysis_;
};

} // namespace hs::ui
