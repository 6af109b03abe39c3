// SPDX-License-Identifier: MIT
#include "window/main_window.h"

#include "common/icons.h"
#include "common/jobs.h"
#include "common/text.h"
#include "findings/findings_panel.h"
#include "load/load_controller.h"
#include "load/progress_banner.h"
#include "report/analysis_json.h"
#include "report/html_report.h"
#include "tables/table_panel.h"
#include "timeline/timeline_panel.h"
#include "timeline/timeline_view.h"
#include "window/about_dialog.h"
#include "window/recent_bundles.h"
#include "window/start_page.h"
#include "window/workspace.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <fstream>

namespace hs::ui {

// Shown over the workspace while files are dragged over the window.
class DropOverlay final : public QWidget {
public:
    explicit DropOverlay(QWidget *parent) : QWidget(parent)
    {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        hide();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        QColor fill = palette().color(QPalette::Highlight);
        fill.setAlpha(45);
        p.fillRect(rect(), fill);
        p.setPen(QPen(palette().color(QPalette::Highlight), 3, Qt::DashLine));
        p.drawRoundedRect(QRectF(rect()).adjusted(12, 12, -12, -12), 14, 14);
        QFont big = font();
        big.setPointSizeF(big.pointSizeF() * 1.8);
        big.setBold(true);
        p.setFont(big);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(rect(), Qt::AlignCenter, tr("Drop to analyse"));
    }
};

namespace {

QString filterHelpHtml()
{
    return QObject::tr(
        "<h3>Filtering tables</h3>"
        "<p>Type terms in the filter bar above a table; every term must match.</p>"
        "<table cellpadding='3'>"
        "<tr><td><code>status:503</code></td><td>the field matches the pattern (RE2, whole value, any case)</td></tr>"
        "<tr><td><code>status:5..</code></td><td>any 5xx</td></tr>"
        "<tr><td><code>reason:Timer_.*</code></td><td>every HTTP.sys timer reason</td></tr>"
        "<tr><td><code>time-taken:&gt;1000</code></td><td>numbers: &gt; &gt;= &lt; &lt;= =</td></tr>"
        "<tr><td><code>-method:GET</code></td><td>a leading - inverts a field term</td></tr>"
        "<tr><td><code>c-ip:10.0.0.5</code></td><td>client address</td></tr>"
        "<tr><td><code>cs-uri-query:.*id=7.*</code></td><td>any field a log's #Fields declared</td></tr>"
        "<tr><td><code>upload</code></td><td>other words: RE2 patterns searched in the raw line</td></tr>"
        "<tr><td><code>\"Expect: 100\"</code></td><td>quoted text is literal, not a pattern</td></tr>"
        "</table>"
        "<p>Hover over the filter bar for the fields of that table. A time range selected on the "
        "timeline (or a chart bar) limits every table.</p>");
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), settings_(std::make_unique<QSettings>()), loader_(new LoadController(this)),
      banner_(new ProgressBanner(loader_, this)), stack_(new QStackedWidget(this)), start_(new StartPage(this)),
      workspace_(new Workspace(this)), overlay_(nullptr), summary_(new QLabel(this))
{
    setWindowTitle(QStringLiteral("HttpSleuth"));
    setWindowIcon(applicationIcon());
    setAcceptDrops(true);
    setAccessibleName(tr("HttpSleuth"));

    stack_->addWidget(start_);
    stack_->addWidget(workspace_);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(banner_);
    layout->addWidget(stack_, 1);
    setCentralWidget(central);
    overlay_ = new DropOverlay(central);

    summary_->setAccessibleName(tr("Analysis summary"));
    statusBar()->addPermanentWidget(summary_);
    statusBar()->showMessage(tr("Drop a folder, files or a .zip bundle anywhere on this window."));

    createActions();
    createMenus();
    createToolBar();

    connect(start_, &StartPage::openFolderRequested, this, &MainWindow::chooseFolder);
    connect(start_, &StartPage::openFilesRequested, this, &MainWindow::chooseFiles);
    connect(start_, &StartPage::recentActivated, this, &MainWindow::openPaths);
    connect(loader_, &LoadController::started, this, [this](const QStringList &paths) {
        statusBar()->showMessage(tr("Reading %1…").arg(RecentBundles::label(paths)));
        updateActions();
    });
    connect(loader_, &LoadController::finished, this, &MainWindow::onLoadFinished);
    connect(loader_, &LoadController::cancelled, this, [this] {
        statusBar()->showMessage(tr("Loading cancelled."), 5000);
        updateActions();
        Q_EMIT loadCancelled();
    });
    connect(loader_, &LoadController::failed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Loading failed: %1").arg(message));
        updateActions();
        QMessageBox::warning(this, tr("Loading failed"), message);
        Q_EMIT loadFailed(message);
    });

