// SPDX-License-Identifier: MIT
#include "timeline/timeline_view.h"

#include "common/jobs.h"
#include "common/text.h"
#include "common/theme.h"
#include "tables/connection_table.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <utility>

namespace hs::ui {
namespace {

constexpr TimeUs kMinSpan = 10 * kUsPerMs;

QColor withAlpha(QColor c, int alpha)
{
    c.setAlpha(alpha);
    return c;
}

} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent), rebucketTimer_(new QTimer(this)), settleTimer_(new QTimer(this)),
      scroll_(new QScrollBar(Qt::Vertical, this))
{
    setAccessibleName(tr("Timeline"));
    setAccessibleDescription(tr("Events per source over time. Wheel zooms, drag selects a time range, "
                                "right-drag pans, Home shows everything."));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setMinimumHeight(140);
    setAttribute(Qt::WA_OpaquePaintEvent);
    rebucketTimer_->setSingleShot(true);
    rebucketTimer_->setInterval(30);
    settleTimer_->setSingleShot(true);
    settleTimer_->setInterval(250);
    connect(rebucketTimer_, &QTimer::timeout, this, &TimelineView::rebucket);
    connect(settleTimer_, &QTimer::timeout, this, [this] { Q_EMIT viewChanged(viewFrom_, viewTo_); });
    scroll_->hide();
    scroll_->setAccessibleName(tr("Scroll connection lanes"));
    connect(scroll_, &QScrollBar::valueChanged, this, qOverload<>(&QWidget::update));
}

TimelineView::~TimelineView() = default;

void TimelineView::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    analysis_ = std::move(analysis);
    activity_ = {};
    marks_.clear();
    selection_.reset();
    cursor_ = kNoTime;
    highlightedFinding_ = -1;
    highlightedConnection_ = {};
    connOrder_.clear();
    fullFrom_ = fullTo_ = 0;
    ++generation_;
    pending_ = false;
    if (analysis_) {
        TimeUs first = analysis_->first, last = analysis_->last;
        if (first == kNoTime || last == kNoTime) {
            for (const auto &s : analysis_->sources) {
                if (s->first != kNoTime && (first == kNoTime || s->first < first))
                    first = s->first;
                if (s->last != kNoTime && (last == kNoTime || s->last > last))
                    last = s->last;
            }
        }
        if (first != kNoTime && last != kNoTime) {
            if (last - first < kUsPerSecond) {
                first -= kUsPerSecond;
                last += kUsPerSecond;
            }
            const TimeUs margin = (last - first) / 50;
            fullFrom_ = first - margin;
            fullTo_ = last + margin;
        }
        connOrder_.resize(analysis_->connections.size());
        for (std::uint32_t i = 0; i < connOrder_.size(); ++i)
            connOrder_[i] = i;
        const auto &conns = analysis_->connections;
        std::stable_sort(connOrder_.begin(), connOrder_.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return conns[a].firstTime < conns[b].firstTime; });
        marks_ = stats::findingMarks(*analysis_);
    }
    viewFrom_ = fullFrom_;
    viewTo_ = std::max(fullTo_, fullFrom_ + 1);
    updateScrollBar();
    update();
    if (hasData()) {
        rebucket();
        Q_EMIT viewChanged(viewFrom_, viewTo_);
    }
}

void TimelineView::setView(TimeUs from, TimeUs to)
{
    if (!hasData() || to <= from)
        return;
    viewFrom_ = from;
    viewTo_ = std::max(to, from + kMinSpan);
    panWindow(viewFrom_, viewTo_, 0, fullFrom_, fullTo_);
    viewMoved();
}

void TimelineView::zoomIn()
{
    if (!hasData())
        return;
    zoomWindow(viewFrom_, viewTo_, viewFrom_ + (viewTo_ - viewFrom_) / 2, 0.5, kMinSpan, fullFrom_, fullTo_);
    viewMoved();
}

