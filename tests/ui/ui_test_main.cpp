// SPDX-License-Identifier: MIT
// Catch2 main for the UI tests: a QApplication on the offscreen platform (unless the environment
// names another, e.g. xcb under Xvfb), TZ pinned to UTC, settings under a test organisation.
#if __has_include(<catch2/catch_session.hpp>)
#include <catch2/catch_session.hpp>
#else
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#endif

#include <QApplication>

#include <cstdlib>

int main(int argc, char **argv)
{
#ifdef _WIN32
    _putenv_s("TZ", "UTC");
#else
    setenv("TZ", "UTC", 1);
#endif
    // catch_discover_tests runs the binary without the test environment: default to offscreen here.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("HttpSleuthTests"));
    QApplication::setApplicationName(QStringLiteral("HttpSleuthUiTests"));
    return Catch::Session().run(argc, argv);
}
