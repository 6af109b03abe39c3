// SPDX-License-Identifier: MIT
// Renders the main window on a bundle and saves PNGs for review and as CI artifacts:
//   start-page.png, main-window.png (findings, timeline, first table), charts.png,
//   transaction.png (an HTTP exchange with its 1xx), sources.png.
// Usage: hs_ui_screenshot --output-dir DIR [--width W --height H] PATH...
#include "charts/charts_panel.h"
#include "findings/findings_panel.h"
#include "httpsleuth/version.h"
#include "sources/sources_panel.h"
#include "tables/record_table_model.h"
#include "tables/table_panel.h"
#include "timeline/timeline_view.h"
#include "window/main_window.h"
#include "window/workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <functional>

namespace {

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

void settle(int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

bool save(QWidget &window, const QDir &dir, const QString &name)
{
    settle(300);
    const QString path = dir.filePath(name + QStringLiteral(".png"));
    const bool ok = window.grab().save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("TZ", "UTC");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("HttpSleuthScreenshot"));
    QApplication::setOrganizationName(QStringLiteral("HttpSleuthTests"));
    QApplication::setApplicationVersion(QString::fromLatin1(hs::kVersion));
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("output-dir"), QStringLiteral("Where the PNGs go."), QStringLiteral("dir")});
    parser.addOption(
        {QStringLiteral("width"), QStringLiteral("Window width."), QStringLiteral("px"), QStringLiteral("1500")});
    parser.addOption(
        {QStringLiteral("height"), QStringLiteral("Window height."), QStringLiteral("px"), QStringLiteral("940")});
    parser.addPositionalArgument(QStringLiteral("paths"), QStringLiteral("Bundle to open."));
    parser.process(app);
    const QDir dir(parser.value(QStringLiteral("output-dir")));
    if (parser.value(QStringLiteral("output-dir")).isEmpty() || parser.positionalArguments().isEmpty()) {
        parser.showHelp(2);
    }
    QDir().mkpath(dir.path());

    hs::ui::MainWindow window;
    window.resize(parser.value(QStringLiteral("width")).toInt(), parser.value(QStringLiteral("height")).toInt());
    window.show();
    bool ok = save(window, dir, QStringLiteral("start-page"));

    bool shown = false;
    QObject::connect(&window, &hs::ui::MainWindow::analysisShown, [&] { shown = true; });
    window.openPaths(parser.positionalArguments());
    if (!waitUntil([&] { return shown; }, 240000)) {
        std::fprintf(stderr, "the bundle did not load in time\n");
        return 1;
    }
    hs::ui::Workspace &ws = *window.workspace();
    waitUntil([&] { return !ws.timeline()->isRebucketing() && !ws.charts()->isUpdating(); }, 60000);
    ok &= save(window, dir, QStringLiteral("main-window"));

    ws.tabs()->setCurrentWidget(ws.charts());
    waitUntil([&] { return !ws.charts()->isUpdating(); }, 60000);
    ok &= save(window, dir, QStringLiteral("charts"));

    // The first transaction that had an interim response, else the first one.
    hs::ui::TablePanel *txs = ws.transactionsPanel();
    ws.tabs()->setCurrentWidget(txs);
    int row = 0;
    const auto &analysis = *ws.analysis();
    for (int r = 0; r < txs->model()->rowCount(); ++r)
        if (!analysis.transactions[txs->model()->physicalRow(r)].interims.empty()) {
            row = r;
            break;
        }
    if (txs->model()->rowCount() > 0)
        txs->view()->setCurrentIndex(txs->model()->index(row, 0));
    ws.timeline()->setConnectionsShown(true);
    ok &= save(window, dir, QStringLiteral("transaction"));
    ws.timeline()->setConnectionsShown(false);

    ws.tabs()->setCurrentWidget(ws.sources());
    ok &= save(window, dir, QStringLiteral("sources"));
    return ok ? 0 : 1;
}