void TimelineView::zoomOut()
{
    if (!hasData())
        return;
    zoomWindow(viewFrom_, viewTo_, viewFrom_ + (viewTo_ - viewFrom_) / 2, 2.0, kMinSpan, fullFrom_, fullTo_);
    viewMoved();
}

void TimelineView::zoomFit()
{
    if (!hasData())
        return;
    viewFrom_ = fullFrom_;
    viewTo_ = fullTo_;
    viewMoved();
}

void TimelineView::zoomToSelection()
{
    if (selection_)
        showRange(selection_->first, selection_->second);
}

void TimelineView::setSelection(TimeUs from, TimeUs to)
{
    selection_ = std::make_pair(std::min(from, to), std::max(from, to));
    update();
}

void TimelineView::clearSelection()
{
    selection_.reset();
    update();
}

void TimelineView::showTime(TimeUs time)
{
    if (!hasData() || time == kNoTime)
        return;
    cursor_ = time;
    TimeUs span = viewTo_ - viewFrom_;
    // From an overview, zoom to a few minutes around the evidence so its neighbours are visible.
    if (span > 30 * kUsPerMinute)
        span = 10 * kUsPerMinute;
    viewFrom_ = time - span / 2;
    viewTo_ = viewFrom_ + span;
    panWindow(viewFrom_, viewTo_, 0, fullFrom_, fullTo_);
    viewMoved();
}

void TimelineView::showRange(TimeUs from, TimeUs to)
{
    if (!hasData() || from == kNoTime || to == kNoTime)
        return;
    const TimeUs span = std::max<TimeUs>(to - from, kMinSpan);
    const TimeUs margin = std::max<TimeUs>(span / 10, kUsPerSecond);
    viewFrom_ = from - margin;
    viewTo_ = from + span + margin;
    panWindow(viewFrom_, viewTo_, 0, fullFrom_, fullTo_);
    viewMoved();
}

void TimelineView::setHighlightedFinding(int findingIndex)
{
    highlightedFinding_ = findingIndex;
    update();
}

void TimelineView::setConnectionsShown(bool shown)
{
    if (showConnections_ == shown)
        return;
    showConnections_ = shown;
    updateScrollBar();
    update();
    Q_EMIT connectionsShownChanged(shown);
}

void TimelineView::revealConnection(ConnectionId id)
{
    if (!analysis_ || !id.valid() || id.value >= analysis_->connections.size())
        return;
    highlightedConnection_ = id;
    setConnectionsShown(true);
    const auto it = std::find(connOrder_.begin(), connOrder_.end(), id.value);
    if (it != connOrder_.end())
        scroll_->setValue(std::max(0, static_cast<int>(it - connOrder_.begin()) - 2));
    const Connection &c = analysis_->connections[id.value];
    if (c.firstTime != kNoTime && (c.firstTime < viewFrom_ || c.firstTime > viewTo_))
        showRange(c.firstTime, c.lastTime != kNoTime ? c.lastTime : c.firstTime);
    update();
}

TimelineView::Layout TimelineView::layout() const
{
    Layout l;
    const QFontMetrics fm = fontMetrics();
    l.gutter = std::min(width() / 3, fm.averageCharWidth() * 30);
    l.axisTop = 0;
    l.axisHeight = fm.height() + 10;
    l.findingsTop = l.axisHeight;
    l.findingsHeight = fm.height() + 8;
    l.lanesTop = l.findingsTop + l.findingsHeight + 2;
    const int lanes = std::max<int>(1, static_cast<int>(activity_.lanes.size()));
    if (showConnections_) {
        l.laneHeight = 2 * fm.height() + 10;
    } else {
        const int available = height() - l.lanesTop - 4;
        l.laneHeight = std::clamp(available / lanes, 2 * fm.height() + 6, 4 * fm.height());
    }
    l.connHeaderTop = l.lanesTop + static_cast<int>(activity_.lanes.size()) * l.laneHeight + 4;
    l.connTop = l.connHeaderTop + fm.height() + 6;
    l.connRowHeight = fm.height() + 4;
    l.right = width() - (scroll_->isVisible() ? scroll_->width() : 0);
    return l;
}

