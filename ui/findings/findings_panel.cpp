// SPDX-License-Identifier: MIT
#include "findings/findings_panel.h"

#include "common/text.h"
#include "detail/detail_pane.h"
#include "findings/advice_html.h"
#include "findings/findings_model.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace hs::ui {
namespace {

void configureView(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setHighlightSections(false);
}

} // namespace

FindingsPanel::FindingsPanel(QWidget *parent)
    : QWidget(parent), findings_(new FindingsModel(this)), sorted_(new QSortFilterProxyModel(this)),
      evidence_(new EvidenceModel(this)), title_(new QLabel(this)), findingsView_(new QTableView(this)),
      advice_(new DetailPane(this)), evidenceView_(new QTableView(this)), splitter_(new QSplitter(Qt::Vertical, this))
{
    setAccessibleName(tr("Findings"));
    sorted_->setSourceModel(findings_);
    sorted_->setSortRole(FindingsModel::SortRole);
    configureView(findingsView_);
    configureView(evidenceView_);
    findingsView_->setModel(sorted_);
    findingsView_->setSortingEnabled(true);
    findingsView_->sortByColumn(FindingsModel::Severity, Qt::DescendingOrder);
    findingsView_->setAccessibleName(tr("Findings list"));
    evidenceView_->setModel(evidence_);
    evidenceView_->setAccessibleName(tr("Evidence of the selected finding"));
    evidenceView_->setToolTip(tr("Double-click or press Enter to jump to this evidence in the timeline and tables."));
    advice_->setAccessibleName(tr("Advice for the selected finding"));

    const QFontMetrics fm = fontMetrics();
    findingsView_->horizontalHeader()->setStretchLastSection(false);
    findingsView_->horizontalHeader()->setSectionResizeMode(FindingsModel::Title, QHeaderView::Stretch);
    findingsView_->setColumnWidth(FindingsModel::Severity, 30);
    findingsView_->setColumnWidth(FindingsModel::Confidence, fm.horizontalAdvance(tr("Confidence")) + 20);
    findingsView_->setColumnWidth(FindingsModel::Count, fm.horizontalAdvance(QStringLiteral("00,000")) + 16);
    findingsView_->setColumnWidth(FindingsModel::TimeRange,
                                  fm.horizontalAdvance(QStringLiteral("00:00:00 – 00:00:00")) + 16);
    findingsView_->setIconSize(QSize(16, 16));
    evidenceView_->setColumnWidth(EvidenceModel::Time,
                                  fm.horizontalAdvance(QStringLiteral("0000-00-00 00:00:00.000")) + 16);
    evidenceView_->setColumnWidth(EvidenceModel::Source,
                                  fm.horizontalAdvance(QStringLiteral("W3SVC1/u_ex000000.log")) + 16);
    evidenceView_->setColumnWidth(EvidenceModel::Location, fm.horizontalAdvance(QStringLiteral("frame 00000")) + 16);
    evidenceView_->horizontalHeader()->setStretchLastSection(true);

    QFont titleFont = title_->font();
    titleFont.setBold(true);
    title_->setFont(titleFont);
    title_->setContentsMargins(6, 4, 6, 4);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(title_);
    topLayout->addWidget(findingsView_);
    splitter_->addWidget(top);
    splitter_->addWidget(advice_);
    splitter_->addWidget(evidenceView_);
    splitter_->setStretchFactor(0, 2);
    splitter_->setStretchFactor(1, 4);
    splitter_->setStretchFactor(2, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter_);

    connect(findingsView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const int index = current.isValid() ? sorted_->mapToSource(current).row() : -1;
                showFinding(index);
                Q_EMIT findingSelected(index);
            });
    connect(evidenceView_, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (const Evidence *e = evidence_->evidence(index.row()))
            Q_EMIT evidenceActivated(*e);
    });
    connect(advice_, &DetailPane::navigate, this, &FindingsPanel::navigate);
    setAnalysis(nullptr);
}

void FindingsPanel::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    analysis_ = std::move(analysis);
    evidence_->setFinding(nullptr, nullptr);
    findings_->setAnalysis(analysis_);
    const std::size_t n = analysis_ ? analysis_->findings.size() : 0;
    title_->setText(n ? tr("Findings (%1)").arg(formatCount(n)) : tr("Findings"));
    if (!analysis_) {
        advice_->showPlaceholder(tr("Open a folder to analyse it."));
        return;
    }
    advice_->showHtml(noFindingsHtml(*analysis_));
    evidenceView_->setVisible(n > 0);
    if (n > 0) {
        // The most severe finding is at the top: show it straight away.
        findingsView_->selectionModel()->setCurrentIndex(sorted_->index(0, 0), QItemSelectionModel::ClearAndSelect |
                                                                                   QItemSelectionModel::Rows);
    }
}

void FindingsPanel::selectFinding(int findingIndex)
{
    const QModelIndex source = findings_->index(findingIndex, 0);
    if (!source.isValid())
        return;
    const QModelIndex proxy = sorted_->mapFromSource(source);
    findingsView_->selectionModel()->setCurrentIndex(proxy,
                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    findingsView_->scrollTo(proxy);
}

int FindingsPanel::currentFinding() const
{
    const QModelIndex current = findingsView_->selectionModel()->currentIndex();
    return current.isValid() ? sorted_->mapToSource(current).row() : -1;
}

void FindingsPanel::showFinding(int findingIndex)
{
    const Finding *f = findings_->finding(findingIndex);
    if (!f) {
        evidence_->setFinding(nullptr, nullptr);
        if (analysis_)
            advice_->showHtml(noFindingsHtml(*analysis_));
        return;
    }
    advice_->showHtml(adviceHtml(*f, palette()));
    evidence_->setFinding(analysis_, f);
}

} // namespace hs::ui
