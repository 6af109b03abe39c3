// SPDX-License-Identifier: MIT
// The line above each table: filter text (RE2, field filters), the active time range, a busy
// indicator for background filter/sort jobs, and "shown of total" counts.
#pragma once

#include "filter/filter_query.h"
#include "model/time.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace hs::ui {

class FilterBar final : public QWidget {
    Q_OBJECT
public:
    explicit FilterBar(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text); // does not emit filterRequested
    QLineEdit *lineEdit() const { return edit_; }

    void showError(const FilterError &error); // empty message clears
    QString errorText() const;
    void setTimeRange(TimeUs from, TimeUs to);
    void setCounts(std::size_t shown, std::size_t total);
    void setBusy(bool busy, int permille = 0);
    void setFieldHelp(const QString &html); // tooltip listing the table's fields

Q_SIGNALS:
    // After typing settles (250 ms) or on Enter.
    void filterRequested(const QString &text);
    void clearTimeRangeRequested();

private:
    QLineEdit *edit_;
    QLabel *error_;
    QToolButton *range_;
    QLabel *busy_;
    QLabel *counts_;
    QTimer *debounce_;
    QString errorText_; // kept apart from the label, which is invisible on a hidden tab
};

} // namespace hs::ui