TimeWindow TimelineView::window() const
{
    const Layout l = layout();
    return TimeWindow{viewFrom_, std::max(viewTo_, viewFrom_ + 1), static_cast<double>(l.gutter),
                      static_cast<double>(std::max(1, l.right - l.gutter))};
}

void TimelineView::viewMoved()
{
    update();
    rebucketTimer_->start();
    settleTimer_->start();
}

void TimelineView::rebucket()
{
    if (!analysis_ || !hasData())
        return;
    const std::uint64_t generation = ++generation_;
    pending_ = true;
    const Layout l = layout();
    // About one bucket per 3 px: bars stay visible and the worker's result stays small.
    const std::size_t maxBuckets = static_cast<std::size_t>(std::max(20, (l.right - l.gutter) / 3));
    auto analysis = analysis_;
    const TimeUs from = viewFrom_, to = viewTo_;
    runJob(
        this, [analysis, from, to, maxBuckets] { return stats::activity(*analysis, from, to, maxBuckets); },
        [this, generation](stats::Activity result) {
            if (generation != generation_)
                return; // the view moved on
            const bool lanesChanged = result.lanes.size() != activity_.lanes.size();
            activity_ = std::move(result);
            pending_ = false;
            if (lanesChanged)
                updateScrollBar();
            update();
            Q_EMIT rebucketed();
        });
}

