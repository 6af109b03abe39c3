// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>

#include <memory>

class QListWidget;

namespace hs {
struct Analysis;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;
    void openPaths(const QStringList &paths);

private:
    void showAnalysis(std::shared_ptr<Analysis> analysis);
    QListWidget *sources_ = nullptr;
    std::shared_ptr<Analysis> analysis_;
};

} // namespace hs
