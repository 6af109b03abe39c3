// SPDX-License-Identifier: MIT
// What the window shows before anything is loaded: a drop zone (drops work anywhere on the window),
// open buttons and the recent bundles.
#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

class QListWidget;
class QListWidgetItem;

namespace hs::ui {

class StartPage final : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget *parent = nullptr);
    void setRecent(const QList<QStringList> &bundles);
    void setDragActive(bool active);
    QListWidget *recentList() const { return recent_; }

Q_SIGNALS:
    void openFolderRequested();
    void openFilesRequested();
    void recentActivated(const QStringList &paths);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QWidget *card_;
    QListWidget *recent_;
    bool dragActive_ = false;
};

} // namespace hs::ui
