// SPDX-License-Identifier: MIT
#include "charts/charts_panel.h"

#include "common/jobs.h"
#include "common/text.h"
#include "common/theme.h"
#include "filter/filter_query.h"
#include "timeline/time_axis.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QEvent>
#include <QGridLayout>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QScrollArea>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace hs::ui {
namespace {

constexpr std::size_t kTimeBuckets = 72;
constexpr std::size_t kMaxTimeSets = 7; // busiest sources get a set each; the rest are "other"

QString sourceFilter(const Analysis &analysis, SourceId id)
{
    if (!id.valid() || id.value >= analysis.sources.size())
        return {};
    return QStringLiteral("source:") + quoteFilterValue(analysis.source(id).path);
}

// Category labels must be unique: "httperr1.log" can exist in two folders.
QStringList uniqueLabels(const QStringList &labels)
{
    QStringList out;
    for (const QString &l : labels) {
        QString label = l.size() > 36 ? QStringLiteral("…") + l.right(35) : l;
        QString candidate = label;
        for (int n = 2; out.contains(candidate); ++n)
            candidate = QStringLiteral("%1 (%2)").arg(label).arg(n);
        out << candidate;
    }
    return out;
}

QColor statusClassColour(int cls, const QPalette &pal)
{
    switch (cls) {
    case 1: return seriesColor(4, pal);
    case 2: return seriesColor(2, pal);
    case 3: return seriesColor(0, pal);
    case 4: return warningColor(pal);
    case 5: return errorColor(pal);
    default: return seriesColor(6, pal);
    }
}

void replaceChart(QChartView *view, QChart *chart)
{
    QChart *old = view->chart();
    view->setChart(chart);
    delete old; // setChart() releases the old chart without deleting it
}

// X axis for bucket bars: bar i sits at x = i, so bucket boundaries are at i - 0.5. Labels are UTC
// times at round instants (every 10 min, every hour …), like the timeline's axis.
QCategoryAxis *timeAxis(const stats::TimeBuckets &b, int widthPx)
{
    auto *axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setRange(-0.5, std::max<double>(0.5, static_cast<double>(b.count) - 0.5));
    axis->setGridLineVisible(false);
    if (b.count == 0)
        return axis;
    const TimeUs span = b.width * static_cast<TimeUs>(b.count);
    const TimeWindow window{b.start, b.start + span, 0, static_cast<double>(std::max(200, widthPx))};
    for (const TimeUs t : axisTicks(window, 90)) {
        const double x = static_cast<double>(t - b.start) / static_cast<double>(b.width) - 0.5;
        if (x > -0.5 && x < static_cast<double>(b.count) - 0.5)
            axis->append(formatAxisTime(t, span), x);
    }
    return axis;
}

// Counts: integer ticks at 1, 2 or 5 × 10^k.
QValueAxis *countAxis(double max)
{
    auto *axis = new QValueAxis;
    double step = 1;
    while (max / step > 5)
        step *= (QString::number(step).startsWith(QLatin1Char('2')) ? 2.5 : 2);
    const double top = std::max(step, std::ceil(max / step) * step);
    axis->setRange(0, top);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setLabelFormat(QStringLiteral("%.0f"));
    return axis;
}

double stackedMax(const std::vector<QBarSet *> &sets)
{
    double max = 0;
    if (sets.empty())
        return max;
    for (int i = 0; i < sets.front()->count(); ++i) {
        double sum = 0;
        for (const QBarSet *s : sets)
            sum += s->at(i);
        max = std::max(max, sum);
    }
    return max;
}

} // namespace

TableKind tableFor(FormatId format)
{
    switch (format) {
    case FormatId::HttpErr: return TableKind::HttpErr;
    case FormatId::Pcap:
    case FormatId::Pcapng:
    case FormatId::Har:
    case FormatId::Saz: return TableKind::Transactions;
    default: return TableKind::Access;
    }
}