void TimelineView::updateScrollBar()
{
    const bool show = showConnections_ && analysis_ && !connOrder_.empty();
    scroll_->setVisible(show);
    if (!show)
        return;
    const Layout l = layout();
    const int rows = std::max(1, (height() - l.connTop) / std::max(1, l.connRowHeight));
    scroll_->setRange(0, std::max(0, static_cast<int>(connOrder_.size()) - rows));
    scroll_->setPageStep(rows);
    scroll_->setSingleStep(1);
    scroll_->setGeometry(width() - scroll_->sizeHint().width(), l.connTop, scroll_->sizeHint().width(),
                         std::max(0, height() - l.connTop));
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateScrollBar();
    if (hasData())
        rebucketTimer_->start();
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    if (!analysis_ || !hasData()) {
        p.setPen(mutedTextColor(pal));
        p.drawText(rect(), Qt::AlignCenter,
                   analysis_ ? tr("Nothing with a time stamp was read.") : tr("The timeline appears here."));
        return;
    }
    const Layout l = layout();
    const TimeWindow w = window();
    p.fillRect(QRect(0, 0, l.gutter, height()), pal.color(QPalette::Window));
    paintAxis(p, l, w);
    paintFindings(p, l, w);
    paintLanes(p, l, w);
    if (showConnections_)
        paintConnections(p, l, w);

    p.setClipRect(QRect(l.gutter, l.findingsTop, l.right - l.gutter, height() - l.findingsTop));
    if (selection_) {
        const double x0 = w.toX(selection_->first), x1 = w.toX(selection_->second);
        const QRectF band(x0, l.findingsTop, std::max(2.0, x1 - x0), height() - l.findingsTop);
        p.fillRect(band, withAlpha(pal.color(QPalette::Highlight), 50));
        p.setPen(QPen(pal.color(QPalette::Highlight), 1));
        p.drawLine(QPointF(x0, l.findingsTop), QPointF(x0, height()));
        p.drawLine(QPointF(x1, l.findingsTop), QPointF(x1, height()));
    }
    if (cursor_ != kNoTime) {
        const double x = w.toX(cursor_);
        p.setPen(QPen(pal.color(QPalette::Highlight), 2, Qt::DashLine));
        p.drawLine(QPointF(x, l.axisTop), QPointF(x, height()));
    }
    p.setClipping(false);
    if (hasFocus()) {
        p.setPen(QPen(pal.color(QPalette::Highlight), 1));
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

void TimelineView::paintAxis(QPainter &p, const Layout &l, const TimeWindow &w)
{
    const QPalette pal = palette();
    p.fillRect(QRect(0, l.axisTop, width(), l.axisHeight), pal.color(QPalette::Window));
    p.setPen(mutedTextColor(pal));
    const CivilTime day = toCivil(viewFrom_);
    p.drawText(
        QRect(6, l.axisTop, l.gutter - 8, l.axisHeight), Qt::AlignVCenter | Qt::AlignLeft,
        tr("%1-%2-%3 UTC").arg(day.year).arg(day.month, 2, 10, QLatin1Char('0')).arg(day.day, 2, 10, QLatin1Char('0')));
    const QFontMetrics fm = fontMetrics();
    const auto ticks = axisTicks(w, fm.horizontalAdvance(QStringLiteral("00-00 00:00:00")) + 16);
    p.save();
    p.setClipRect(QRect(l.gutter, 0, l.right - l.gutter, height()));
    for (const TimeUs t : ticks) {
        const double x = w.toX(t);
        p.setPen(withAlpha(pal.color(QPalette::Text), 30));
        p.drawLine(QPointF(x, l.axisTop + l.axisHeight), QPointF(x, height()));
        p.setPen(pal.color(QPalette::WindowText));
        p.drawLine(QPointF(x, l.axisTop + l.axisHeight - 4), QPointF(x, l.axisTop + l.axisHeight));
        p.drawText(QRectF(x + 3, l.axisTop, 200, l.axisHeight - 2), Qt::AlignVCenter | Qt::AlignLeft,
                   formatAxisTime(t, w.span()));
    }
    p.restore();
    p.setPen(withAlpha(pal.color(QPalette::WindowText), 80));
    p.drawLine(0, l.axisTop + l.axisHeight - 1, width(), l.axisTop + l.axisHeight - 1);
}

void TimelineView::paintFindings(QPainter &p, const Layout &l, const TimeWindow &w)
{
    const QPalette pal = palette();
    p.setPen(pal.color(QPalette::WindowText));
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRect(8, l.findingsTop, l.gutter - 10, l.findingsHeight), Qt::AlignVCenter | Qt::AlignLeft,
               tr("Findings"));
    p.setFont(font());
    if (marks_.empty()) {
        p.setPen(mutedTextColor(pal));
        p.drawText(QRect(l.gutter + 6, l.findingsTop, l.right - l.gutter, l.findingsHeight),
                   Qt::AlignVCenter | Qt::AlignLeft, tr("none"));
        return;
    }
    p.save();
    p.setClipRect(QRect(l.gutter, l.findingsTop, l.right - l.gutter, l.findingsHeight));
    p.setRenderHint(QPainter::Antialiasing);
    const double h = l.findingsHeight - 8;
    // Least severe first, so critical marks are drawn on top.
    std::vector<std::size_t> order(marks_.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return marks_[a].severity < marks_[b].severity; });
    for (const std::size_t i : order) {
        const auto &m = marks_[i];
        if (m.first == kNoTime)
            continue;
        double x0 = w.toX(m.first), x1 = w.toX(m.last != kNoTime ? m.last : m.first);
        if (x1 - x0 < 8) {
            const double c = (x0 + x1) / 2;
            x0 = c - 4;
            x1 = c + 4;
        }
        const QRectF r(x0, l.findingsTop + 4, x1 - x0, h);
        p.setBrush(withAlpha(severityColor(m.severity, pal), 210));
        const bool highlighted = static_cast<int>(m.finding) == highlightedFinding_;
        p.setPen(highlighted ? QPen(pal.color(QPalette::Text), 2) : Qt::NoPen);
        p.drawRoundedRect(r, 3, 3);
    }
    p.restore();
}

