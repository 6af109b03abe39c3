// SPDX-License-Identifier: MIT
// Runs hs::analyze() on its own thread (the UI thread never parses, anti-pattern 1) and hands the
// finished Analysis back on the UI thread. Stop keeps what was read; Cancel throws it away. Starting
// a new load cancels the running one; only the newest load's result is delivered.
#pragma once

#include "model/analysis.h"
#include "tasks/analyze.h"
#include "tasks/progress.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>

#include <memory>

namespace hs::ui {

class LoadController final : public QObject {
    Q_OBJECT
public:
    explicit LoadController(QObject *parent = nullptr);
    ~LoadController() override;

    // `options.inputs` is replaced by `paths`.
    void start(const QStringList &paths, AnalyzeOptions options = {});
    void stop();   // keep what was read
    void cancel(); // discard
    bool isRunning() const { return job_ != nullptr; }
    Progress::Snapshot snapshot() const;
    qint64 elapsedMs() const { return elapsed_.isValid() ? elapsed_.elapsed() : 0; }
    QStringList paths() const { return paths_; }

Q_SIGNALS:
    void started(const QStringList &paths);
    void finished(std::shared_ptr<const hs::Analysis> analysis, const QStringList &paths, qint64 elapsedMs);
    void cancelled();
    void failed(const QString &message);

private:
    struct Job;
    std::shared_ptr<Job> job_;
    QStringList paths_;
    QElapsedTimer elapsed_;
};

} // namespace hs::ui