ChartsPanel::ChartsPanel(QWidget *parent) : QWidget(parent)
{
    setAccessibleName(tr("Charts"));
    auto *content = new QWidget;
    auto *grid = new QGridLayout(content);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->setSpacing(6);
    const QString names[] = {tr("Requests over time"), tr("Errors over time"), tr("HTTPERR reasons over time"),
                             tr("Status classes by source"), tr("Time taken percentiles by source")};
    for (int i = 0; i < 5; ++i) {
        auto *view = new QChartView;
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(230);
        view->setAccessibleName(names[i]);
        view->setToolTip(tr("Click a bar to show its rows in the tables."));
        views_.push_back(view);
    }
    grid->addWidget(views_[0], 0, 0);
    grid->addWidget(views_[1], 0, 1);
    grid->addWidget(views_[2], 1, 0);
    grid->addWidget(views_[3], 1, 1);
    grid->addWidget(views_[4], 2, 0, 1, 2);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    setAnalysis(nullptr);
}

ChartsPanel::~ChartsPanel() = default;

void ChartsPanel::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    analysis_ = std::move(analysis);
    activity_ = {};
    reasons_ = {};
    totals_ = {};
    from_ = to_ = kNoTime;
    ++totalsGeneration_;
    ++timeGeneration_;
    pendingJobs_ = 0;
    rebuildTimeCharts();
    rebuildTotals();
    if (!analysis_)
        return;
    const std::uint64_t generation = totalsGeneration_;
    auto a = analysis_;
    ++pendingJobs_;
    runJob(
        this,
        [a] {
            return Totals{stats::statusClasses(*a), stats::durationPercentiles(*a)};
        },
        [this, generation](Totals totals) {
            if (generation != totalsGeneration_)
                return; // another analysis replaced this one (and reset the job count)
            totals_ = std::move(totals);
            rebuildTotals();
            jobDone();
        });
    setTimeRange(kNoTime, kNoTime);
}

void ChartsPanel::setTimeRange(TimeUs from, TimeUs to)
{
    if (!analysis_)
        return;
    from_ = from;
    to_ = to;
    const std::uint64_t generation = ++timeGeneration_;
    const std::uint64_t analysisGeneration = totalsGeneration_;
    auto a = analysis_;
    ++pendingJobs_;
    runJob(
        this,
        [a, from, to] {
            return TimeCharts{stats::activity(*a, from, to, kTimeBuckets),
                              stats::httpErrReasonsOverTime(*a, from, to, kTimeBuckets, 8)};
        },
        [this, generation, analysisGeneration](TimeCharts charts) {
            if (analysisGeneration != totalsGeneration_)
                return;
            if (generation == timeGeneration_) {
                activity_ = std::move(charts.activity);
                reasons_ = std::move(charts.reasons);
                rebuildTimeCharts();
            }
            jobDone();
        });
}

void ChartsPanel::jobDone()
{
    pendingJobs_ = std::max(0, pendingJobs_ - 1);
    if (pendingJobs_ == 0)
        Q_EMIT updated();
}

void ChartsPanel::applyTheme(QChart *chart)
{
    const QPalette pal = palette();
    chart->setTheme(isDark(pal) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setBackgroundRoundness(0);
    chart->setTitleBrush(pal.color(QPalette::Text));
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    QFont title = font();
    title.setBold(true);
    chart->setTitleFont(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
    chart->legend()->setFont(small);
}

void ChartsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        rebuildTimeCharts();
        rebuildTotals();
    }
}