void TimelineView::paintLanes(QPainter &p, const Layout &l, const TimeWindow &w)
{
    const QPalette pal = palette();
    if (activity_.lanes.empty()) {
        p.setPen(mutedTextColor(pal));
        p.drawText(QRect(l.gutter, l.lanesTop, l.right - l.gutter, 2 * l.laneHeight), Qt::AlignCenter,
                   pending_ ? tr("Counting events…") : tr("No timed events in this range."));
        return;
    }
    const QFontMetrics fm = fontMetrics();
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
    const auto &b = activity_.buckets;
    for (std::size_t i = 0; i < activity_.lanes.size(); ++i) {
        const auto &lane = activity_.lanes[i];
        const int y = l.lanesTop + static_cast<int>(i) * l.laneHeight;
        if (i % 2 == 1)
            p.fillRect(QRect(l.gutter, y, l.right - l.gutter, l.laneHeight),
                       withAlpha(pal.color(QPalette::AlternateBase), 160));
        p.setPen(withAlpha(pal.color(QPalette::WindowText), 40));
        p.drawLine(0, y + l.laneHeight - 1, l.right, y + l.laneHeight - 1);

        // Gutter: file name, then format and record count.
        const QColor colour = laneColor(lane.format, pal);
        p.fillRect(QRect(0, y + 4, 4, l.laneHeight - 8), colour);
        p.setPen(pal.color(QPalette::WindowText));
        p.setFont(font());
        p.drawText(QRect(10, y + 2, l.gutter - 14, fm.height() + 2), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(toQString(lane.label), Qt::ElideMiddle, l.gutter - 14));
        std::uint32_t peak = 1;
        for (std::size_t k = 0; k < lane.events.size(); ++k)
            peak = std::max(peak, lane.events[k]);
        p.setFont(small);
        p.setPen(mutedTextColor(pal));
        std::uint64_t records = 0;
        if (analysis_ && lane.source.valid() && lane.source.value < analysis_->sources.size())
            records = analysis_->source(lane.source).records;
        const QString info =
            b.count ? tr("%1 · %2 · peak %3/%4")
                          .arg(toQString(formatName(lane.format)).toUpper(), formatCount(records), formatCount(peak),
                               formatBucketWidth(b.width))
                    : QStringLiteral("%1 · %2").arg(toQString(formatName(lane.format)).toUpper(), formatCount(records));
        p.drawText(QRect(10, y + fm.height() + 2, l.gutter - 14, l.laneHeight - fm.height() - 4),
                   Qt::AlignLeft | Qt::AlignTop, QFontMetrics(small).elidedText(info, Qt::ElideRight, l.gutter - 14));
        p.setFont(font());

        if (b.count == 0)
            continue;
        const double barTop = y + 4, barHeight = l.laneHeight - 8;
        p.save();
        p.setClipRect(QRect(l.gutter, y, l.right - l.gutter, l.laneHeight));
        for (std::size_t k = 0; k < lane.events.size() && k < b.count; ++k) {
            const std::uint32_t events = lane.events[k];
            if (!events)
                continue;
            const TimeUs t0 = b.start + static_cast<TimeUs>(k) * b.width;
            double x0 = w.toX(t0), x1 = w.toX(t0 + b.width);
            if (x1 < l.gutter || x0 > l.right)
                continue;
            if (x1 - x0 > 3)
                x1 -= 1; // a hairline gap between wide bars
            x1 = std::max(x1, x0 + 1);
            const double h = std::max(1.0, barHeight * events / peak);
            p.fillRect(QRectF(x0, barTop + barHeight - h, x1 - x0, h), withAlpha(colour, 190));
            const std::uint32_t errors = k < lane.errors.size() ? lane.errors[k] : 0;
            if (errors) {
                const double he = std::max(1.0, barHeight * errors / peak);
                p.fillRect(QRectF(x0, barTop + barHeight - he, x1 - x0, he), errorColor(pal));
            }
        }
        p.restore();
    }
}

