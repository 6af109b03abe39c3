// SPDX-License-Identifier: MIT
#include "sources/problems_model.h"

#include "common/text.h"
#include "common/theme.h"

#include <QApplication>

#include <algorithm>

namespace hs::ui {

ProblemsModel::ProblemsModel(QObject *parent) : QAbstractTableModel(parent) {}

void ProblemsModel::setSource(std::shared_ptr<const void> owner, const Source *source)
{
    beginResetModel();
    owner_ = std::move(owner);
    source_ = source;
    entries_.clear();
    if (source_) {
        const auto &stored = source_->problems.stored();
        std::vector<std::int32_t> order(stored.size());
        for (std::size_t i = 0; i < stored.size(); ++i)
            order[i] = static_cast<std::int32_t>(i);
        std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
            return stored[static_cast<std::size_t>(a)].line < stored[static_cast<std::size_t>(b)].line;
        });
        static const std::vector<std::uint32_t> kNone;
        const auto &rejected = source_->log ? source_->log->rejectedLines : kNone;
        entries_.reserve(rejected.size() + stored.size());
        // Merge by line: a rejected line with a kept message appears once, with the message.
        std::size_t p = 0, r = 0;
        while (p < order.size() || r < rejected.size()) {
            const std::uint64_t pl = p < order.size() ? stored[static_cast<std::size_t>(order[p])].line : ~0ull;
            const std::uint64_t rl = r < rejected.size() ? rejected[r] : ~0ull;
            if (pl <= rl) {
                entries_.push_back(Entry{pl, order[p]});
                ++p;
                if (pl == rl)
                    ++r;
            } else {
                entries_.push_back(Entry{rl, -1});
                ++r;
            }
        }
    }
    endResetModel();
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(std::min<std::size_t>(entries_.size(), INT_MAX));
}

int ProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::uint64_t ProblemsModel::lineAt(int row) const
{
    return row >= 0 && static_cast<std::size_t>(row) < entries_.size() ? entries_[static_cast<std::size_t>(row)].line
                                                                       : 0;
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !source_)
        return {};
    const Entry &e = entries_[static_cast<std::size_t>(index.row())];
    const Problem *p = e.problem >= 0 ? &source_->problems.stored()[static_cast<std::size_t>(e.problem)] : nullptr;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Line:
            if (e.line)
                return QString::number(e.line);
            return p && p->frame ? tr("frame %1").arg(p->frame) : QString();
        case Level:
            if (!p)
                return tr("warning");
            switch (p->level) {
            case ProblemLevel::Note: return tr("note");
            case ProblemLevel::Warning: return tr("warning");
            case ProblemLevel::Error: return tr("error");
            }
            return {};
        case Category: return p ? toQString(p->category) : tr("rejected");
        case Message:
            return p ? toQString(p->message)
                     : tr("rejected line (the reader kept the first %1 messages; see the raw line)")
                           .arg(ProblemList::kMaxStoredProblems);
        case RawLine: return e.line ? toQString(source_->rawLine(e.line)) : QString();
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Level && p && p->level == ProblemLevel::Error)
        return errorColor(QApplication::palette());
    if (role == Qt::ToolTipRole && index.column() == RawLine && e.line)
        return toQString(source_->rawLine(e.line));
    if (role == Qt::TextAlignmentRole && index.column() == Line)
        return QVariant::fromValue(Qt::AlignVCenter | Qt::AlignRight);
    return {};
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Line: return tr("Line");
    case Level: return tr("Level");
    case Category: return tr("Category");
    case Message: return tr("Reason");
    case RawLine: return tr("Raw line");
    default: return {};
    }
}

} // namespace hs::ui
