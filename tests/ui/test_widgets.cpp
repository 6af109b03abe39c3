// SPDX-License-Identifier: MIT
// The window under the offscreen platform: drop a folder, wait for it to load, check the panels;
// select a finding and follow its evidence; filter from the timeline and the charts.
#include "charts/charts_panel.h"
#include "detail/detail_pane.h"
#include "findings/findings_model.h"
#include "findings/findings_panel.h"
#include "gui_test_helpers.h"
#include "load/load_controller.h"
#include "load/progress_banner.h"
#include "sources/problems_model.h"
#include "sources/sources_model.h"
#include "sources/sources_panel.h"
#include "support/catch.h"
#include "tables/access_table.h"
#include "tables/filter_bar.h"
#include "tables/httperr_table.h"
#include "tables/record_table_model.h"
#include "tables/table_panel.h"
#include "timeline/timeline_view.h"
#include "window/main_window.h"
#include "window/start_page.h"
#include "window/workspace.h"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QUrl>

using namespace hs;
using namespace hs::ui;

namespace {

bool settled(Workspace &ws)
{
    return !ws.timeline()->isRebucketing() && !ws.charts()->isUpdating();
}

std::shared_ptr<const Analysis> bundleWithFinding()
{
    std::unique_ptr<Analysis> owned = test::analyseBundle();
    owned->findings.clear(); // only the finding built here, so the test controls what is cited
    owned->findings.push_back(test::makeFinding(*owned, 127, 24));
    return std::shared_ptr<const Analysis>(std::move(owned));
}

} // namespace

TEST_CASE("Dropping a folder on the window loads it and fills every panel", "[widgets]")
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    REQUIRE_FALSE(window.showsWorkspace());

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QString::fromStdString(test::uiBundle().string()))});
    QSignalSpy shown(&window, &MainWindow::analysisShown);
    // Delivered to a child of the window, as a real drag would be: it bubbles up to the window.
    QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.startPage(), &enter);
    CHECK(enter.isAccepted());
    QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.startPage(), &drop);
    REQUIRE(test::waitUntil([&] { return shown.count() == 1; }, 60000));

    Workspace &ws = *window.workspace();
    REQUIRE(window.showsWorkspace());
    CHECK(window.windowTitle() == QStringLiteral("bundle — HttpSleuth"));
    INFO(window.statusSummary().toStdString());
    CHECK(window.statusSummary().startsWith(QStringLiteral("4 files · 472 records · ")));
    CHECK_FALSE(window.progressBanner()->isVisible()); // a fast load never flashes the banner
    CHECK(ws.accessPanel()->model()->rowCount() == 420);
    CHECK(ws.httpErrPanel()->model()->rowCount() == 48);
    CHECK(ws.transactionsPanel()->model()->rowCount() == 4);
    CHECK(ws.connectionsPanel()->model()->rowCount() == 3);
    CHECK(ws.tabs()->tabText(ws.tabs()->indexOf(ws.accessPanel())) == QStringLiteral("W3C requests (420)"));
    CHECK(ws.tabs()->tabText(ws.tabs()->indexOf(ws.sources())) == QStringLiteral("Sources (5)"));

    REQUIRE(test::waitUntil([&] { return settled(ws) && ws.timeline()->laneCount() == 4; }));
    // Lanes: one per source with timed events, each with events in its buckets.
    for (const auto &lane : ws.timeline()->activity().lanes) {
        std::uint64_t events = 0;
        for (auto n : lane.events)
            events += n;
        CHECK(events > 0);
    }
    // Charts: every W3C/HTTPERR/capture source has a set in the requests chart.
    auto *series = qobject_cast<QStackedBarSeries *>(ws.charts()->requestsView()->chart()->series().value(0));
    REQUIRE(series);
    CHECK(series->count() == 4);

    // Sources panel: the W3C log's rejected line, with its reason and text.
    ws.tabs()->setCurrentWidget(ws.sources());
    SourcesModel *sources = ws.sources()->sourcesModel();
    int w3c = -1;
    for (int r = 0; r < sources->rowCount(); ++r)
        if (sources->index(r, SourcesModel::Path).data().toString() == QStringLiteral("W3SVC1/u_ex261121.log"))
            w3c = r;
    REQUIRE(w3c >= 0);
    ws.sources()->sourcesView()->setCurrentIndex(sources->index(w3c, 0));
    ProblemsModel *problems = ws.sources()->problemsModel();
    REQUIRE(problems->rowCount() == 1);
    CHECK(problems->index(0, ProblemsModel::Line).data().toString() == QStringLiteral("25"));
    CHECK(ws.sources()->summary()->toPlainText().contains(QStringLiteral("360 records, 1 rejected")));
}