void TimelineView::paintConnections(QPainter &p, const Layout &l, const TimeWindow &w)
{
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(QRect(8, l.connHeaderTop, l.right - 16, fm.height() + 4), Qt::AlignLeft | Qt::AlignVCenter,
               connOrder_.empty()
                   ? tr("Connections: none captured")
                   : tr("Connections (%1) — click one to follow it").arg(formatCount(connOrder_.size())));
    p.setFont(font());
    if (!analysis_ || connOrder_.empty())
        return;
    const auto &conns = analysis_->connections;
    const auto &txs = analysis_->transactions;
    const int first = scroll_->value();
    const int rows = (height() - l.connTop) / std::max(1, l.connRowHeight) + 1;
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
    const QFontMetrics sfm(small);
    for (int r = 0; r < rows && first + r < static_cast<int>(connOrder_.size()); ++r) {
        const Connection &c = conns[connOrder_[static_cast<std::size_t>(first + r)]];
        const int y = l.connTop + r * l.connRowHeight;
        if (c.id == highlightedConnection_)
            p.fillRect(QRect(0, y, l.right, l.connRowHeight), withAlpha(pal.color(QPalette::Highlight), 70));
        p.setFont(small);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(10, y, l.gutter - 14, l.connRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   sfm.elidedText(QString::fromStdString(c.key()), Qt::ElideMiddle, l.gutter - 14));
        p.setFont(font());
        if (c.firstTime == kNoTime)
            continue;
        p.save();
        p.setClipRect(QRect(l.gutter, y, l.right - l.gutter, l.connRowHeight));
        const double x0 = w.toX(c.firstTime);
        const double x1 = std::max(x0 + 2, w.toX(c.lastTime != kNoTime ? c.lastTime : c.firstTime));
        QColor colour = c.protocol == AppProtocol::Http ? laneColor(FormatId::Pcap, pal) : mutedTextColor(pal);
        p.fillRect(QRectF(x0, y + 4, x1 - x0, l.connRowHeight - 8), withAlpha(colour, 150));
        // Requests as ticks when there is room for them.
        if (c.transactionCount && (x1 - x0) / c.transactionCount >= 3) {
            p.setPen(pal.color(QPalette::Text));
            for (std::uint32_t i = 0; i < c.transactionCount && i < 2000; ++i) {
                const std::size_t ti = std::size_t{c.firstTransaction} + i;
                if (ti >= txs.size() || txs[ti].requestTime == kNoTime)
                    continue;
                const double x = w.toX(txs[ti].requestTime);
                p.drawLine(QPointF(x, y + 3), QPointF(x, y + l.connRowHeight - 3));
                if (txs[ti].hasStrayInterim()) {
                    p.fillRect(QRectF(x - 2, y + 2, 4, l.connRowHeight - 4), errorColor(pal));
                }
            }
        }
        if (c.reset.kind == ConnectionEnd::Kind::Rst && c.reset.time != kNoTime) {
            const double x = w.toX(c.reset.time);
            p.fillRect(QRectF(x - 1.5, y + 1, 3, l.connRowHeight - 2), errorColor(pal));
        }
        p.restore();
    }
}

int TimelineView::connectionRowAt(int y) const
{
    if (!showConnections_)
        return -1;
    const Layout l = layout();
    if (y < l.connTop)
        return -1;
    const int row = scroll_->value() + (y - l.connTop) / std::max(1, l.connRowHeight);
    return row < static_cast<int>(connOrder_.size()) ? row : -1;
}

int TimelineView::findingAt(const QPoint &pos) const
{
    const Layout l = layout();
    if (pos.y() < l.findingsTop || pos.y() >= l.findingsTop + l.findingsHeight || pos.x() < l.gutter)
        return -1;
    const TimeWindow w = window();
    // Most severe first: that is what is drawn on top.
    int best = -1;
    Severity bestSeverity = Severity::Info;
    for (const auto &m : marks_) {
        if (m.first == kNoTime)
            continue;
        double x0 = w.toX(m.first), x1 = w.toX(m.last != kNoTime ? m.last : m.first);
        if (x1 - x0 < 8) {
            const double c = (x0 + x1) / 2;
            x0 = c - 4;
            x1 = c + 4;
        }
        if (pos.x() >= x0 - 1 && pos.x() <= x1 + 1 && (best < 0 || m.severity > bestSeverity)) {
            best = static_cast<int>(m.finding);
            bestSeverity = m.severity;
        }
    }
    return best;
}

