// SPDX-License-Identifier: MIT
// The timeline with its small tool row (zoom, fit, connection lanes) and a reminder of the gestures.
#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace hs::ui {

class TimelineView;

class TimelinePanel final : public QWidget {
    Q_OBJECT
public:
    explicit TimelinePanel(QWidget *parent = nullptr);
    TimelineView *view() const { return view_; }
    QToolButton *connectionsButton() const { return connections_; }

private:
    TimelineView *view_;
    QLabel *range_;
    QToolButton *connections_;
};

} // namespace hs::ui
