// SPDX-License-Identifier: MIT
// UI responsiveness benchmark (issue 6: "no stall over 100 ms while loading a 1 GB bundle").
//
// A 5 ms precise QTimer on the UI thread records how late each tick arrives; the lateness is the
// time the event loop was blocked. The window then goes through what an operator does with a big
// bundle — load it, let the timeline and charts fill, sort and filter the big table, scroll, zoom
// the timeline, jump to a row, close the bundle — and each phase reports its duration and its
// worst stall.
//
// With HS_STALL_STACKS=1 a watchdog thread interrupts the UI thread whenever it has been blocked
// for 60 ms and prints its stack (raw frames; resolve with addr2line or gdb), so a stall can be
// traced to its cause instead of guessed at.
//
// Usage: bench_ui_stall PATH...      (run it under xvfb-run for a real X server; see bench_ui.sh)
#include "charts/charts_panel.h"
#include "tables/access_table.h"
#include "tables/filter_bar.h"
#include "tables/record_table_model.h"
#include "tables/table_panel.h"
#include "timeline/timeline_view.h"
#include "window/main_window.h"
#include "window/workspace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#if defined(__linux__) && defined(__GLIBC__)
#define HS_HAVE_STALL_STACKS 1
#include <execinfo.h>
#include <pthread.h>
#include <unistd.h>
#endif

namespace {

// Records the gaps between ticks of a 5 ms timer: gap - 5 ms is how long the loop was blocked.
class StallProbe {
public:
    static constexpr int kIntervalMs = 5;

    StallProbe()
    {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(kIntervalMs);
        QObject::connect(&timer_, &QTimer::timeout, [this] {
            const qint64 now = clock_.nsecsElapsed();
            if (last_ >= 0)
                gapsUs_.push_back((now - last_) / 1000);
            last_ = now;
        });
        clock_.start();
        timer_.start();
    }
    void beginPhase()
    {
        gapsUs_.clear();
        last_ = -1;
    }
    struct Stats {
        double maxStallMs = 0, p99StallMs = 0;
        std::size_t over50 = 0, over100 = 0, ticks = 0;
    };
    Stats stats() const
    {
        Stats s;
        std::vector<qint64> stalls;
        for (const qint64 g : gapsUs_)
            stalls.push_back(std::max<qint64>(0, g - kIntervalMs * 1000));
        s.ticks = stalls.size();
        if (stalls.empty())
            return s;
        std::sort(stalls.begin(), stalls.end());
        s.maxStallMs = static_cast<double>(stalls.back()) / 1000.0;
        s.p99StallMs = static_cast<double>(stalls[stalls.size() * 99 / 100]) / 1000.0;
        for (const qint64 v : stalls) {
            s.over50 += v > 50'000 ? 1 : 0;
            s.over100 += v > 100'000 ? 1 : 0;
        }
        return s;
    }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 last_ = -1;
    std::vector<qint64> gapsUs_;
};

#ifdef HS_HAVE_STALL_STACKS
// Stack sampling of a blocked UI thread (Linux/glibc only; a benchmark tool, not product code).
class StallStacks {
public:
    StallStacks()
    {
        ui_ = pthread_self();
        void *warm[4];
        backtrace(warm, 4); // loads libgcc now: backtrace() must not allocate inside the handler
        struct sigaction sa {};
        sa.sa_handler = &StallStacks::onSignal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGUSR2, &sa, nullptr);
        watchdog_ = std::thread([this] { watch(); });
    }
    ~StallStacks()
    {
        stop_ = true;
        watchdog_.join();
    }
    void beat() { lastBeatNs_.store(nowNs(), std::memory_order_relaxed); }

private:
    static long long nowNs()
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
    static void onSignal(int)
    {
        void *frames[64];
        const int n = backtrace(frames, 64);
        static const char head[] = "---- UI thread blocked, stack:\n";
        [[maybe_unused]] const auto w = write(2, head, sizeof head - 1);
        backtrace_symbols_fd(frames, n, 2);
    }
    void watch()
    {
        long long sampledBeat = -1;
        int samples = 0;
        while (!stop_) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            const long long beat = lastBeatNs_.load(std::memory_order_relaxed);
            if (beat != sampledBeat)
                samples = 0;
            // Sample at 60, 120, 180 ms … of one stall, at most 8 times.
            if (beat > 0 && nowNs() - beat > (samples + 1) * 60'000'000LL && samples < 8) {
                sampledBeat = beat;
                ++samples;
                pthread_kill(ui_, SIGUSR2);
            }
        }
    }
    pthread_t ui_{};
    std::thread watchdog_;
    std::atomic<bool> stop_{false};
    std::atomic<long long> lastBeatNs_{0};
};
#endif

bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 10);
    }
    return true;
}

struct Phase {
    std::string name;
    double seconds = 0;
    StallProbe::Stats stats;
};

} // namespace

int main(int argc, char **argv)
{
    qputenv("TZ", "UTC");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("HttpSleuthBench"));
    QApplication::setApplicationName(QStringLiteral("HttpSleuthBench"));
    const QStringList paths = QApplication::arguments().mid(1);
    if (paths.isEmpty()) {
        std::fprintf(stderr, "usage: bench_ui_stall PATH...\n");
        return 2;
    }

    hs::ui::MainWindow window;
    window.resize(1500, 940);
    window.show();
    StallProbe probe;