TEST_CASE("Selecting a finding shows its advice and jumps to its evidence", "[widgets]")
{
    Workspace ws;
    ws.resize(1400, 900);
    ws.show();
    auto analysis = bundleWithFinding();
    ws.setAnalysis(analysis);
    REQUIRE(test::waitUntil([&] { return settled(ws); }));

    // The most severe finding is selected on load.
    FindingsPanel *findings = ws.findings();
    REQUIRE(findings->currentFinding() == 0);
    const QString advice = findings->advice()->toPlainText();
    CHECK(advice.contains(QStringLiteral("Requests rejected with 503 (QueueFull)")));
    CHECK(advice.contains(QStringLiteral("What to do")));
    CHECK(advice.indexOf(QStringLiteral("Hotfix")) < advice.indexOf(QStringLiteral("Configuration")));
    CHECK(advice.indexOf(QStringLiteral("Configuration")) < advice.indexOf(QStringLiteral("Workaround")));
    CHECK(advice.contains(QStringLiteral("Requires: Windows Server 2003 SP1")));
    CHECK(advice.contains(QStringLiteral("KB943891")));
    CHECK(findings->advice()->toHtml().contains(QStringLiteral("href=\"https://learn.microsoft.com/")));
    CHECK(findings->evidenceModel()->rowCount() == 2);

    // The first evidence (HTTPERR line 24) is selected in its table.
    const SourceId httperr = test::sourceByPath(*analysis, "httperr1.log");
    CHECK(ws.tabs()->currentWidget() == ws.httpErrPanel());
    CHECK(ws.httpErrPanel()->currentPhysicalRow() == ws.httpErrPanel()->table()->rowForLine(httperr, 24));
    CHECK(ws.httpErrPanel()->detailPane()->toPlainText().contains(QStringLiteral("QueueFull")));
    // The timeline shows the finding's range.
    const Finding &f = analysis->findings[0];
    CHECK(ws.timeline()->viewFrom() <= f.first);
    CHECK(ws.timeline()->viewTo() >= f.last);

    // Enter on the second evidence (W3C line 127) jumps there.
    QTableView *evidence = findings->evidenceView();
    evidence->setFocus();
    evidence->setCurrentIndex(findings->evidenceModel()->index(1, 0));
    QTest::keyClick(evidence, Qt::Key_Return);
    const SourceId w3c = test::sourceByPath(*analysis, "W3SVC1/u_ex261121.log");
    CHECK(ws.tabs()->currentWidget() == ws.accessPanel());
    CHECK(ws.accessPanel()->currentPhysicalRow() == ws.accessPanel()->table()->rowForLine(w3c, 127));
    CHECK(ws.accessPanel()->detailPane()->toPlainText().contains(QStringLiteral("/api/orders")));

    // Evidence hidden by a filter: the filter is cleared, then the row selected.
    REQUIRE(ws.accessPanel()->applyFilterText(QStringLiteral("status:200")));
    Evidence e;
    e.source = w3c;
    e.line = 127;
    ws.jumpToEvidence(e);
    REQUIRE(test::waitUntil([&] { return ws.accessPanel()->currentPhysicalRow().has_value(); }));
    CHECK(ws.accessPanel()->filterBar()->text().isEmpty());
    CHECK(ws.accessPanel()->currentPhysicalRow() == ws.accessPanel()->table()->rowForLine(w3c, 127));
}

TEST_CASE("The detectors' KB898708 finding on the bundle: advice and a jump to the capture", "[widgets]")
{
    std::shared_ptr<const Analysis> analysis = test::analyseBundle();
    int index = -1;
    for (std::size_t i = 0; i < analysis->findings.size(); ++i)
        if (analysis->findings[i].id == "kb898708")
            index = static_cast<int>(i);
    if (index < 0) {
        WARN("no kb898708 finding: this build has no detectors yet");
        return;
    }
    Workspace ws;
    ws.resize(1400, 900);
    ws.show();
    ws.setAnalysis(analysis);
    ws.findings()->selectFinding(index);
    REQUIRE(ws.findings()->currentFinding() == index);
    const QString advice = ws.findings()->advice()->toPlainText();
    CHECK(advice.contains(QStringLiteral("100 Continue")));
    CHECK(advice.contains(QStringLiteral("KB898708")));
    CHECK(advice.contains(QStringLiteral("What to do")));
    REQUIRE(ws.findings()->evidenceModel()->rowCount() >= 1);
    CHECK(ws.findings()->evidenceModel()->index(0, EvidenceModel::Source).data().toString() ==
          QStringLiteral("capture/trace.pcap"));
    // The jump lands on the stray 100's exchange (or its connection).
    TablePanel *panel = qobject_cast<TablePanel *>(ws.tabs()->currentWidget());
    REQUIRE(panel);
    REQUIRE(panel->currentPhysicalRow().has_value());
    const QString detail = panel->detailPane()->toPlainText();
    CHECK(detail.contains(QStringLiteral("10.0.0.5:51000->10.0.0.50:80")));
    CHECK(detail.contains(QStringLiteral("arrived after the final response")));
}

