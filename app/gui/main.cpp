// SPDX-License-Identifier: MIT
#include "httpsleuth/version.h"
#include "main_window.h"

#include <QApplication>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("HttpSleuth"));
    QApplication::setApplicationVersion(QString::fromLatin1(hs::kVersion));
    QApplication::setOrganizationName(QStringLiteral("HttpSleuth"));
    hs::MainWindow window;
    window.show();
    const QStringList args = QApplication::arguments().mid(1);
    if (!args.isEmpty())
        window.openPaths(args);
    return QApplication::exec();
}
