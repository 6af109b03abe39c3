// SPDX-License-Identifier: MIT
// Recently opened bundles (one or more paths each), most recent first, kept in QSettings.
#pragma once

#include <QList>
#include <QStringList>

class QSettings;

namespace hs::ui {

class RecentBundles {
public:
    static constexpr int kMaxEntries = 10;

    explicit RecentBundles(QSettings &settings) : settings_(settings) {}
    QList<QStringList> entries() const;
    void add(const QStringList &paths); // moves an existing entry to the top
    void remove(const QStringList &paths);
    void clear();
    // "logs-2026-11-21" or "httperr1.log (+2 more)".
    static QString label(const QStringList &paths);

private:
    void save(const QList<QStringList> &entries);
    QSettings &settings_;
};

} // namespace hs::ui