void ChartsPanel::rebuildTimeCharts()
{
    const QPalette pal = palette();
    const auto &b = activity_.buckets;
    const QString per = b.count ? formatBucketWidth(b.width) : QString();

    // Busiest lanes first; the rest folded into "other".
    std::vector<std::size_t> order(activity_.lanes.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::vector<std::uint64_t> totals(order.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        totals[i] =
            std::accumulate(activity_.lanes[i].events.begin(), activity_.lanes[i].events.end(), std::uint64_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return totals[x] > totals[y]; });
    const std::size_t own = order.size() > kMaxTimeSets + 1 ? kMaxTimeSets : order.size();
    activityLanes_.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(own));

    for (int which = 0; which < 2; ++which) {
        const bool errors = which == 1;
        auto *chart = new QChart;
        applyTheme(chart);
        auto *series = new QStackedBarSeries;
        series->setBarWidth(0.9);
        std::vector<QBarSet *> sets;
        for (std::size_t k = 0; k < activityLanes_.size(); ++k) {
            const auto &lane = activity_.lanes[activityLanes_[k]];
            auto *set = new QBarSet(toQString(lane.label));
            set->setColor(seriesColor(static_cast<int>(k), pal));
            set->setBorderColor(Qt::transparent);
            const auto &values = errors ? lane.errors : lane.events;
            for (std::size_t i = 0; i < b.count; ++i)
                set->append(i < values.size() ? values[i] : 0);
            sets.push_back(set);
        }
        if (order.size() > own) {
            auto *set = new QBarSet(tr("other sources"));
            set->setColor(seriesColor(6, pal));
            set->setBorderColor(Qt::transparent);
            for (std::size_t i = 0; i < b.count; ++i) {
                double sum = 0;
                for (std::size_t k = own; k < order.size(); ++k) {
                    const auto &values = errors ? activity_.lanes[order[k]].errors : activity_.lanes[order[k]].events;
                    sum += i < values.size() ? values[i] : 0;
                }
                set->append(sum);
            }
            sets.push_back(set);
        }
        for (std::size_t s = 0; s < sets.size(); ++s) {
            series->append(sets[s]);
            connect(sets[s], &QBarSet::clicked, this, [this, s, errors](int index) {
                Q_EMIT filterRequested(requestsClick(static_cast<int>(s), index, errors));
            });
            connect(sets[s], &QBarSet::hovered, this, [set = sets[s], b](bool on, int index) {
                if (!on) {
                    QToolTip::hideText();
                    return;
                }
                const TimeUs t0 = b.start + static_cast<TimeUs>(index) * b.width;
                QToolTip::showText(QCursor::pos(), QStringLiteral("%1\n%2 – %3: %4")
                                                       .arg(set->label(), formatTime(t0), formatTime(t0 + b.width),
                                                            formatCount(static_cast<std::uint64_t>(set->at(index)))));
            });
        }
        const double max = stackedMax(sets);
        chart->addSeries(series);
        auto *x = timeAxis(b, views_[static_cast<std::size_t>(which)]->width());
        auto *y = countAxis(max);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
        const bool any = max > 0;
        chart->setTitle(errors ? (any ? tr("Errors per %1 by source").arg(per) : tr("Errors — none in this range"))
                               : (any ? tr("Requests and log lines per %1 by source").arg(per)
                                      : tr("Requests — none in this range")));
        chart->legend()->setVisible(sets.size() > 1);
        replaceChart(views_[static_cast<std::size_t>(which)], chart);
    }

    // HTTPERR reasons, stacked.
    auto *chart = new QChart;
    applyTheme(chart);
    auto *series = new QStackedBarSeries;
    series->setBarWidth(0.9);
    std::vector<QBarSet *> sets;
    const auto &rb = reasons_.buckets;
    for (std::size_t k = 0; k < reasons_.keys.size(); ++k) {
        auto *set = new QBarSet(toQString(reasons_.keys[k]));
        set->setColor(seriesColor(static_cast<int>(k), pal));
        set->setBorderColor(Qt::transparent);
        for (std::size_t i = 0; i < rb.count; ++i)
            set->append(k < reasons_.counts.size() && i < reasons_.counts[k].size() ? reasons_.counts[k][i] : 0);
        sets.push_back(set);
        series->append(set);
        connect(set, &QBarSet::clicked, this,
                [this, k](int index) { Q_EMIT filterRequested(reasonsClick(static_cast<int>(k), index)); });
        connect(set, &QBarSet::hovered, this, [set, rb](bool on, int index) {
            if (!on) {
                QToolTip::hideText();
                return;
            }
            const TimeUs t0 = rb.start + static_cast<TimeUs>(index) * rb.width;
            QToolTip::showText(QCursor::pos(), QStringLiteral("%1\n%2 – %3: %4")
                                                   .arg(set->label(), formatTime(t0), formatTime(t0 + rb.width),
                                                        formatCount(static_cast<std::uint64_t>(set->at(index)))));
        });
    }
    const double max = stackedMax(sets);
    chart->addSeries(series);
    auto *x = timeAxis(rb, views_[2]->width());
    auto *y = countAxis(max);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    chart->setTitle(max > 0 ? tr("HTTPERR reasons per %1").arg(formatBucketWidth(rb.width))
                            : tr("HTTPERR reasons — none in this range"));
    replaceChart(views_[2], chart);
}

