// SPDX-License-Identifier: MIT
#include "tables/table_panel.h"

#include "detail/detail_pane.h"
#include "filter/compiled_filter.h"
#include "tables/filter_bar.h"
#include "tables/record_table_model.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace hs::ui {

TablePanel::TablePanel(const QString &accessibleName, QWidget *parent)
    : QWidget(parent), filterBar_(new FilterBar(this)), view_(new QTableView(this)), detail_(new DetailPane(this)),
      splitter_(new QSplitter(Qt::Horizontal, this)), busyPoll_(new QTimer(this))
{
    setAccessibleName(accessibleName);
    view_->setAccessibleName(accessibleName);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->setCornerButtonEnabled(false);
    view_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Fixed row heights: the view never measures rows, whatever the row count.
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    view_->horizontalHeader()->setHighlightSections(false);
    view_->setSortingEnabled(true);

    detail_->showPlaceholder(tr("Select a row to see its raw line or exchange."));
    splitter_->addWidget(view_);
    splitter_->addWidget(detail_);
    splitter_->setStretchFactor(0, 3);
    splitter_->setStretchFactor(1, 2);
    splitter_->setChildrenCollapsible(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(filterBar_);
    layout->addWidget(splitter_, 1);

    busyPoll_->setInterval(150);
    connect(busyPoll_, &QTimer::timeout, this, [this] {
        if (model_)
            filterBar_->setBusy(true, model_->progressPermille());
    });
    connect(filterBar_, &FilterBar::filterRequested, this, &TablePanel::onFilterRequested);
    connect(filterBar_, &FilterBar::clearTimeRangeRequested, this, &TablePanel::clearTimeRangeRequested);
    connect(detail_, &DetailPane::navigate, this, &TablePanel::navigate);

    auto *copy = new QShortcut(QKeySequence::Copy, view_, nullptr, nullptr, Qt::WidgetShortcut);
    connect(copy, &QShortcut::activated, this, &TablePanel::copySelection);
    setTable(nullptr);
}

TablePanel::~TablePanel() = default;

const RecordTable *TablePanel::table() const
{
    return table_.get();
}

void TablePanel::setTable(std::shared_ptr<const RecordTable> table)
{
    RecordTableModel *old = model_;
    table_ = std::move(table);
    pendingReveal_.reset();
    model_ = table_ ? new RecordTableModel(table_, this) : nullptr;
    QItemSelectionModel *oldSelection = view_->selectionModel();
    view_->setModel(model_);
    delete oldSelection; // setModel() does not delete it
    delete old;          // after the view let go of it; its jobs notice and stop
    view_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    filterBar_->setBusy(false);
    filterBar_->showError({});
    detail_->showPlaceholder(tr("Select a row to see its raw line or exchange."));
    if (!model_) {
        filterBar_->setCounts(0, 0);
        return;
    }
    // Widths from the digit width (times and numbers dominate), never from the rows' contents:
    // measuring rows would walk the table.
    const QFontMetrics fm = view_->fontMetrics();
    const int digit = fm.horizontalAdvance(QLatin1Char('0'));
    const auto &columns = table_->columns();
    for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
        const ColumnSpec &spec = columns[static_cast<std::size_t>(c)];
        view_->setColumnWidth(c, std::max(spec.widthChars * digit, fm.horizontalAdvance(spec.title) + 24) + 12);
    }

    QString help = tr("<b>Fields</b> (field:pattern, field:&gt;number, -field:pattern):<br>");
    for (const auto &f : table_->fields()) {
        QStringList names;
        for (const auto &n : f.names)
            names << QString::fromStdString(n).toHtmlEscaped();
        help +=
            QStringLiteral("<code>%1</code> — %2<br>").arg(names.join(QStringLiteral(", ")), f.help.toHtmlEscaped());
    }
    help += tr("Other words are RE2 patterns searched in the row; quote literal text: \"Expect: 100\".");
    filterBar_->setFieldHelp(help);

    connect(model_, &RecordTableModel::busyChanged, this, [this](bool busy) {
        filterBar_->setBusy(busy, model_->progressPermille());
        if (busy)
            busyPoll_->start();
        else
            busyPoll_->stop();
    });
    connect(model_, &RecordTableModel::modelAboutToBeReset, this, [this] { keepSelection_ = currentPhysicalRow(); });
    connect(model_, &RecordTableModel::indexApplied, this, &TablePanel::onIndexApplied);
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        showCurrentDetail();
        if (const auto row = currentPhysicalRow())
            Q_EMIT currentRowChanged(*row);
    });
    // Re-apply what the user typed to the new table.
    if (!filterBar_->text().isEmpty())
        onFilterRequested(filterBar_->text());
    updateCounts();
}