TEST_CASE("A time range selected on the timeline filters every table and Esc clears it", "[widgets]")
{
    Workspace ws;
    ws.resize(1400, 900);
    ws.show();
    ws.setAnalysis(test::analyseBundle());
    REQUIRE(test::waitUntil([&] { return settled(ws); }));
    TimelineView *tl = ws.timeline();
    tl->zoomFit(); // the most severe finding was selected on load and zoomed the view to it
    REQUIRE(test::waitUntil([&] { return settled(ws); }));
    QSignalSpy selected(tl, &TimelineView::rangeSelected);

    // Drag across the lanes with the left button.
    const int y = tl->height() / 2;
    const int x0 = tl->width() / 2, x1 = x0 + 60;
    QMouseEvent press(QEvent::MouseButtonPress, QPointF(x0, y), tl->mapToGlobal(QPointF(x0, y)), Qt::LeftButton,
                      Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(tl, &press);
    QMouseEvent move(QEvent::MouseMove, QPointF(x1, y), tl->mapToGlobal(QPointF(x1, y)), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QApplication::sendEvent(tl, &move);
    QMouseEvent release(QEvent::MouseButtonRelease, QPointF(x1, y), tl->mapToGlobal(QPointF(x1, y)), Qt::LeftButton,
                        Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(tl, &release);
    REQUIRE(selected.count() == 1);
    const TimeUs from = selected.at(0).at(0).value<TimeUs>();
    const TimeUs to = selected.at(0).at(1).value<TimeUs>();
    REQUIRE(to > from);
    REQUIRE(tl->selection().has_value());

    RecordTableModel *access = ws.accessPanel()->model();
    REQUIRE(test::waitUntil([&] { return !access->isBusy(); }));
    CHECK(access->rowCount() > 0);
    CHECK(access->rowCount() < 420);
    const AccessTable &table = static_cast<const AccessTable &>(access->table());
    for (int r = 0; r < access->rowCount(); ++r) {
        const TimeUs t = table.time(access->physicalRow(r));
        CHECK(t >= from);
        CHECK(t < to);
    }
    CHECK(ws.httpErrPanel()->model()->viewSpec().from == from);

    tl->setFocus();
    QTest::keyClick(tl, Qt::Key_Escape);
    CHECK_FALSE(tl->selection().has_value());
    CHECK(access->rowCount() == 420);

    // Keyboard zoom keeps working and rebuckets.
    const TimeUs span = tl->viewTo() - tl->viewFrom();
    QTest::keyClick(tl, Qt::Key_Plus);
    CHECK(tl->viewTo() - tl->viewFrom() < span);
    REQUIRE(test::waitUntil([&] { return !tl->isRebucketing(); }));
    QTest::keyClick(tl, Qt::Key_Home);
    CHECK(tl->viewTo() - tl->viewFrom() == span);
}

TEST_CASE("Clicking a chart bar filters the tables to what it counts", "[widgets]")
{
    Workspace ws;
    ws.resize(1400, 900);
    ws.show();
    ws.setAnalysis(test::analyseBundle());
    REQUIRE(test::waitUntil([&] { return settled(ws); }));

    // The stacked HTTPERR reasons chart: click the QueueFull bar of a bucket that has one.
    auto *series = qobject_cast<QStackedBarSeries *>(ws.charts()->reasonsView()->chart()->series().value(0));
    REQUIRE(series);
    QBarSet *queueFull = nullptr;
    for (QBarSet *set : series->barSets())
        if (set->label() == QStringLiteral("QueueFull"))
            queueFull = set;
    REQUIRE(queueFull);
    int bucket = -1;
    for (int i = 0; i < queueFull->count() && bucket < 0; ++i)
        if (queueFull->at(i) > 0)
            bucket = i;
    REQUIRE(bucket >= 0);
    Q_EMIT queueFull->clicked(bucket);

    CHECK(ws.tabs()->currentWidget() == ws.httpErrPanel());
    CHECK(ws.httpErrPanel()->filterBar()->text() == QStringLiteral("reason:\"QueueFull\""));
    RecordTableModel *httpErr = ws.httpErrPanel()->model();
    REQUIRE(test::waitUntil([&] { return !httpErr->isBusy(); }));
    CHECK(httpErr->rowCount() == static_cast<int>(queueFull->at(bucket)));
    CHECK(ws.timeline()->selection().has_value());

    // Status classes: the 4xx bar of the second site.
    const ChartFilter f = ws.charts()->statusClick(4, 2);
    CHECK(f.table == TableKind::Access);
    CHECK(f.filterText == QStringLiteral("source:\"W3SVC2/u_ex261121.log\" status:4.."));
    ws.setTimeRange(kNoTime, kNoTime);
    ws.applyChartFilter(f);
    CHECK(ws.accessPanel()->model()->rowCount() == 5);
}

TEST_CASE("A bad filter pattern shows a clear error and keeps the rows", "[widgets]")
{
    Workspace ws;
    ws.resize(1200, 800);
    ws.show();
    ws.setAnalysis(test::analyseBundle());
    TablePanel *panel = ws.accessPanel();
    QLineEdit *edit = panel->filterBar()->lineEdit();
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("status:5.. uri:/api/(orders"));
    QTest::keyClick(edit, Qt::Key_Return);
    INFO(panel->filterBar()->errorText().toStdString());
    CHECK(panel->filterBar()->errorText().startsWith(QStringLiteral("Bad pattern “/api/(orders”: missing )")));
    CHECK(edit->selectedText() == QStringLiteral("uri:/api/(orders"));
    CHECK(panel->model()->rowCount() == 420);
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("status:5.. uri:/api/orders"));
    QTest::keyClick(edit, Qt::Key_Return);
    CHECK(panel->filterBar()->errorText().isEmpty());
    CHECK(panel->model()->rowCount() == 4);
}

TEST_CASE("A transaction shows its exchange in arrival order and follows its connection", "[widgets]")
{
    Workspace ws;
    ws.resize(1400, 900);
    ws.show();
    ws.setAnalysis(test::analyseBundle());
    TablePanel *txs = ws.transactionsPanel();
    REQUIRE(txs->model()->rowCount() == 4);
    ws.tabs()->setCurrentWidget(txs);
    txs->view()->setCurrentIndex(txs->model()->index(0, 0));
    const QString detail = txs->detailPane()->toPlainText();
    const auto final200 = detail.indexOf(QStringLiteral("HTTP/1.1 200 OK"));
    const auto first100 = detail.indexOf(QStringLiteral("HTTP/1.1 100"));
    const auto stray100 = detail.indexOf(QStringLiteral("HTTP/1.1 100"), first100 + 1);
    REQUIRE(final200 > 0);
    CHECK(first100 < final200);
    CHECK(stray100 > final200);
    CHECK(detail.contains(QStringLiteral("arrived after the final response")));
    CHECK(detail.contains(QStringLiteral("Expect: 100-continue")));

    // Follow connection (the link in the detail pane).
    Q_EMIT txs->detailPane()->navigate(QUrl(QStringLiteral("hs:connection/0")));
    CHECK(ws.tabs()->currentWidget() == ws.connectionsPanel());
    CHECK(ws.connectionsPanel()->currentPhysicalRow() == std::size_t{0});
    CHECK(ws.connectionsPanel()->detailPane()->toPlainText().contains(
        QStringLiteral("Connection 10.0.0.5:51000->10.0.0.50:80")));
    CHECK(ws.timeline()->connectionsShown());
}

TEST_CASE("Stop keeps what was read and says so, Cancel keeps the previous bundle", "[widgets]")
{
    MainWindow window;
    window.show();
    QSignalSpy shown(&window, &MainWindow::analysisShown);
    QSignalSpy cancelled(&window, &MainWindow::loadCancelled);
    const QString bundle = QString::fromStdString(test::uiBundle().string());

    window.openPaths({bundle});
    window.loader()->stop();
    REQUIRE(test::waitUntil([&] { return shown.count() == 1; }, 60000));
    REQUIRE(window.workspace()->analysis());
    CHECK(window.workspace()->analysis()->stopped);

    window.openPaths({bundle});
    window.loader()->cancel();
    REQUIRE(test::waitUntil([&] { return cancelled.count() == 1; }, 60000));
    CHECK(shown.count() == 1);
    CHECK(window.showsWorkspace());
}