    resize(1440, 900);
    restoreSettings();
    refreshRecent();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    auto make = [this](const QString &icon, const QString &text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(icon.isEmpty() ? QIcon() : themedIcon(icon), text, this);
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    openFilesAction_ =
        make(QStringLiteral("open-file"), tr("Open &Files…"), QKeySequence::Open, &MainWindow::chooseFiles);
    openFolderAction_ = make(QStringLiteral("open-folder"), tr("Open F&older…"), QKeySequence(tr("Ctrl+Shift+O")),
                             &MainWindow::chooseFolder);
    reloadAction_ = make(QStringLiteral("reload"), tr("&Reload"), QKeySequence::Refresh, [this] {
        if (!currentPaths_.isEmpty())
            openPaths(currentPaths_);
    });
    closeAction_ = make(QString(), tr("&Close Bundle"), QKeySequence::Close, &MainWindow::closeBundle);
    exportHtmlAction_ = make(QStringLiteral("export-html"), tr("Export &HTML Report…"), QKeySequence(tr("Ctrl+E")),
                             &MainWindow::exportHtml);
    exportJsonAction_ = make(QStringLiteral("export-json"), tr("Export &JSON…"), QKeySequence(tr("Ctrl+Shift+E")),
                             &MainWindow::exportJson);
    stopAction_ =
        make(QStringLiteral("stop"), tr("&Stop Loading"), QKeySequence(tr("Ctrl+.")), [this] { loader_->stop(); });
    stopAction_->setToolTip(tr("Stop loading and keep what was read"));
    findAction_ =
        make(QStringLiteral("filter"), tr("&Filter Table"), QKeySequence::Find, [this] { workspace_->focusFilter(); });
    zoomInAction_ = make(QStringLiteral("zoom-in"), tr("Zoom &In"), QKeySequence::ZoomIn,
                         [this] { workspace_->timeline()->zoomIn(); });
    zoomOutAction_ = make(QStringLiteral("zoom-out"), tr("Zoom &Out"), QKeySequence::ZoomOut,
                          [this] { workspace_->timeline()->zoomOut(); });
    zoomFitAction_ = make(QStringLiteral("zoom-fit"), tr("Show &Everything"), QKeySequence(tr("Ctrl+0")),
                          [this] { workspace_->timeline()->zoomFit(); });
    connectionsAction_ = make(QStringLiteral("connections"), tr("&Connection Lanes"), QKeySequence(tr("Ctrl+K")),
                              [this](bool on) { workspace_->timeline()->setConnectionsShown(on); });
    connectionsAction_->setCheckable(true);
    connect(workspace_->timeline(), &TimelineView::connectionsShownChanged, connectionsAction_, &QAction::setChecked);

    const QString goTo[] = {tr("Findings"), tr("Timeline"),          tr("Charts"),      tr("W3C Requests"),
                            tr("HTTPERR"),  tr("HTTP Transactions"), tr("Connections"), tr("Sources")};
    for (int i = 0; i < 8; ++i) {
        auto *a = new QAction(goTo[i], this);
        a->setShortcut(QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)));
        connect(a, &QAction::triggered, this, [this, i] {
            if (i == 0)
                workspace_->findings()->setFocus(Qt::ShortcutFocusReason);
            else if (i == 1)
                workspace_->timeline()->setFocus(Qt::ShortcutFocusReason);
            else
                workspace_->tabs()->setCurrentIndex(i - 2);
        });
        goToActions_ << a;
    }
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(openFolderAction_);
    file->addAction(openFilesAction_);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addAction(reloadAction_);
    file->addSeparator();
    file->addAction(exportHtmlAction_);
    file->addAction(exportJsonAction_);
    file->addSeparator();
    file->addAction(closeAction_);
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(findAction_);
    QAction *clearRange =
        edit->addAction(tr("Clear &Time Range"), this, [this] { workspace_->setTimeRange(kNoTime, kNoTime); });
    clearRange->setShortcut(QKeySequence(tr("Ctrl+Shift+Backspace")));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(zoomInAction_);
    view->addAction(zoomOutAction_);
    view->addAction(zoomFitAction_);
    view->addAction(connectionsAction_);
    view->addSeparator();
    QMenu *go = view->addMenu(tr("&Go To"));
    go->addActions(goToActions_);

