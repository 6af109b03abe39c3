// SPDX-License-Identifier: MIT
#include "window/recent_bundles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace hs::ui {
namespace {

const QString kKey = QStringLiteral("recent/bundles");

} // namespace

QList<QStringList> RecentBundles::entries() const
{
    QList<QStringList> out;
    const QStringList stored = settings_.value(kKey).toStringList();
    for (const QString &entry : stored) {
        const QStringList paths = entry.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (!paths.isEmpty())
            out << paths;
    }
    return out;
}

void RecentBundles::add(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    QList<QStringList> list = entries();
    list.removeAll(paths);
    list.prepend(paths);
    while (list.size() > kMaxEntries)
        list.removeLast();
    save(list);
}

void RecentBundles::remove(const QStringList &paths)
{
    QList<QStringList> list = entries();
    list.removeAll(paths);
    save(list);
}

void RecentBundles::clear()
{
    save({});
}

void RecentBundles::save(const QList<QStringList> &list)
{
    QStringList stored;
    for (const QStringList &paths : list)
        stored << paths.join(QLatin1Char('\n'));
    settings_.setValue(kKey, stored);
}

QString RecentBundles::label(const QStringList &paths)
{
    if (paths.isEmpty())
        return {};
    const QFileInfo first(paths.front());
    QString name = first.fileName().isEmpty() ? QDir::toNativeSeparators(paths.front()) : first.fileName();
    if (paths.size() > 1)
        name = QCoreApplication::translate("hs::ui::RecentBundles", "%1 (+%2 more)").arg(name).arg(paths.size() - 1);
    return name;
}

} // namespace hs::ui
