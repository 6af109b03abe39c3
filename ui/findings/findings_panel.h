// SPDX-License-Identifier: MIT
// Findings: the list (severity, title, confidence, count, time range), the advice for the selected
// one, and its evidence. Activating a piece of evidence asks the workspace to jump to it in the
// timeline and the tables.
#pragma once

#include "model/analysis.h"

#include <QWidget>

#include <memory>

class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace hs::ui {

class DetailPane;
class EvidenceModel;
class FindingsModel;

class FindingsPanel final : public QWidget {
    Q_OBJECT
public:
    explicit FindingsPanel(QWidget *parent = nullptr);
    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    // Selects by index into Analysis::findings.
    void selectFinding(int findingIndex);
    int currentFinding() const; // -1 when none

    QTableView *findingsView() const { return findingsView_; }
    QTableView *evidenceView() const { return evidenceView_; }
    DetailPane *advice() const { return advice_; }
    FindingsModel *findingsModel() const { return findings_; }
    EvidenceModel *evidenceModel() const { return evidence_; }
    QSplitter *splitter() const { return splitter_; }

Q_SIGNALS:
    void findingSelected(int findingIndex); // -1: none
    void evidenceActivated(const hs::Evidence &evidence);
    void navigate(const QUrl &url);

private:
    void showFinding(int findingIndex);

    std::shared_ptr<const Analysis> analysis_;
    FindingsModel *findings_;
    QSortFilterProxyModel *sorted_;
    EvidenceModel *evidence_;
    QLabel *title_;
    QTableView *findingsView_;
    DetailPane *advice_;
    QTableView *evidenceView_;
    QSplitter *splitter_;
};

} // namespace hs::ui
