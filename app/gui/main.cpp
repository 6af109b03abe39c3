// SPDX-License-Identifier: MIT
// The desktop application: `httpsleuth [PATH...]` opens the window and starts reading the paths.
#include "httpsleuth/version.h"
#include "window/main_window.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char **argv)
{
#ifdef Q_OS_WIN
    // Qt 6.4 follows the Windows dark mode for the palette only when asked to.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "windows:darkmode=2");
#endif
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("HttpSleuth"));
    QApplication::setApplicationDisplayName(QStringLiteral("HttpSleuth"));
    QApplication::setApplicationVersion(QString::fromLatin1(hs::kVersion));
    QApplication::setOrganizationName(QStringLiteral("HttpSleuth"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.httpsleuth.HttpSleuth"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Diagnoses IIS / HTTP.sys connection problems from HTTPERR and W3C logs, captures and HAR/SAZ exports."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("paths"), QStringLiteral("Folders, files or .zip bundles to analyse."),
                                 QStringLiteral("[PATH...]"));
    parser.process(app);

    hs::ui::MainWindow window;
    window.show();
    const QStringList paths = parser.positionalArguments();
    if (!paths.isEmpty())
        window.openPaths(paths);
    return QApplication::exec();
}
