// SPDX-License-Identifier: MIT
#include "cli_runner.h"

#include <QProcess>
#include <QStringList>

namespace hs::test {

CliResult runCli(const std::vector<std::string> &args)
{
    QProcess p;
    QStringList list;
    for (const auto &a : args)
        list << QString::fromStdString(a);
    p.start(QStringLiteral(HS_CLI_PATH), list);
    CliResult r;
    if (!p.waitForStarted(10000))
        return r;
    p.closeWriteChannel();
    p.waitForFinished(240000);
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput().toStdString();
    r.err = p.readAllStandardError().toStdString();
    return r;
}

} // namespace hs::test