    QMenu *load = menuBar()->addMenu(tr("&Loading"));
    load->addAction(stopAction_);
    QAction *cancel = load->addAction(themedIcon(QStringLiteral("cancel")), tr("&Cancel Loading"), this,
                                      [this] { loader_->cancel(); });
    cancel->setShortcut(QKeySequence(tr("Ctrl+Shift+.")));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *syntax =
        help->addAction(themedIcon(QStringLiteral("help")), tr("&Filter Syntax"), this, &MainWindow::showFilterHelp);
    syntax->setShortcut(QKeySequence::HelpContents);
    help->addSeparator();
    help->addAction(tr("&About HttpSleuth"), this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setIconSize(QSize(20, 20));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setAccessibleName(tr("Main toolbar"));
    bar->addAction(openFolderAction_);
    bar->addAction(openFilesAction_);
    bar->addSeparator();
    bar->addAction(exportHtmlAction_);
    bar->addAction(exportJsonAction_);
    bar->addSeparator();
    bar->addAction(stopAction_);
}

bool MainWindow::showsWorkspace() const
{
    return stack_->currentWidget() == workspace_;
}

QString MainWindow::statusSummary() const
{
    return summary_->text();
}

QStringList MainWindow::localPaths(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    return paths;
}

void MainWindow::openPaths(const QStringList &paths)
{
    QStringList existing;
    QStringList missing;
    for (const QString &p : paths)
        (QFileInfo::exists(p) ? existing : missing) << QDir::cleanPath(QFileInfo(p).absoluteFilePath());
    if (!missing.isEmpty())
        statusBar()->showMessage(tr("Not found: %1").arg(missing.join(QStringLiteral(", "))), 8000);
    if (existing.isEmpty()) {
        if (!missing.isEmpty()) {
            RecentBundles(*settings_).remove(paths);
            refreshRecent();
        }
        return;
    }
    loader_->start(existing);
}

void MainWindow::onLoadFinished(std::shared_ptr<const Analysis> analysis, const QStringList &paths, qint64 elapsedMs)
{
    currentPaths_ = paths;
    RecentBundles(*settings_).add(paths);
    refreshRecent();
    workspace_->setAnalysis(analysis);
    stack_->setCurrentWidget(workspace_);
    const QString label = analysis->rootLabel.empty() ? RecentBundles::label(paths) : toQString(analysis->rootLabel);
    setWindowTitle(tr("%1 — HttpSleuth").arg(label));
    std::uint64_t records = 0;
    for (const auto &s : analysis->sources)
        records += s->records;
    summary_->setText(tr("%1 files · %2 records · %3 findings · %4 read in %5")
                          .arg(formatCount(analysis->sources.size()), formatCount(records),
                               formatCount(analysis->findings.size()), formatBytes(analysis->bytesRead),
                               formatDurationUs(elapsedMs * kUsPerMs)));
    statusBar()->showMessage(analysis->stopped ? tr("Stopped: showing what was read.") : tr("Ready."), 5000);
    updateActions();
    Q_EMIT analysisShown();
}

void MainWindow::closeBundle()
{
    loader_->cancel();
    workspace_->setAnalysis(nullptr);
    currentPaths_.clear();
    stack_->setCurrentWidget(start_);
    setWindowTitle(QStringLiteral("HttpSleuth"));
    summary_->clear();
    updateActions();
}

void MainWindow::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Open a folder of logs and captures"), settings_->value(QStringLiteral("dialogs/lastDir")).toString());
    if (dir.isEmpty())
        return;
    settings_->setValue(QStringLiteral("dialogs/lastDir"), dir);
    openPaths({dir});
}

void MainWindow::chooseFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open logs, captures or bundles"), settings_->value(QStringLiteral("dialogs/lastDir")).toString(),
        tr("Logs, captures and bundles (*.log *.txt *.pcap *.pcapng *.cap *.har *.saz *.zip *.gz);;All files (*)"));
    if (files.isEmpty())
        return;
    settings_->setValue(QStringLiteral("dialogs/lastDir"), QFileInfo(files.front()).absolutePath());
    openPaths(files);
}

void MainWindow::exportJson()
{
    exportAnalysis(tr("Export analysis as JSON"), QStringLiteral("httpsleuth-analysis.json"), tr("JSON (*.json)"),
                   [](const Analysis &analysis, std::ostream &out) { writeAnalysisJson(analysis, out); });
}

void MainWindow::exportHtml()
{
    // The same writer and defaults as `httpsleuth-cli analyze --html`.
    exportAnalysis(tr("Export HTML report"), QStringLiteral("httpsleuth-report.html"), tr("HTML (*.html)"),
                   [](const Analysis &analysis, std::ostream &out) { writeHtmlReport(analysis, out, HtmlOptions{}); });
}

