// SPDX-License-Identifier: MIT
// The application window: start page or workspace, menus, toolbar, drag and drop anywhere, loading
// with progress, exports, settings.
#pragma once

#include "model/analysis.h"

#include <QMainWindow>
#include <QStringList>

#include <functional>
#include <iosfwd>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QMimeData;
class QSettings;
class QStackedWidget;

namespace hs::ui {

class DropOverlay;
class LoadController;
class ProgressBanner;
class StartPage;
class Workspace;

class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void openPaths(const QStringList &paths);
    // Local file paths in dropped/pasted data (files, folders, .zip bundles).
    static QStringList localPaths(const QMimeData *mime);

    Workspace *workspace() const { return workspace_; }
    StartPage *startPage() const { return start_; }
    LoadController *loader() const { return loader_; }
    ProgressBanner *progressBanner() const { return banner_; }
    bool showsWorkspace() const;
    QString statusSummary() const;

Q_SIGNALS:
    void analysisShown();
    void loadCancelled();
    void loadFailed(const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void restoreSettings();
    void saveSettings();
    void refreshRecent();
    void updateActions();
    void onLoadFinished(std::shared_ptr<const Analysis> analysis, const QStringList &paths, qint64 elapsedMs);
    void closeBundle();
    void chooseFolder();
    void chooseFiles();
    void exportJson();
    void exportHtml();
    // Asks for a file name, then writes the current analysis with `write` off the UI thread.
    void exportAnalysis(const QString &title, const QString &suggestedName, const QString &filter,
                        std::function<void(const Analysis &, std::ostream &)> write);
    void showFilterHelp();
    void setDragActive(bool active);

    std::unique_ptr<QSettings> settings_;
    LoadController *loader_;
    ProgressBanner *banner_;
    QStackedWidget *stack_;
    StartPage *start_;
    Workspace *workspace_;
    DropOverlay *overlay_;
    QLabel *summary_;
    QMenu *recentMenu_ = nullptr;
    QStringList currentPaths_;

    QAction *openFilesAction_ = nullptr;
    QAction *openFolderAction_ = nullptr;
    QAction *reloadAction_ = nullptr;
    QAction *closeAction_ = nullptr;
    QAction *exportHtmlAction_ = nullptr;
    QAction *exportJsonAction_ = nullptr;
    QAction *stopAction_ = nullptr;
    QAction *findAction_ = nullptr;
    QAction *zoomInAction_ = nullptr;
    QAction *zoomOutAction_ = nullptr;
    QAction *zoomFitAction_ = nullptr;
    QAction *connectionsAction_ = nullptr;
    QList<QAction *> goToActions_;
};

} // namespace hs::ui
