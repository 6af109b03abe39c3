// SPDX-License-Identifier: MIT
// The loading banner: staged progress polled from the load's Progress every 120 ms, shown only when
// the load is slow (after 0.5 s, Wireshark's rule), with Stop (keep what was read) and Cancel.
#pragma once

#include <QFrame>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace hs::ui {

class LoadController;

class ProgressBanner final : public QFrame {
    Q_OBJECT
public:
    static constexpr int kShowDelayMs = 500;
    static constexpr int kPollIntervalMs = 120;

    explicit ProgressBanner(LoadController *loader, QWidget *parent = nullptr);
    QString breadcrumbText() const;
    QString headlineText() const;
    QPushButton *stopButton() const { return stop_; }
    QPushButton *cancelButton() const { return cancel_; }

private:
    void poll();

    LoadController *loader_;
    QLabel *breadcrumb_;
    QLabel *headline_;
    QProgressBar *bar_;
    QPushButton *stop_;
    QPushButton *cancel_;
    QTimer *timer_;
};

} // namespace hs::ui
