// SPDX-License-Identifier: MIT
#include "sources/sources_panel.h"

#include "common/text.h"
#include "detail/detail_pane.h"
#include "sources/problems_model.h"
#include "sources/sources_model.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace hs::ui {
namespace {

QString kv(const QString &key, const QString &valueHtml)
{
    return QStringLiteral("<tr><td class=\"key\">%1</td><td>%2</td></tr>").arg(key.toHtmlEscaped(), valueHtml);
}

QString timeBasisText(TimeBasis basis, int offsetMinutes)
{
    switch (basis) {
    case TimeBasis::Utc: return QObject::tr("UTC");
    case TimeBasis::LocalUnknown: return QObject::tr("server-local time, offset unknown (shown as UTC)");
    case TimeBasis::LocalGiven: return QObject::tr("server-local time, %1 min from UTC").arg(offsetMinutes);
    case TimeBasis::InLine: return QObject::tr("offset written on each line");
    }
    return {};
}

void configureView(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
}

} // namespace

QString sourceSummaryHtml(const Source &s)
{
    QString rows;
    rows += kv(QObject::tr("File"),
               pathToQString(s.filePath).toHtmlEscaped() +
                   (s.memberPath.empty() ? QString() : QStringLiteral(" → ") + htmlEscape(s.memberPath)));
    rows += kv(QObject::tr("Format"),
               htmlEscape(formatDisplayName(s.format)) +
                   (s.formatVariant.empty() ? QString() : QStringLiteral(" — ") + htmlEscape(s.formatVariant)));
    if (!s.compression.empty())
        rows += kv(QObject::tr("Compression"), htmlEscape(s.compression));
    rows += kv(QObject::tr("Size"),
               QObject::tr("%1 on disk, %2 read").arg(formatBytes(s.fileSize), formatBytes(s.bytes.size())));
    rows += kv(QObject::tr("Time range"), QObject::tr("%1 – %2").arg(formatTime(s.first), formatTime(s.last)));
    if (s.clockOffsetApplied)
        rows += kv(QObject::tr("Clock offset"), formatDurationUs(s.clockOffset));
    if (s.log) {
        const LogData &log = *s.log;
        if (!log.software.empty())
            rows += kv(QObject::tr("Software"), htmlEscape(log.software));
        if (!log.siteName.empty())
            rows += kv(QObject::tr("Site"), htmlEscape(log.siteName));
        rows += kv(QObject::tr("Times"), timeBasisText(log.timeBasis, log.localOffsetMinutes));
        rows += kv(QObject::tr("Lines"),
                   QObject::tr("%1 in all: %2 data lines (%3 records, %4 rejected), %5 directives, %6 blank")
                       .arg(formatCount(log.totalLines), formatCount(log.dataLines), formatCount(s.records),
                            formatCount(s.rejected), formatCount(log.directiveLines), formatCount(log.blankLines)));
        rows += kv(QObject::tr("Field sets"), formatCount(log.layouts.size()));
    }
    if (s.capture) {
        const CaptureData &c = *s.capture;
        if (!c.application.empty())
            rows += kv(QObject::tr("Written by"), htmlEscape(c.application));
        rows += kv(s.kind() == SourceKind::Capture ? QObject::tr("Packets") : QObject::tr("Entries"),
                   formatCount(c.packets));
        rows += kv(QObject::tr("Connections"), QObject::tr("%1 (%2 TLS, %3 other)")
                                                   .arg(formatCount(c.connectionCount), formatCount(c.tlsConnections),
                                                        formatCount(c.nonHttpConnections)));
        rows += kv(QObject::tr("HTTP"),
                   QObject::tr("%1 requests, %2 final responses, %3 interim (1xx)")
                       .arg(formatCount(c.httpRequests), formatCount(c.httpResponses), formatCount(c.httpInterim)));
        if (c.undecodedFrames)
            rows += kv(QObject::tr("Not decoded"), QObject::tr("%1 frames").arg(formatCount(c.undecodedFrames)));
    }
    QString html = QStringLiteral("<h3>%1</h3><table class=\"kv\">%2</table>").arg(htmlEscape(s.path), rows);
    const auto &byCategory = s.problems.countsByCategory();
    if (!byCategory.empty()) {
        QString list;
        for (const auto &[category, count] : byCategory)
            list += QStringLiteral("<tr><td class=\"key\">%1</td><td>%2</td></tr>")
                        .arg(htmlEscape(category), formatCount(count));
        html += QStringLiteral("<h4>%1</h4><table class=\"kv\">%2</table>").arg(QObject::tr("Problems by kind"), list);
        if (s.problems.omitted())
            html += QStringLiteral("<p class=\"muted\">%1</p>")
                        .arg(QObject::tr("%1 messages beyond the first %2 were counted, not kept.")
                                 .arg(formatCount(s.problems.omitted()))
                                 .arg(ProblemList::kMaxStoredProblems));
    }
    if (!s.readCompleted)
        html += QStringLiteral("<p class=\"warn\">%1</p>")
                    .arg(QObject::tr("Reading stopped before the end of this file: its results are partial."));
    return html;
}