#ifdef HS_HAVE_STALL_STACKS
    std::unique_ptr<StallStacks> stacks;
    QTimer heartbeat;
    if (qEnvironmentVariableIntValue("HS_STALL_STACKS") == 1) {
        stacks = std::make_unique<StallStacks>();
        heartbeat.setTimerType(Qt::PreciseTimer);
        heartbeat.setInterval(StallProbe::kIntervalMs);
        QObject::connect(&heartbeat, &QTimer::timeout, [&] { stacks->beat(); });
        heartbeat.start();
    }
#else
    if (qEnvironmentVariableIntValue("HS_STALL_STACKS") == 1)
        std::fprintf(stderr, "HS_STALL_STACKS: stack sampling needs Linux with glibc\n");
#endif
    std::vector<Phase> phases;
    auto phase = [&](const char *name, const std::function<void()> &start, const std::function<bool()> &done) {
        probe.beginPhase();
        QElapsedTimer t;
        t.start();
        start();
        const bool ok = runUntil(done, 30 * 60 * 1000);
        // A few idle ticks so a stall at the very end is counted too.
        const qint64 settle = t.elapsed();
        runUntil([&] { return t.elapsed() > settle + 60; }, 1000);
        phases.push_back(
            {ok ? name : std::string(name) + " (TIMEOUT)", static_cast<double>(settle) / 1000.0, probe.stats()});
        std::fprintf(stderr, "  %-34s %8.2f s\n", phases.back().name.c_str(), phases.back().seconds);
    };

    bool shown = false;
    QObject::connect(&window, &hs::ui::MainWindow::analysisShown, [&] { shown = true; });
    hs::ui::Workspace &ws = *window.workspace();
    hs::ui::TablePanel *access = ws.accessPanel();

    phase(
        "load (read + analyse + show)", [&] { window.openPaths(paths); },
        [&] { return shown && access->model() && !access->model()->isExposing(); });
    phase(
        "timeline + charts aggregates", [] {},
        [&] { return !ws.timeline()->isRebucketing() && !ws.charts()->isUpdating(); });
    std::fprintf(stderr, "  W3C rows: %d\n", access->model() ? access->model()->rowCount() : 0);
    ws.tabs()->setCurrentWidget(access);

    auto tableIdle = [&] { return !access->model()->isBusy(); };
    phase(
        "sort by URI stem (interned)",
        [&] { access->view()->sortByColumn(hs::ui::AccessTable::UriStem, Qt::DescendingOrder); }, tableIdle);
    phase(
        "sort by client IP (address)",
        [&] { access->view()->sortByColumn(hs::ui::AccessTable::ClientIp, Qt::AscendingOrder); }, tableIdle);
    phase(
        "sort by time-taken (number)",
        [&] { access->view()->sortByColumn(hs::ui::AccessTable::TimeTaken, Qt::DescendingOrder); }, tableIdle);
    phase(
        "filter status:5.. (field)", [&] { access->applyFilterText(QStringLiteral("status:5..")); }, tableIdle);
    phase(
        "filter free-text RE2 on raw lines", [&] { access->applyFilterText(QStringLiteral("curl/8\\.[0-9]")); },
        tableIdle);
    phase(
        "clear filter", [&] { access->applyFilterText(QString()); }, tableIdle);
    phase(
        "scroll to end, middle, start",
        [&] {
            QScrollBar *bar = access->view()->verticalScrollBar();
            for (const int v : {bar->maximum(), bar->maximum() / 2, 0}) {
                bar->setValue(v);
                access->view()->viewport()->repaint();
            }
        },
        [] { return true; });
    phase(
        "jump to the last row", [&] { access->revealPhysicalRow(access->model()->physicalRowCount() - 1); },
        [] { return true; });

    hs::ui::TimelineView *tl = ws.timeline();
    phase(
        "timeline: 10 wheel zooms + fit",
        [&] {
            const QPointF pos(tl->width() * 0.6, tl->height() / 2.0);
            for (int i = 0; i < 10; ++i) {
                QWheelEvent wheel(pos, tl->mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                                  Qt::NoScrollPhase, false);
                QApplication::sendEvent(tl, &wheel);
                QCoreApplication::processEvents();
            }
        },
        [&] { return !tl->isRebucketing(); });
    phase(
        "timeline: select 10 min, tables follow",
        [&] {
            const hs::TimeUs mid = (tl->viewFrom() + tl->viewTo()) / 2;
            tl->zoomFit();
            ws.setTimeRange(mid, mid + 10 * hs::kUsPerMinute);
        },
        [&] { return tableIdle() && !tl->isRebucketing() && !ws.charts()->isUpdating(); });
    phase(
        "close bundle (free it)", [&] { ws.setAnalysis(nullptr); }, [] { return true; });

    std::printf("| phase | seconds | max UI stall (ms) | p99 stall (ms) | stalls > 50 ms | stalls > 100 ms |\n");
    std::printf("|---|---:|---:|---:|---:|---:|\n");
    double worst = 0;
    for (const Phase &p : phases) {
        std::printf("| %s | %.2f | %.1f | %.1f | %zu | %zu |\n", p.name.c_str(), p.seconds, p.stats.maxStallMs,
                    p.stats.p99StallMs, p.stats.over50, p.stats.over100);
        worst = std::max(worst, p.stats.maxStallMs);
    }
    std::printf("\nworst UI stall: %.1f ms (platform %s)\n", worst, qPrintable(QGuiApplication::platformName()));
    return 0;
}
