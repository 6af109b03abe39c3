// SPDX-License-Identifier: MIT
// Everything shown for one analysis and the wiring between the views: the timeline's selection
// filters the tables, chart clicks filter them too, a finding jumps to its evidence, a connection
// can be followed from any view.
#pragma once

#include "charts/chart_filter.h"
#include "model/analysis.h"

#include <QWidget>

#include <memory>

class QLabel;
class QSplitter;
class QTabWidget;

namespace hs::ui {

class ChartsPanel;
class FindingsPanel;
class SourcesPanel;
class TablePanel;
class TimelinePanel;
class TimelineView;

class Workspace final : public QWidget {
    Q_OBJECT
public:
    explicit Workspace(QWidget *parent = nullptr);
    ~Workspace() override;

    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    const std::shared_ptr<const Analysis> &analysis() const { return analysis_; }

    void setTimeRange(TimeUs from, TimeUs to); // kNoTime, kNoTime clears
    void jumpToEvidence(const Evidence &evidence);
    void followConnection(ConnectionId id);
    void applyChartFilter(const ChartFilter &filter);
    // Focuses the filter bar of the current table tab (Ctrl+F).
    void focusFilter();
    TablePanel *currentTablePanel() const;

    FindingsPanel *findings() const { return findings_; }
    TimelinePanel *timelinePanel() const { return timelinePanel_; }
    TimelineView *timeline() const;
    ChartsPanel *charts() const { return charts_; }
    TablePanel *accessPanel() const { return access_; }
    TablePanel *httpErrPanel() const { return httpErr_; }
    TablePanel *transactionsPanel() const { return transactions_; }
    TablePanel *connectionsPanel() const { return connections_; }
    TablePanel *panelFor(TableKind kind) const;
    SourcesPanel *sources() const { return sources_; }
    QTabWidget *tabs() const { return tabs_; }
    // Splitters whose state the window saves.
    QList<QSplitter *> splitters() const;
    // The window restored the user's splitter sizes: keep them instead of the first-run proportions.
    void keepRestoredLayout() { layoutSet_ = true; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onNavigate(const QUrl &url);
    void revealInPanel(TablePanel *panel, std::size_t row);
    void updateTabTitles();

    std::shared_ptr<const Analysis> analysis_;
    QLabel *partial_;
    FindingsPanel *findings_;
    TimelinePanel *timelinePanel_;
    QTabWidget *tabs_;
    ChartsPanel *charts_;
    TablePanel *access_;
    TablePanel *httpErr_;
    TablePanel *transactions_;
    TablePanel *connections_;
    SourcesPanel *sources_;
    QSplitter *outer_;
    QSplitter *right_;
    TimeUs rangeFrom_ = kNoTime, rangeTo_ = kNoTime;
    bool layoutSet_ = false;
};

} // namespace hs::ui
