// SPDX-License-Identifier: MIT
// The findings list (a handful to a few hundred rows, so a plain model with a sort proxy on top).
#pragma once

#include "model/analysis.h"

#include <QAbstractTableModel>

#include <memory>

namespace hs::ui {

class FindingsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Severity, Title, Confidence, Count, TimeRange, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int FindingIndexRole = Qt::UserRole + 2;

    explicit FindingsModel(QObject *parent = nullptr);
    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    const hs::Finding *finding(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const Analysis> analysis_;
};

// One finding's evidence (capped by the detector; Finding::evidenceTotal tells how many in all).
class EvidenceModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Source, Location, Text, ColumnCount };

    explicit EvidenceModel(QObject *parent = nullptr);
    void setFinding(std::shared_ptr<const Analysis> analysis, const hs::Finding *finding);
    const Evidence *evidence(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const Analysis> analysis_;
    const hs::Finding *finding_ = nullptr;
};

} // namespace hs::ui