void ChartsPanel::rebuildTotals()
{
    const QPalette pal = palette();
    // Status classes per source, horizontal stacked bars.
    {
        auto *chart = new QChart;
        applyTheme(chart);
        auto *series = new QHorizontalStackedBarSeries;
        QStringList labels;
        for (const auto &s : totals_.status)
            labels << toQString(s.label);
        static const std::array<int, 6> kOrder = {2, 3, 1, 4, 5, 0};
        double max = 0;
        for (const auto &s : totals_.status)
            max =
                std::max(max, static_cast<double>(std::accumulate(s.counts.begin(), s.counts.end(), std::uint64_t{0})));
        for (const int cls : kOrder) {
            auto *set = new QBarSet(cls ? QStringLiteral("%1xx").arg(cls) : tr("no status"));
            set->setColor(statusClassColour(cls, pal));
            set->setBorderColor(Qt::transparent);
            for (const auto &s : totals_.status)
                set->append(static_cast<double>(s.counts[static_cast<std::size_t>(cls)]));
            series->append(set);
            connect(set, &QBarSet::clicked, this,
                    [this, cls](int index) { Q_EMIT filterRequested(statusClick(cls, index)); });
            connect(set, &QBarSet::hovered, this, [set, labels](bool on, int index) {
                if (on)
                    QToolTip::showText(QCursor::pos(),
                                       QStringLiteral("%1 — %2: %3")
                                           .arg(labels.value(index), set->label(),
                                                formatCount(static_cast<std::uint64_t>(set->at(index)))));
                else
                    QToolTip::hideText();
            });
        }
        chart->addSeries(series);
        auto *y = new QBarCategoryAxis;
        y->append(uniqueLabels(labels));
        auto *x = countAxis(max);
        chart->addAxis(y, Qt::AlignLeft);
        chart->addAxis(x, Qt::AlignBottom);
        series->attachAxis(y);
        series->attachAxis(x);
        chart->setTitle(totals_.status.empty() ? tr("Status classes — no statuses") : tr("Status classes by source"));
        replaceChart(views_[3], chart);
    }
    // Time-taken percentiles, grouped horizontal bars.
    {
        auto *chart = new QChart;
        applyTheme(chart);
        auto *series = new QHorizontalBarSeries;
        QStringList labels;
        for (const auto &p : totals_.percentiles)
            labels << toQString(p.label);
        const QString names[] = {QStringLiteral("p50"), QStringLiteral("p90"), QStringLiteral("p95"),
                                 QStringLiteral("p99")};
        double max = 0;
        for (int k = 0; k < 4; ++k) {
            auto *set = new QBarSet(names[k]);
            set->setColor(seriesColor(k == 3 ? 5 : k, pal));
            set->setBorderColor(Qt::transparent);
            for (const auto &p : totals_.percentiles) {
                const double v = k == 0 ? p.p50 : k == 1 ? p.p90 : k == 2 ? p.p95 : p.p99;
                set->append(v);
                max = std::max(max, v);
            }
            series->append(set);
            connect(set, &QBarSet::clicked, this,
                    [this, k](int index) { Q_EMIT filterRequested(percentileClick(k, index)); });
            connect(set, &QBarSet::hovered, this, [set, labels](bool on, int index) {
                if (on)
                    QToolTip::showText(QCursor::pos(), QStringLiteral("%1 — %2: %3 ms")
                                                           .arg(labels.value(index), set->label())
                                                           .arg(set->at(index), 0, 'f', 0));
                else
                    QToolTip::hideText();
            });
        }
        // A 30 s outlier flattens the others: print each bar's value so small ones stay readable.
        series->setLabelsVisible(true);
        series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
        series->setLabelsFormat(QStringLiteral("@value"));
        series->setLabelsPrecision(6);
        chart->addSeries(series);
        auto *y = new QBarCategoryAxis;
        y->append(uniqueLabels(labels));
        auto *x = countAxis(max * 1.12);
        x->setTitleText(tr("milliseconds"));
        chart->addAxis(y, Qt::AlignLeft);
        chart->addAxis(x, Qt::AlignBottom);
        series->attachAxis(y);
        series->attachAxis(x);
        chart->setTitle(totals_.percentiles.empty() ? tr("Time taken — no durations logged")
                                                    : tr("Time taken percentiles by source (ms)"));
        replaceChart(views_[4], chart);
    }
}