int TimelineView::laneAt(int y) const
{
    const Layout l = layout();
    if (y < l.lanesTop)
        return -1;
    const int lane = (y - l.lanesTop) / std::max(1, l.laneHeight);
    return lane < static_cast<int>(activity_.lanes.size()) ? lane : -1;
}

QString TimelineView::tooltipAt(const QPoint &pos) const
{
    if (!analysis_ || !hasData())
        return {};
    if (const int f = findingAt(pos); f >= 0 && static_cast<std::size_t>(f) < analysis_->findings.size()) {
        const Finding &finding = analysis_->findings[static_cast<std::size_t>(f)];
        return tr("<b>%1</b><br>%2 · %3 occurrence(s)<br>%4 – %5")
            .arg(htmlEscape(finding.title), severityLabel(finding.severity), formatCount(finding.count),
                 formatTime(finding.first), formatTime(finding.last));
    }
    const Layout l = layout();
    const TimeWindow w = window();
    if (const int row = connectionRowAt(pos.y()); row >= 0) {
        const Connection &c = analysis_->connections[connOrder_[static_cast<std::size_t>(row)]];
        return tr("<b>%1</b><br>%2 – %3<br>%4 request(s), %5")
            .arg(htmlEscape(c.key()), formatTime(c.firstTime), formatTime(c.lastTime))
            .arg(c.transactionCount)
            .arg(htmlEscape(toQString(protocolName(c.protocol))));
    }
    const int lane = laneAt(pos.y());
    if (lane < 0 || pos.x() < l.gutter || activity_.buckets.count == 0)
        return {};
    const auto &b = activity_.buckets;
    const TimeUs t = w.toTime(pos.x());
    if (t < b.start)
        return {};
    const std::size_t k = static_cast<std::size_t>((t - b.start) / b.width);
    const auto &ln = activity_.lanes[static_cast<std::size_t>(lane)];
    if (k >= ln.events.size())
        return {};
    const TimeUs t0 = b.start + static_cast<TimeUs>(k) * b.width;
    return tr("<b>%1</b><br>%2 – %3<br>%4 event(s), %5 error(s)")
        .arg(htmlEscape(ln.label), formatTime(t0), formatTime(t0 + b.width), formatCount(ln.events[k]),
             formatCount(k < ln.errors.size() ? ln.errors[k] : 0));
}

