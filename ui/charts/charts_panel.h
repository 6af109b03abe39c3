// SPDX-License-Identifier: MIT
// Qt Charts over core/stats aggregates (STYLE practice 9: a few hundred bucket values, never rows):
// requests and errors per bucket by source, HTTPERR reasons over time (stacked), status classes by
// source and time-taken percentiles. The time charts follow the timeline's visible range; clicking
// a bar filters the tables to what it counts.
#pragma once

#include "charts/chart_filter.h"
#include "model/analysis.h"
#include "stats/timeline.h"

#include <QWidget>

#include <memory>
#include <vector>

class QChart;
class QChartView;
class QGridLayout;
class QLabel;

namespace hs::ui {

class ChartsPanel final : public QWidget {
    Q_OBJECT
public:
    explicit ChartsPanel(QWidget *parent = nullptr);
    ~ChartsPanel() override;

    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    // The range the time charts cover (the timeline's view).
    void setTimeRange(TimeUs from, TimeUs to);

    // For tests: the charts and what they were built from.
    QChartView *requestsView() const { return views_[0]; }
    QChartView *errorsView() const { return views_[1]; }
    QChartView *reasonsView() const { return views_[2]; }
    QChartView *statusView() const { return views_[3]; }
    QChartView *percentilesView() const { return views_[4]; }
    const stats::Activity &activity() const { return activity_; }
    const stats::Stacked &reasons() const { return reasons_; }
    bool isUpdating() const { return pendingJobs_ > 0; }

    // Builds the filter a click on (set, index) of a chart means; public so tests can check it.
    ChartFilter requestsClick(int set, int bucket, bool errorsOnly) const;
    ChartFilter reasonsClick(int set, int bucket) const;
    ChartFilter statusClick(int set, int sourceRow) const;
    ChartFilter percentileClick(int set, int sourceRow) const;

Q_SIGNALS:
    void filterRequested(const hs::ui::ChartFilter &filter);
    void updated();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Totals {
        std::vector<stats::StatusClasses> status;
        std::vector<stats::Percentiles> percentiles;
    };
    struct TimeCharts {
        stats::Activity activity;
        stats::Stacked reasons;
    };
    void rebuildTimeCharts();
    void rebuildTotals();
    void applyTheme(QChart *chart);
    void jobDone();

    std::shared_ptr<const Analysis> analysis_;
    std::vector<QChartView *> views_;
    stats::Activity activity_;
    stats::Stacked reasons_;
    Totals totals_;
    std::vector<std::size_t> activityLanes_; // lanes shown as their own set (the rest: "other")
    TimeUs from_ = kNoTime, to_ = kNoTime;
    std::uint64_t totalsGeneration_ = 0; // per analysis
    std::uint64_t timeGeneration_ = 0;   // per time range: the newest wins
    int pendingJobs_ = 0;
};

} // namespace hs::ui
