// SPDX-License-Identifier: MIT
#include "window/workspace.h"

#include "charts/charts_panel.h"
#include "common/icons.h"
#include "common/jobs.h"
#include "common/text.h"
#include "common/theme.h"
#include "detail/detail_pane.h"
#include "filter/filter_query.h"
#include "findings/findings_panel.h"
#include "sources/sources_panel.h"
#include "tables/access_table.h"
#include "tables/connection_table.h"
#include "tables/filter_bar.h"
#include "tables/httperr_table.h"
#include "tables/table_panel.h"
#include "tables/transaction_table.h"
#include "timeline/timeline_panel.h"
#include "timeline/timeline_view.h"

#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace hs::ui {

Workspace::Workspace(QWidget *parent)
    : QWidget(parent), partial_(new QLabel(this)), findings_(new FindingsPanel(this)),
      timelinePanel_(new TimelinePanel(this)), tabs_(new QTabWidget(this)), charts_(new ChartsPanel(this)),
      access_(new TablePanel(tr("W3C requests"), this)), httpErr_(new TablePanel(tr("HTTPERR"), this)),
      transactions_(new TablePanel(tr("HTTP transactions"), this)),
      connections_(new TablePanel(tr("Connections"), this)), sources_(new SourcesPanel(this)),
      outer_(new QSplitter(Qt::Horizontal, this)), right_(new QSplitter(Qt::Vertical, this))
{
    partial_->setWordWrap(true);
    partial_->setAutoFillBackground(true);
    partial_->setBackgroundRole(QPalette::ToolTipBase);
    partial_->setForegroundRole(QPalette::ToolTipText);
    partial_->setContentsMargins(8, 4, 8, 4);
    partial_->setAccessibleName(tr("Partial results notice"));
    partial_->hide();

    tabs_->setDocumentMode(true);
    tabs_->setAccessibleName(tr("Views"));
    tabs_->addTab(charts_, themedIcon(QStringLiteral("chart")), tr("Charts"));
    tabs_->addTab(access_, themedIcon(QStringLiteral("table")), tr("W3C requests"));
    tabs_->addTab(httpErr_, themedIcon(QStringLiteral("table")), tr("HTTPERR"));
    tabs_->addTab(transactions_, themedIcon(QStringLiteral("exchange")), tr("HTTP transactions"));
    tabs_->addTab(connections_, themedIcon(QStringLiteral("connections")), tr("Connections"));
    tabs_->addTab(sources_, themedIcon(QStringLiteral("sources")), tr("Sources"));

    right_->addWidget(timelinePanel_);
    right_->addWidget(tabs_);
    right_->setStretchFactor(0, 0);
    right_->setStretchFactor(1, 1);
    right_->setChildrenCollapsible(false);
    outer_->addWidget(findings_);
    outer_->addWidget(right_);
    outer_->setStretchFactor(0, 0);
    outer_->setStretchFactor(1, 1);
    outer_->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(partial_);
    layout->addWidget(outer_, 1);

    TimelineView *tl = timeline();
    connect(tl, &TimelineView::rangeSelected, this, &Workspace::setTimeRange);
    connect(tl, &TimelineView::rangeCleared, this, [this] { setTimeRange(kNoTime, kNoTime); });
    connect(tl, &TimelineView::viewChanged, charts_, &ChartsPanel::setTimeRange);
    connect(tl, &TimelineView::findingClicked, findings_, &FindingsPanel::selectFinding);
    connect(tl, &TimelineView::connectionClicked, this, &Workspace::followConnection);
    connect(charts_, &ChartsPanel::filterRequested, this, &Workspace::applyChartFilter);
    connect(findings_, &FindingsPanel::findingSelected, this, [this](int index) {
        timeline()->setHighlightedFinding(index);
        if (!analysis_ || index < 0 || static_cast<std::size_t>(index) >= analysis_->findings.size())
            return;
        const Finding &f = analysis_->findings[static_cast<std::size_t>(index)];
        if (!f.evidence.empty())
            jumpToEvidence(f.evidence.front());
        // The timeline shows the whole finding, not just its first evidence, with at least ten
        // minutes around it so what led up to it is visible too.
        if (f.first != kNoTime) {
            const TimeUs last = f.last != kNoTime ? f.last : f.first;
            const TimeUs pad = std::max<TimeUs>(0, 10 * kUsPerMinute - (last - f.first)) / 2;
            timeline()->showRange(f.first - pad, last + pad);
        }
    });
    connect(findings_, &FindingsPanel::evidenceActivated, this, &Workspace::jumpToEvidence);
    connect(findings_, &FindingsPanel::navigate, this, &Workspace::onNavigate);
    connect(sources_, &SourcesPanel::lineActivated, this, [this](SourceId source, std::uint64_t line) {
        Evidence e;
        e.source = source;
        e.line = line;
        jumpToEvidence(e);
    });
    for (TablePanel *panel : {access_, httpErr_, transactions_, connections_}) {
        connect(panel, &TablePanel::clearTimeRangeRequested, this, [this] {
            timeline()->clearSelection();
            setTimeRange(kNoTime, kNoTime);
        });
        connect(panel, &TablePanel::navigate, this, &Workspace::onNavigate);
    }
    setAnalysis(nullptr);
}