QString skippedSummaryHtml(const SkippedFile &f)
{
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>").arg(htmlEscape(f.path), htmlEscape(f.reason));
    if (!f.candidates.empty()) {
        html += QStringLiteral("<h4>%1</h4><ul>").arg(QObject::tr("Why each format said no"));
        for (const auto &c : f.candidates)
            html += QStringLiteral("<li>%1</li>").arg(htmlEscape(c));
        html += QStringLiteral("</ul>");
    }
    return html;
}

SourcesPanel::SourcesPanel(QWidget *parent)
    : QWidget(parent), sources_(new SourcesModel(this)), problems_(new ProblemsModel(this)),
      sourcesView_(new QTableView(this)), problemsView_(new QTableView(this)), summary_(new DetailPane(this)),
      splitter_(new QSplitter(Qt::Vertical, this))
{
    setAccessibleName(tr("Sources"));
    configureView(sourcesView_);
    configureView(problemsView_);
    sourcesView_->setAccessibleName(tr("Source files"));
    problemsView_->setAccessibleName(tr("Problems of the selected file"));
    sourcesView_->setModel(sources_);
    problemsView_->setModel(problems_);
    const int ch = fontMetrics().averageCharWidth();
    const int sourceWidths[] = {40, 26, 11, 10, 9, 23, 23, 9, 14};
    for (int c = 0; c < SourcesModel::ColumnCount; ++c)
        sourcesView_->setColumnWidth(c, sourceWidths[c] * ch + 16);
    const int problemWidths[] = {8, 8, 16, 48, 40};
    for (int c = 0; c < ProblemsModel::ColumnCount; ++c)
        problemsView_->setColumnWidth(c, problemWidths[c] * ch + 16);

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(summary_);
    bottom->addWidget(problemsView_);
    bottom->setStretchFactor(0, 2);
    bottom->setStretchFactor(1, 3);
    splitter_->addWidget(sourcesView_);
    splitter_->addWidget(bottom);
    splitter_->setStretchFactor(0, 2);
    splitter_->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter_);

    summary_->showPlaceholder(tr("Select a file to see how it was read."));
    connect(sourcesView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showRow(current.row()); });
    connect(problemsView_, &QTableView::activated, this, [this](const QModelIndex &index) {
        const std::uint64_t line = problems_->lineAt(index.row());
        if (line && current_.valid())
            Q_EMIT lineActivated(current_, line);
    });
}

void SourcesPanel::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    problems_->setSource(nullptr, nullptr);
    analysis_ = std::move(analysis);
    sources_->setAnalysis(analysis_);
    current_ = {};
    summary_->showPlaceholder(tr("Select a file to see how it was read."));
    if (sources_->rowCount() > 0)
        sourcesView_->selectionModel()->setCurrentIndex(sources_->index(0, 0), QItemSelectionModel::ClearAndSelect |
                                                                                   QItemSelectionModel::Rows);
}

void SourcesPanel::selectSource(SourceId id)
{
    const int row = sources_->rowOfSource(id);
    if (row < 0)
        return;
    sourcesView_->selectionModel()->setCurrentIndex(sources_->index(row, 0),
                                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    sourcesView_->scrollTo(sources_->index(row, 0));
}

void SourcesPanel::showRow(int row)
{
    if (const Source *s = sources_->sourceAt(row)) {
        current_ = s->id;
        summary_->showHtml(sourceSummaryHtml(*s));
        problems_->setSource(analysis_, s);
        return;
    }
    current_ = {};
    problems_->setSource(nullptr, nullptr);
    if (const SkippedFile *f = sources_->skippedAt(row))
        summary_->showHtml(skippedSummaryHtml(*f));
    else
        summary_->showPlaceholder(tr("Select a file to see how it was read."));
}

} // namespace hs::ui
