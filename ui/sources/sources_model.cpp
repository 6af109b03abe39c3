// SPDX-License-Identifier: MIT
#include "sources/sources_model.h"

#include "common/icons.h"
#include "common/text.h"
#include "common/theme.h"

#include <QApplication>

namespace hs::ui {

SourcesModel::SourcesModel(QObject *parent) : QAbstractTableModel(parent) {}

void SourcesModel::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    beginResetModel();
    analysis_ = std::move(analysis);
    endResetModel();
}

std::size_t SourcesModel::sourceCount() const
{
    return analysis_ ? analysis_->sources.size() : 0;
}

int SourcesModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !analysis_)
        return 0;
    return static_cast<int>(analysis_->sources.size() + analysis_->skipped.size());
}

int SourcesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Source *SourcesModel::sourceAt(int row) const
{
    if (!analysis_ || row < 0 || static_cast<std::size_t>(row) >= analysis_->sources.size())
        return nullptr;
    return analysis_->sources[static_cast<std::size_t>(row)].get();
}

const SkippedFile *SourcesModel::skippedAt(int row) const
{
    if (!analysis_ || row < 0)
        return nullptr;
    const std::size_t i = static_cast<std::size_t>(row);
    if (i < analysis_->sources.size() || i >= analysis_->sources.size() + analysis_->skipped.size())
        return nullptr;
    return &analysis_->skipped[i - analysis_->sources.size()];
}

int SourcesModel::rowOfSource(SourceId id) const
{
    return analysis_ && id.valid() && id.value < analysis_->sources.size() ? static_cast<int>(id.value) : -1;
}

QVariant SourcesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int column = index.column();
    if (const Source *s = sourceAt(index.row())) {
        const std::uint64_t problems = s->problems.total();
        if (role == Qt::DisplayRole) {
            switch (column) {
            case Path: return toQString(s->path);
            case Format:
                return s->formatVariant.empty() ? toQString(formatDisplayName(s->format)) : toQString(s->formatVariant);
            case Records: return formatCount(s->records);
            case Rejected: return s->kind() == SourceKind::Log ? formatCount(s->rejected) : QString();
            case Problems: return problems ? formatCount(problems) : QString();
            case First: return formatTime(s->first);
            case Last: return formatTime(s->last);
            case Size: return formatBytes(s->fileSize ? s->fileSize : s->bytes.size());
            case State:
                if (s->problems.hasErrors())
                    return tr("read with errors");
                return s->readCompleted ? tr("complete") : tr("partial");
            }
        }
        if (role == Qt::DecorationRole && column == Path)
            return themedIcon(s->kind() == SourceKind::Log ? QStringLiteral("log-file")
                                                           : QStringLiteral("capture-file"));
        if (role == Qt::ForegroundRole && (column == Rejected || column == Problems || column == State) &&
            (s->rejected || s->problems.hasErrors() || !s->readCompleted))
            return warningColor(QApplication::palette());
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignVCenter |
                                       (column == Records || column == Rejected || column == Problems || column == Size
                                            ? Qt::AlignRight
                                            : Qt::AlignLeft));
        if (role == Qt::ToolTipRole && column == Path)
            return s->filePath.empty() ? toQString(s->path) : pathToQString(s->filePath);
        return {};
    }
    if (const SkippedFile *f = skippedAt(index.row())) {
        if (role == Qt::DisplayRole) {
            switch (column) {
            case Path: return toQString(f->path);
            case Format: return tr("not read");
            case State: return toQString(f->reason);
            default: return {};
            }
        }
        if (role == Qt::ForegroundRole)
            return mutedTextColor(QApplication::palette());
        if (role == Qt::DecorationRole && column == Path)
            return themedIcon(QStringLiteral("unknown-file"));
        if (role == Qt::ToolTipRole)
            return toQString(f->reason);
    }
    return {};
}

QVariant SourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Path: return tr("File");
    case Format: return tr("Format");
    case Records: return tr("Records");
    case Rejected: return tr("Rejected lines");
    case Problems: return tr("Problems");
    case First: return tr("First (UTC)");
    case Last: return tr("Last (UTC)");
    case Size: return tr("Size");
    case State: return tr("State");
    default: return {};
    }
}

} // namespace hs::ui