Workspace::~Workspace()
{
    // Views first, then the analysis, off the UI thread.
    auto analysis = std::move(analysis_);
    for (TablePanel *panel : {access_, httpErr_, transactions_, connections_})
        panel->setTable(nullptr);
    releaseInBackground(std::move(analysis));
}

void Workspace::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (layoutSet_)
        return;
    layoutSet_ = true;
    // First-run proportions (later runs restore the user's own): findings get a third of the width,
    // the timeline about 40 % of the height.
    const int w = std::max(width(), 900), h = std::max(height(), 600);
    outer_->setSizes({w / 3, w - w / 3});
    right_->setSizes({h * 2 / 5, h - h * 2 / 5});
}

TimelineView *Workspace::timeline() const
{
    return timelinePanel_->view();
}

QList<QSplitter *> Workspace::splitters() const
{
    return {outer_,
            right_,
            findings_->splitter(),
            access_->splitter(),
            httpErr_->splitter(),
            transactions_->splitter(),
            connections_->splitter(),
            sources_->splitter()};
}

TablePanel *Workspace::panelFor(TableKind kind) const
{
    switch (kind) {
    case TableKind::Access: return access_;
    case TableKind::HttpErr: return httpErr_;
    case TableKind::Transactions: return transactions_;
    case TableKind::Connections: return connections_;
    }
    return access_;
}

TablePanel *Workspace::currentTablePanel() const
{
    return qobject_cast<TablePanel *>(tabs_->currentWidget());
}

void Workspace::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    auto old = std::move(analysis_);
    analysis_ = std::move(analysis);
    rangeFrom_ = rangeTo_ = kNoTime;
    const auto &a = analysis_;
    access_->setTable(a ? std::make_shared<AccessTable>(a) : nullptr);
    httpErr_->setTable(a ? std::make_shared<HttpErrTable>(a) : nullptr);
    transactions_->setTable(a ? std::make_shared<TransactionTable>(a) : nullptr);
    connections_->setTable(a ? std::make_shared<ConnectionTable>(a) : nullptr);
    for (TablePanel *panel : {access_, httpErr_, transactions_, connections_})
        panel->setTimeRange(kNoTime, kNoTime);
    timeline()->setAnalysis(a);
    charts_->setAnalysis(a);
    if (a)
        charts_->setTimeRange(timeline()->viewFrom(), timeline()->viewTo());
    sources_->setAnalysis(a);
    updateTabTitles();
    // Last: selecting the most severe finding jumps the other views to its evidence.
    findings_->setAnalysis(a);
    // Every view let go of the old analysis: free it off the UI thread.
    releaseInBackground(std::move(old));

    if (a && a->stopped) {
        partial_->setText(tr("Loading was stopped: these results cover only what was read until then."));
        partial_->show();
    } else {
        partial_->hide();
    }
    // Without findings, start where the data is: the first table with rows, else the charts.
    if (a && a->findings.empty()) {
        for (TablePanel *panel : {httpErr_, access_, transactions_}) {
            if (panel->table() && panel->table()->size()) {
                tabs_->setCurrentWidget(panel);
                return;
            }
        }
    }
    if (a && a->findings.empty())
        tabs_->setCurrentWidget(charts_);
}

