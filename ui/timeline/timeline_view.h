// SPDX-License-Identifier: MIT
// The timeline: one lane per source (events per bucket, errors on top), the findings above them and,
// on demand, one lane per captured connection. Buckets come from core/stats and are recomputed on a
// worker for each zoom level (STYLE practice 9), so the view never walks raw rows.
//
// Mouse: wheel zooms around the pointer (over connection lanes it scrolls them; Ctrl+wheel zooms
// there), Shift+wheel pans, right/middle drag pans, left drag selects a time range, a click on a
// bar selects its bucket, on a finding selects the finding, on a connection follows it.
// Keys: + / - zoom, Left / Right pan, Home fit, Enter zoom to the selection, Esc clear it.
#pragma once

#include "model/analysis.h"
#include "stats/timeline.h"
#include "timeline/time_axis.h"

#include <QWidget>

#include <memory>
#include <optional>

class QScrollBar;
class QTimer;

namespace hs::ui {

class TimelineView final : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    bool hasData() const { return fullTo_ > fullFrom_; }

    TimeUs viewFrom() const { return viewFrom_; }
    TimeUs viewTo() const { return viewTo_; }
    void setView(TimeUs from, TimeUs to);
    void zoomIn();
    void zoomOut();
    void zoomFit();
    void zoomToSelection();

    std::optional<std::pair<TimeUs, TimeUs>> selection() const { return selection_; }
    void setSelection(TimeUs from, TimeUs to); // no signal
    void clearSelection();                     // no signal
    // Centres the view on `time` (zooming in when the view is wide) and draws a cursor there.
    void showTime(TimeUs time);
    void showRange(TimeUs from, TimeUs to);
    void setHighlightedFinding(int findingIndex);

    bool connectionsShown() const { return showConnections_; }
    void setConnectionsShown(bool shown);
    // Shows connection lanes, scrolls to this one and highlights it.
    void revealConnection(ConnectionId id);

    // The bucketing currently drawn (tests and the benchmark read it).
    const stats::Activity &activity() const { return activity_; }
    std::size_t laneCount() const { return activity_.lanes.size(); }
    bool isRebucketing() const { return pending_; }

Q_SIGNALS:
    void rangeSelected(hs::TimeUs from, hs::TimeUs to);
    void rangeCleared();
    void findingClicked(int findingIndex);
    void connectionClicked(hs::ConnectionId id);
    // After the view settled (debounced): charts follow the zoom.
    void viewChanged(hs::TimeUs from, hs::TimeUs to);
    void rebucketed();
    void connectionsShownChanged(bool shown);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Layout {
        int gutter = 0, axisTop = 0, axisHeight = 0, findingsTop = 0, findingsHeight = 0, lanesTop = 0, laneHeight = 0,
            connHeaderTop = 0, connTop = 0, connRowHeight = 0, right = 0;
    };
    Layout layout() const;
    TimeWindow window() const;
    void viewMoved();
    void rebucket();
    void updateScrollBar();
    int connectionRowAt(int y) const; // index into connOrder_, -1 when none
    int findingAt(const QPoint &pos) const;
    int laneAt(int y) const;
    QString tooltipAt(const QPoint &pos) const;

    void paintAxis(QPainter &p, const Layout &l, const TimeWindow &w);
    void paintFindings(QPainter &p, const Layout &l, const TimeWindow &w);
    void paintLanes(QPainter &p, const Layout &l, const TimeWindow &w);
    void paintConnections(QPainter &p, const Layout &l, const TimeWindow &w);

    std::shared_ptr<const Analysis> analysis_;
    TimeUs fullFrom_ = 0, fullTo_ = 0;
    TimeUs viewFrom_ = 0, viewTo_ = 1;
    stats::Activity activity_;
    std::vector<stats::FindingMark> marks_;
    std::vector<std::uint64_t> laneTotals_;
    std::uint64_t generation_ = 0;
    bool pending_ = false;
    QTimer *rebucketTimer_;
    QTimer *settleTimer_;
    QScrollBar *scroll_;

    std::optional<std::pair<TimeUs, TimeUs>> selection_;
    TimeUs cursor_ = kNoTime;
    int highlightedFinding_ = -1;
    bool showConnections_ = false;
    std::vector<std::uint32_t> connOrder_; // connections by first packet time
    ConnectionId highlightedConnection_;

    enum class Drag { None, Select, Pan };
    Drag drag_ = Drag::None;
    QPoint pressPos_;
    TimeUs pressTime_ = 0, pressFrom_ = 0, pressTo_ = 0;
    bool dragged_ = false;
};

} // namespace hs::ui