bool TimelineView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    if (!hasData()) {
        event->ignore();
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    const QPoint pos = event->position().toPoint();
    if (showConnections_ && connectionRowAt(pos.y()) >= 0 && !(event->modifiers() & Qt::ControlModifier)) {
        scroll_->setValue(scroll_->value() - static_cast<int>(std::lround(steps * 3)));
        event->accept();
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier) {
        const double horizontal = event->angleDelta().x() != 0 ? event->angleDelta().x() / 120.0 : steps;
        panWindow(viewFrom_, viewTo_, static_cast<TimeUs>(-horizontal * 0.1 * static_cast<double>(viewTo_ - viewFrom_)),
                  fullFrom_, fullTo_);
    } else {
        const Layout l = layout();
        const TimeUs anchor = pos.x() >= l.gutter ? window().toTime(pos.x()) : (viewFrom_ + viewTo_) / 2;
        zoomWindow(viewFrom_, viewTo_, anchor, std::pow(0.8, steps), kMinSpan, fullFrom_, fullTo_);
    }
    viewMoved();
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (!hasData())
        return;
    setFocus(Qt::MouseFocusReason);
    const Layout l = layout();
    pressPos_ = event->position().toPoint();
    pressFrom_ = viewFrom_;
    pressTo_ = viewTo_;
    pressTime_ = window().toTime(pressPos_.x());
    dragged_ = false;
    if (event->button() == Qt::LeftButton && pressPos_.y() >= l.axisTop + l.axisHeight && pressPos_.x() >= l.gutter)
        drag_ = Drag::Select;
    else if (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton ||
             event->button() == Qt::LeftButton)
        drag_ = Drag::Pan;
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (drag_ == Drag::None)
        return;
    const QPoint pos = event->position().toPoint();
    if ((pos - pressPos_).manhattanLength() > 3)
        dragged_ = true;
    if (!dragged_)
        return;
    if (drag_ == Drag::Select) {
        const TimeUs t = window().toTime(pos.x());
        selection_ = std::make_pair(std::min(t, pressTime_), std::max(t, pressTime_));
        update();
    } else {
        const TimeWindow w{pressFrom_, pressTo_, window().left, window().width};
        const auto delta = static_cast<TimeUs>((pressPos_.x() - pos.x()) * static_cast<double>(w.span()) / w.width);
        viewFrom_ = pressFrom_;
        viewTo_ = pressTo_;
        panWindow(viewFrom_, viewTo_, delta, fullFrom_, fullTo_);
        viewMoved();
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    const Drag drag = std::exchange(drag_, Drag::None);
    if (drag != Drag::Select || event->button() != Qt::LeftButton)
        return;
    if (dragged_) {
        if (selection_ && selection_->second > selection_->first)
            Q_EMIT rangeSelected(selection_->first, selection_->second);
        return;
    }
    // A click.
    const QPoint pos = event->position().toPoint();
    if (const int f = findingAt(pos); f >= 0) {
        highlightedFinding_ = f;
        update();
        Q_EMIT findingClicked(f);
        return;
    }
    if (const int row = connectionRowAt(pos.y()); row >= 0) {
        highlightedConnection_ = ConnectionId(connOrder_[static_cast<std::size_t>(row)]);
        update();
        Q_EMIT connectionClicked(highlightedConnection_);
        return;
    }
    const auto &b = activity_.buckets;
    const TimeUs t = window().toTime(pos.x());
    if (laneAt(pos.y()) >= 0 && b.count && t >= b.start && t < b.start + static_cast<TimeUs>(b.count) * b.width) {
        const TimeUs t0 = b.start + (t - b.start) / b.width * b.width;
        selection_ = std::make_pair(t0, t0 + b.width);
        update();
        Q_EMIT rangeSelected(selection_->first, selection_->second);
        return;
    }
    if (selection_) {
        selection_.reset();
        update();
        Q_EMIT rangeCleared();
    }
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (!hasData())
        return;
    if (selection_) {
        zoomToSelection();
        return;
    }
    const TimeUs anchor = window().toTime(event->position().x());
    zoomWindow(viewFrom_, viewTo_, anchor, 0.5, kMinSpan, fullFrom_, fullTo_);
    viewMoved();
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    const TimeUs span = viewTo_ - viewFrom_;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomIn(); break;
    case Qt::Key_Minus: zoomOut(); break;
    case Qt::Key_Left:
        panWindow(viewFrom_, viewTo_, -span / 10, fullFrom_, fullTo_);
        viewMoved();
        break;
    case Qt::Key_Right:
        panWindow(viewFrom_, viewTo_, span / 10, fullFrom_, fullTo_);
        viewMoved();
        break;
    case Qt::Key_Home:
    case Qt::Key_0: zoomFit(); break;
    case Qt::Key_Return:
    case Qt::Key_Enter: zoomToSelection(); break;
    case Qt::Key_PageDown: scroll_->setValue(scroll_->value() + scroll_->pageStep()); break;
    case Qt::Key_PageUp: scroll_->setValue(scroll_->value() - scroll_->pageStep()); break;
    case Qt::Key_Escape:
        if (selection_) {
            selection_.reset();
            update();
            Q_EMIT rangeCleared();
        } else {
            event->ignore();
        }
        break;
    default: QWidget::keyPressEvent(event); return;
    }
}

} // namespace hs::ui
