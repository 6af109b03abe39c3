// SPDX-License-Identifier: MIT
// Every file of the bundle: what it was read as, what it held, what went wrong (rejected lines with
// their line numbers and reasons), and the files that were not recognised with why.
#pragma once

#include "model/analysis.h"

#include <QWidget>

#include <memory>

class QTableView;
class QSplitter;

namespace hs::ui {

class DetailPane;
class ProblemsModel;
class SourcesModel;

class SourcesPanel final : public QWidget {
    Q_OBJECT
public:
    explicit SourcesPanel(QWidget *parent = nullptr);
    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    void selectSource(SourceId id);

    SourcesModel *sourcesModel() const { return sources_; }
    ProblemsModel *problemsModel() const { return problems_; }
    QTableView *sourcesView() const { return sourcesView_; }
    QTableView *problemsView() const { return problemsView_; }
    DetailPane *summary() const { return summary_; }
    QSplitter *splitter() const { return splitter_; }

Q_SIGNALS:
    // Double-click on a problem: show that line in its table (if it became a record) or its raw text.
    void lineActivated(SourceId source, std::uint64_t line);

private:
    void showRow(int row);

    std::shared_ptr<const Analysis> analysis_;
    SourcesModel *sources_;
    ProblemsModel *problems_;
    QTableView *sourcesView_;
    QTableView *problemsView_;
    DetailPane *summary_;
    QSplitter *splitter_;
    SourceId current_;
};

// The summary text for one source / one skipped file.
QString sourceSummaryHtml(const Source &source);
QString skippedSummaryHtml(const SkippedFile &file);

} // namespace hs::ui