ChartFilter ChartsPanel::requestsClick(int set, int bucket, bool errorsOnly) const
{
    ChartFilter f;
    const auto &b = activity_.buckets;
    if (bucket >= 0 && static_cast<std::size_t>(bucket) < b.count) {
        f.from = b.start + static_cast<TimeUs>(bucket) * b.width;
        f.to = f.from + b.width;
    }
    QStringList terms;
    if (set >= 0 && static_cast<std::size_t>(set) < activityLanes_.size() && analysis_) {
        const auto &lane = activity_.lanes[activityLanes_[static_cast<std::size_t>(set)]];
        f.table = tableFor(lane.format);
        terms << sourceFilter(*analysis_, lane.source);
    }
    if (errorsOnly && f.table != TableKind::HttpErr)
        terms << QStringLiteral("error:yes");
    f.filterText = terms.join(QLatin1Char(' '));
    return f;
}

ChartFilter ChartsPanel::reasonsClick(int set, int bucket) const
{
    ChartFilter f;
    f.table = TableKind::HttpErr;
    const auto &b = reasons_.buckets;
    if (bucket >= 0 && static_cast<std::size_t>(bucket) < b.count) {
        f.from = b.start + static_cast<TimeUs>(bucket) * b.width;
        f.to = f.from + b.width;
    }
    if (set < 0 || static_cast<std::size_t>(set) >= reasons_.keys.size())
        return f;
    const std::string &key = reasons_.keys[static_cast<std::size_t>(set)];
    const bool other = static_cast<std::size_t>(set) == reasons_.keys.size() - 1 && key == "other";
    if (!other) {
        f.filterText = QStringLiteral("reason:") + quoteFilterValue(key);
        return f;
    }
    QStringList terms;
    for (std::size_t k = 0; k + 1 < reasons_.keys.size(); ++k)
        terms << QStringLiteral("-reason:") + quoteFilterValue(reasons_.keys[k]);
    f.filterText = terms.join(QLatin1Char(' '));
    return f;
}

ChartFilter ChartsPanel::statusClick(int cls, int sourceRow) const
{
    ChartFilter f;
    if (!analysis_ || sourceRow < 0 || static_cast<std::size_t>(sourceRow) >= totals_.status.size())
        return f;
    const auto &s = totals_.status[static_cast<std::size_t>(sourceRow)];
    if (s.source.valid() && s.source.value < analysis_->sources.size())
        f.table = tableFor(analysis_->source(s.source).format);
    f.filterText = sourceFilter(*analysis_, s.source) +
                   (cls ? QStringLiteral(" status:%1..").arg(cls) : QStringLiteral(" status:-"));
    return f;
}

ChartFilter ChartsPanel::percentileClick(int set, int sourceRow) const
{
    ChartFilter f;
    if (!analysis_ || sourceRow < 0 || static_cast<std::size_t>(sourceRow) >= totals_.percentiles.size())
        return f;
    const auto &p = totals_.percentiles[static_cast<std::size_t>(sourceRow)];
    if (p.source.valid() && p.source.value < analysis_->sources.size())
        f.table = tableFor(analysis_->source(p.source).format);
    const double v = set == 0 ? p.p50 : set == 1 ? p.p90 : set == 2 ? p.p95 : p.p99;
    f.filterText = sourceFilter(*analysis_, p.source) + QStringLiteral(" time-taken:>=%1").arg(static_cast<qint64>(v));
    return f;
}

} // namespace hs::ui