void MainWindow::exportAnalysis(const QString &title, const QString &suggestedName, const QString &filter,
                                std::function<void(const Analysis &, std::ostream &)> write)
{
    auto analysis = workspace_->analysis();
    if (!analysis)
        return;
    const QString path = QFileDialog::getSaveFileName(this, title, suggestedName, filter);
    if (path.isEmpty())
        return;
    statusBar()->showMessage(tr("Writing %1…").arg(QDir::toNativeSeparators(path)));
    // Written off the UI thread: a report of a large bundle takes a noticeable moment.
    runJob(
        this,
        [analysis, path, write = std::move(write)] {
            std::ofstream out(std::filesystem::path(path.toStdU16String()), std::ios::binary | std::ios::trunc);
            if (!out)
                return tr("cannot create the file");
            write(*analysis, out);
            out.flush();
            return out ? QString() : tr("writing failed (disk full?)");
        },
        [this, path](const QString &error) {
            if (error.isEmpty())
                statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 8000);
            else
                QMessageBox::warning(this, tr("Export failed"),
                                     tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), error));
        });
}

void MainWindow::showFilterHelp()
{
    QMessageBox box(this);
    box.setWindowTitle(tr("Filter syntax"));
    box.setTextFormat(Qt::RichText);
    box.setText(filterHelpHtml());
    box.exec();
}

void MainWindow::refreshRecent()
{
    const QList<QStringList> bundles = RecentBundles(*settings_).entries();
    start_->setRecent(bundles);
    recentMenu_->clear();
    for (const QStringList &paths : bundles) {
        QAction *a = recentMenu_->addAction(RecentBundles::label(paths), this, [this, paths] { openPaths(paths); });
        a->setToolTip(paths.join(QLatin1Char('\n')));
    }
    recentMenu_->setEnabled(!bundles.isEmpty());
    if (!bundles.isEmpty()) {
        recentMenu_->addSeparator();
        recentMenu_->addAction(tr("Clear List"), this, [this] {
            RecentBundles(*settings_).clear();
            refreshRecent();
        });
    }
}

void MainWindow::updateActions()
{
    const bool loaded = workspace_->analysis() != nullptr;
    const bool loading = loader_->isRunning();
    exportHtmlAction_->setEnabled(loaded);
    exportJsonAction_->setEnabled(loaded);
    reloadAction_->setEnabled(!currentPaths_.isEmpty());
    closeAction_->setEnabled(loaded || loading);
    stopAction_->setEnabled(loading);
    findAction_->setEnabled(loaded);
    for (QAction *a : {zoomInAction_, zoomOutAction_, zoomFitAction_, connectionsAction_})
        a->setEnabled(loaded);
    for (QAction *a : goToActions_)
        a->setEnabled(loaded);
}

void MainWindow::setDragActive(bool active)
{
    start_->setDragActive(active);
    if (active && showsWorkspace()) {
        overlay_->setGeometry(overlay_->parentWidget()->rect());
        overlay_->raise();
        overlay_->show();
    } else {
        overlay_->hide();
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (localPaths(event->mimeData()).isEmpty())
        return;
    event->acceptProposedAction();
    setDragActive(true);
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (!localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dragLeaveEvent(QDragLeaveEvent *event)
{
    setDragActive(false);
    QMainWindow::dragLeaveEvent(event);
}

void MainWindow::dropEvent(QDropEvent *event)
{
    setDragActive(false);
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    openPaths(paths);
}

void MainWindow::restoreSettings()
{
    restoreGeometry(settings_->value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings_->value(QStringLiteral("window/state")).toByteArray());
    const QList<QSplitter *> splitters = workspace_->splitters();
    for (int i = 0; i < splitters.size(); ++i) {
        const QByteArray state = settings_->value(QStringLiteral("window/splitter%1").arg(i)).toByteArray();
        if (!state.isEmpty() && splitters[i]->restoreState(state) && i == 0)
            workspace_->keepRestoredLayout();
    }
}

void MainWindow::saveSettings()
{
    settings_->setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings_->setValue(QStringLiteral("window/state"), saveState());
    const QList<QSplitter *> splitters = workspace_->splitters();
    for (int i = 0; i < splitters.size(); ++i)
        settings_->setValue(QStringLiteral("window/splitter%1").arg(i), splitters[i]->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    loader_->cancel();
    saveSettings();
    event->accept();
}

} // namespace hs::ui
