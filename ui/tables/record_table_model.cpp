// SPDX-License-Identifier: MIT
#include "tables/record_table_model.h"

#include "common/jobs.h"
#include "common/theme.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPalette>
#include <QTimer>

namespace hs::ui {

namespace {
constexpr std::size_t kFirstStep = std::size_t{1} << 18;
constexpr std::size_t kMinStep = std::size_t{1} << 15;
constexpr qint64 kStepTargetMs = 10;
} // namespace

RecordTableModel::RecordTableModel(std::shared_ptr<const RecordTable> table, QObject *parent, std::size_t exposeStep)
    : QAbstractTableModel(parent), table_(std::move(table)), index_(VisibleIndex::identity(table_->size())),
      maxExposeStep_(std::max<std::size_t>(exposeStep, 1)), exposeStep_(std::min(maxExposeStep_, kFirstStep)),
      exposed_(std::min(index_.size(), exposeStep_))
{
    scheduleExposure();
}

RecordTableModel::~RecordTableModel()
{
    // Any job still running sees it was superseded and stops early.
    latest_->fetch_add(1);
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(std::min<std::size_t>({index_.size(), exposed_, INT_MAX}));
}

void RecordTableModel::exposeUpTo(std::size_t rows)
{
    const std::size_t target = std::min<std::size_t>({rows, index_.size(), INT_MAX});
    if (target <= exposed_)
        return;
    const int first = rowCount();
    beginInsertRows({}, first, static_cast<int>(target) - 1);
    exposed_ = target;
    endInsertRows();
}

void RecordTableModel::scheduleExposure()
{
    if (exposureScheduled_ || !isExposing())
        return;
    exposureScheduled_ = true;
    QTimer::singleShot(0, this, [this] {
        exposureScheduled_ = false;
        QElapsedTimer clock;
        clock.start();
        exposeUpTo(exposed_ + exposeStep_);
        // Aim at ~10 ms per step whatever the machine: halve after a slow step, grow after a quick one.
        const qint64 ms = clock.elapsed();
        if (ms > 2 * kStepTargetMs)
            exposeStep_ = std::max(exposeStep_ / 2, std::min(maxExposeStep_, kMinStep));
        else if (ms < kStepTargetMs / 2)
            exposeStep_ = std::min(exposeStep_ * 2, maxExposeStep_);
        scheduleExposure();
    });
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(table_->columns().size());
}

QStringList RecordTableModel::rowTexts(std::size_t physical) const
{
    if (const QStringList *hit = cache_.object(physical))
        return *hit;
    QStringList texts;
    const int columns = static_cast<int>(table_->columns().size());
    texts.reserve(columns);
    for (int c = 0; c < columns; ++c)
        texts << table_->display(physical, c);
    cache_.insert(physical, new QStringList(texts));
    return texts;
}

QVariant RecordTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const std::size_t physical = index_.physical(static_cast<std::size_t>(index.row()));
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return rowTexts(physical).value(column);
    case Qt::ToolTipRole: {
        const QString text = rowTexts(physical).value(column);
        return text.size() > 40 ? text : QVariant();
    }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(
            Qt::AlignVCenter |
            (table_->columns()[static_cast<std::size_t>(column)].alignRight ? Qt::AlignRight : Qt::AlignLeft));
    case Qt::ForegroundRole:
        if (column == table_->statusColumn() && table_->isError(physical))
            return errorColor(QApplication::palette());
        return {};
    case SortRole: return table_->sortValue(physical, column);
    case PhysicalRowRole: return QVariant::fromValue<qulonglong>(physical);
    default: return {};
    }
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const ColumnSpec &spec = table_->columns()[static_cast<std::size_t>(section)];
    switch (role) {
    case Qt::DisplayRole: return spec.title;
    case Qt::ToolTipRole: return spec.tooltip.isEmpty() ? QVariant() : spec.tooltip;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignVCenter | (spec.alignRight ? Qt::AlignRight : Qt::AlignLeft));
    default: return {};
    }
}

void RecordTableModel::sort(int column, Qt::SortOrder order)
{
    const bool descending = order == Qt::DescendingOrder;
    if (column >= columnCount())
        column = -1;
    if (spec_.sortColumn == column && (column < 0 || spec_.descending == descending))
        return;
    spec_.sortColumn = column;
    spec_.descending = descending;
    rebuild();
}

void RecordTableModel::setFilter(std::shared_ptr<const CompiledFilter> filter)
{
    if (!filter && !spec_.filter)
        return;
    spec_.filter = std::move(filter);
    rebuild();
}

void RecordTableModel::setTimeRange(TimeUs from, TimeUs to)
{
    if (spec_.from == from && spec_.to == to)
        return;
    spec_.from = from;
    spec_.to = to;
    rebuild();
}

std::optional<int> RecordTableModel::visibleRow(std::size_t physicalRow)
{
    const auto v = index_.visibleOf(physicalRow);
    if (!v)
        return std::nullopt;
    exposeUpTo(*v + 1);
    return static_cast<int>(*v);
}

void RecordTableModel::rebuild()
{
    const std::uint64_t generation = latest_->fetch_add(1) + 1;
    BuildControl control{latest_, generation, permille_};
    permille_->store(0);
    if (spec_.isIdentity() || table_->size() < asyncThreshold_) {
        if (auto index = buildVisibleIndex(*table_, spec_, control))
            apply(generation, std::move(*index));
        return;
    }
    if (!busy_) {
        busy_ = true;
        Q_EMIT busyChanged(true);
    }
    auto table = table_;
    const ViewSpec spec = spec_;
    runJob(
        this, [table, spec, control] { return buildVisibleIndex(*table, spec, control); },
        [this, generation](std::optional<VisibleIndex> index) {
            if (index)
                apply(generation, std::move(*index));
        });
}

void RecordTableModel::apply(std::uint64_t generation, VisibleIndex index)
{
    if (generation != latest_->load())
        return; // a newer request is on its way
    // The view keeps the rows it has already been shown (exposed_ only grows), so a new index of
    // the same size costs it nothing; a bigger one is exposed in steps again.
    beginResetModel();
    index_ = std::move(index);
    endResetModel();
    scheduleExposure();
    if (busy_) {
        busy_ = false;
        Q_EMIT busyChanged(false);
    }
    Q_EMIT indexApplied();
}

} // namespace hs::ui