void Workspace::updateTabTitles()
{
    auto title = [](const QString &name, const TablePanel *panel) {
        const std::size_t n = panel->table() ? panel->table()->size() : 0;
        return QStringLiteral("%1 (%2)").arg(name, formatCount(n));
    };
    tabs_->setTabText(tabs_->indexOf(access_), title(tr("W3C requests"), access_));
    tabs_->setTabText(tabs_->indexOf(httpErr_), title(tr("HTTPERR"), httpErr_));
    tabs_->setTabText(tabs_->indexOf(transactions_), title(tr("HTTP transactions"), transactions_));
    tabs_->setTabText(tabs_->indexOf(connections_), title(tr("Connections"), connections_));
    const std::size_t files = analysis_ ? analysis_->sources.size() + analysis_->skipped.size() : 0;
    tabs_->setTabText(tabs_->indexOf(sources_), tr("Sources (%1)").arg(formatCount(files)));
}

void Workspace::setTimeRange(TimeUs from, TimeUs to)
{
    rangeFrom_ = from;
    rangeTo_ = to;
    if (from == kNoTime && to == kNoTime)
        timeline()->clearSelection();
    else
        timeline()->setSelection(from, to);
    for (TablePanel *panel : {access_, httpErr_, transactions_, connections_})
        panel->setTimeRange(from, to);
}

void Workspace::revealInPanel(TablePanel *panel, std::size_t row)
{
    tabs_->setCurrentWidget(panel);
    panel->revealPhysicalRow(row);
}

void Workspace::jumpToEvidence(const Evidence &e)
{
    if (!analysis_)
        return;
    if (e.time != kNoTime)
        timeline()->showTime(e.time);
    if (e.transaction.valid())
        if (const auto row = transactions_->table()->rowForTransaction(e.transaction)) {
            revealInPanel(transactions_, *row);
            return;
        }
    if (e.line && e.source.valid()) {
        if (const auto row = access_->table()->rowForLine(e.source, e.line)) {
            revealInPanel(access_, *row);
            return;
        }
        if (const auto row = httpErr_->table()->rowForLine(e.source, e.line)) {
            revealInPanel(httpErr_, *row);
            return;
        }
    }
    if (e.connection.valid()) {
        followConnection(e.connection);
        return;
    }
    // Not a record (a rejected line, a frame outside any transaction): show its source.
    if (e.source.valid()) {
        tabs_->setCurrentWidget(sources_);
        sources_->selectSource(e.source);
    }
}

void Workspace::followConnection(ConnectionId id)
{
    if (!analysis_ || !id.valid())
        return;
    if (const auto row = connections_->table()->rowForConnection(id))
        revealInPanel(connections_, *row);
    timeline()->revealConnection(id);
}

void Workspace::applyChartFilter(const ChartFilter &filter)
{
    if (filter.from != kNoTime || filter.to != kNoTime)
        setTimeRange(filter.from, filter.to);
    TablePanel *panel = panelFor(filter.table);
    tabs_->setCurrentWidget(panel);
    panel->applyFilterText(filter.filterText);
}

void Workspace::focusFilter()
{
    if (TablePanel *panel = currentTablePanel()) {
        panel->filterBar()->lineEdit()->setFocus(Qt::ShortcutFocusReason);
        panel->filterBar()->lineEdit()->selectAll();
    }
}

void Workspace::onNavigate(const QUrl &url)
{
    if (!analysis_ || url.scheme() != QLatin1String("hs"))
        return;
    const QString path = url.path();
    const QString kind = path.section(QLatin1Char('/'), 0, 0);
    const QString arg = path.section(QLatin1Char('/'), 1);
    bool ok = false;
    if (kind == QLatin1String("connection")) {
        const uint id = arg.toUInt(&ok);
        if (ok)
            followConnection(ConnectionId(id));
    } else if (kind == QLatin1String("transaction")) {
        const uint id = arg.toUInt(&ok);
        if (ok)
            if (const auto row = transactions_->table()->rowForTransaction(TransactionId(id)))
                revealInPanel(transactions_, *row);
    } else if (kind == QLatin1String("connection-key")) {
        const std::string key = QUrl::fromPercentEncoding(arg.toUtf8()).toStdString();
        for (const Connection &c : analysis_->connections)
            if (c.key() == key) {
                followConnection(c.id);
                return;
            }
        // No capture of it: show what the logs say about that 4-tuple.
        tabs_->setCurrentWidget(httpErr_);
        httpErr_->applyFilterText(QStringLiteral("connection:") + quoteFilterValue(key));
    }
}

} // namespace hs::ui