void TablePanel::setTimeRange(TimeUs from, TimeUs to)
{
    filterBar_->setTimeRange(from, to);
    if (model_)
        model_->setTimeRange(from, to);
}

bool TablePanel::applyFilterText(const QString &text)
{
    filterBar_->setText(text);
    onFilterRequested(text);
    return filterBar_->errorText().isEmpty();
}

void TablePanel::onFilterRequested(const QString &text)
{
    if (!model_)
        return;
    auto result = CompiledFilter::compile(text, *table_);
    if (const auto *error = std::get_if<FilterError>(&result)) {
        filterBar_->showError(*error);
        return;
    }
    filterBar_->showError({});
    model_->setFilter(std::get<std::shared_ptr<const CompiledFilter>>(std::move(result)));
}

void TablePanel::onIndexApplied()
{
    updateCounts();
    std::optional<std::size_t> target = pendingReveal_ ? pendingReveal_ : keepSelection_;
    const bool reveal = pendingReveal_.has_value();
    pendingReveal_.reset();
    keepSelection_.reset();
    if (!target)
        return;
    if (const auto row = model_->visibleRow(*target)) {
        const QModelIndex index = model_->index(*row, 0);
        view_->selectionModel()->setCurrentIndex(index,
                                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        view_->scrollTo(index, reveal ? QAbstractItemView::PositionAtCenter : QAbstractItemView::EnsureVisible);
    }
}

void TablePanel::updateCounts()
{
    if (model_)
        filterBar_->setCounts(model_->visibleRowCount(), model_->physicalRowCount());
}

bool TablePanel::revealPhysicalRow(std::size_t physical)
{
    if (!model_ || physical >= model_->physicalRowCount())
        return false;
    if (const auto row = model_->visibleRow(physical)) {
        const QModelIndex index = model_->index(*row, 0);
        view_->selectionModel()->setCurrentIndex(index,
                                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        view_->scrollTo(index, QAbstractItemView::PositionAtCenter);
        return true;
    }
    // Hidden by the filter or the time range: clear both, then select once the index is rebuilt.
    pendingReveal_ = physical;
    filterBar_->setText({});
    filterBar_->showError({});
    model_->setFilter(nullptr);
    if (model_->viewSpec().from != kNoTime || model_->viewSpec().to != kNoTime)
        Q_EMIT clearTimeRangeRequested();
    return true;
}

std::optional<std::size_t> TablePanel::currentPhysicalRow() const
{
    if (!model_)
        return std::nullopt;
    const QModelIndex current = view_->selectionModel() ? view_->selectionModel()->currentIndex() : QModelIndex();
    if (!current.isValid())
        return std::nullopt;
    return model_->physicalRow(current.row());
}

void TablePanel::showCurrentDetail()
{
    const auto row = currentPhysicalRow();
    if (!row) {
        detail_->showPlaceholder(tr("Select a row to see its raw line or exchange."));
        return;
    }
    detail_->showHtml(table_->detailHtml(*row));
}

void TablePanel::showDetailHtml(const QString &html)
{
    detail_->showHtml(html);
}

void TablePanel::copySelection() const
{
    if (!model_)
        return;
    // Bounded: copying ten million rows to the clipboard is never what anyone meant.
    constexpr int kMaxRows = 100'000;
    QModelIndexList rows = view_->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QString text;
    QStringList header;
    for (int c = 0; c < model_->columnCount(); ++c)
        header << model_->headerData(c, Qt::Horizontal).toString();
    text += header.join(QLatin1Char('\t')) + QLatin1Char('\n');
    int n = 0;
    for (const QModelIndex &r : rows) {
        if (++n > kMaxRows)
            break;
        QStringList cells;
        for (int c = 0; c < model_->columnCount(); ++c)
            cells << model_->index(r.row(), c).data().toString();
        text += cells.join(QLatin1Char('\t')) + QLatin1Char('\n');
    }
    QApplication::clipboard()->setText(text);
}

} // namespace hs::ui
