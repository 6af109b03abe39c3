// SPDX-License-Identifier: MIT
#include "findings/findings_model.h"

#include "common/icons.h"
#include "common/text.h"
#include "common/theme.h"

#include <QApplication>

namespace hs::ui {
namespace {

QString severityIconName(hs::Severity s)
{
    switch (s) {
    case hs::Severity::Critical: return QStringLiteral("severity-critical");
    case hs::Severity::Warning: return QStringLiteral("severity-warning");
    case hs::Severity::Info: return QStringLiteral("severity-info");
    }
    return {};
}

// "10:05:00 – 10:55:00" on one day, with dates otherwise; one time for a single moment.
QString compactRange(TimeUs first, TimeUs last)
{
    if (first == kNoTime)
        return {};
    const QString a = formatTime(first);
    if (last == kNoTime || last == first)
        return a.mid(11);
    const QString b = formatTime(last);
    if (a.left(10) == b.left(10))
        return QStringLiteral("%1 – %2").arg(a.mid(11), b.mid(11));
    return QStringLiteral("%1 – %2").arg(a, b);
}

} // namespace

FindingsModel::FindingsModel(QObject *parent) : QAbstractTableModel(parent) {}

void FindingsModel::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    beginResetModel();
    analysis_ = std::move(analysis);
    endResetModel();
}

const hs::Finding *FindingsModel::finding(int row) const
{
    if (!analysis_ || row < 0 || static_cast<std::size_t>(row) >= analysis_->findings.size())
        return nullptr;
    return &analysis_->findings[static_cast<std::size_t>(row)];
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !analysis_ ? 0 : static_cast<int>(analysis_->findings.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const hs::Finding &f = *finding(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Severity: return {}; // the icon says it; the text is the tooltip and accessible text
        case Title: return toQString(f.title);
        case Confidence: return confidenceLabel(f.confidence);
        case Count: return formatCount(f.count);
        case TimeRange: return compactRange(f.first, f.last);
        }
        return {};
    case Qt::AccessibleTextRole:
        return index.column() == Severity ? severityLabel(f.severity) : data(index, Qt::DisplayRole);
    case Qt::DecorationRole: return index.column() == Severity ? themedIcon(severityIconName(f.severity)) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == Severity)
            return severityLabel(f.severity);
        if (index.column() == Title)
            return QStringLiteral("<b>%1</b><br>%2").arg(htmlEscape(f.title), htmlEscape(f.summary));
        if (index.column() == TimeRange)
            return QStringLiteral("%1 – %2").arg(formatTime(f.first), formatTime(f.last));
        return {};
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignVCenter | (index.column() == Count ? Qt::AlignRight : Qt::AlignLeft));
    case SortRole:
        switch (index.column()) {
        case Severity: return static_cast<int>(f.severity) * 10 + static_cast<int>(f.confidence);
        case Title: return toQString(f.title);
        case Confidence: return static_cast<int>(f.confidence);
        case Count: return QVariant::fromValue<qulonglong>(f.count);
        case TimeRange: return QVariant::fromValue<qlonglong>(f.first);
        }
        return {};
    case FindingIndexRole: return index.row();
    default: return {};
    }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section == Severity && role == Qt::ToolTipRole)
        return tr("Severity");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Severity: return QString(); // icon column
    case Title: return tr("Finding");
    case Confidence: return tr("Confidence");
    case Count: return tr("Count");
    case TimeRange: return tr("When (UTC)");
    default: return {};
    }
}

EvidenceModel::EvidenceModel(QObject *parent) : QAbstractTableModel(parent) {}

void EvidenceModel::setFinding(std::shared_ptr<const Analysis> analysis, const hs::Finding *finding)
{
    beginResetModel();
    analysis_ = std::move(analysis);
    finding_ = analysis_ ? finding : nullptr;
    endResetModel();
}

const Evidence *EvidenceModel::evidence(int row) const
{
    if (!finding_ || row < 0 || static_cast<std::size_t>(row) >= finding_->evidence.size())
        return nullptr;
    return &finding_->evidence[static_cast<std::size_t>(row)];
}

int EvidenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !finding_ ? 0 : static_cast<int>(finding_->evidence.size());
}

int EvidenceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EvidenceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Evidence &e = *evidence(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Time: return formatTime(e.time);
        case Source:
            return e.source.valid() && e.source.value < analysis_->sources.size()
                       ? toQString(analysis_->source(e.source).path)
                       : QString();
        case Location:
            if (e.line)
                return tr("line %1").arg(e.line);
            if (e.frame)
                return tr("frame %1").arg(e.frame);
            return {};
        case Text: return toQString(e.text);
        }
    }
    return {};
}

QVariant EvidenceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time (UTC)");
    case Source: return tr("Source");
    case Location: return tr("Where");
    case Text: return tr("Evidence");
    default: return {};
    }
}

} // namespace hs::ui
