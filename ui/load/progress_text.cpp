// SPDX-License-Identifier: MIT
#include "load/progress_text.h"

#include "common/text.h"
#include "common/theme.h"

#include <QCoreApplication>
#include <QStringList>

#include <array>

namespace hs::ui {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hs::ui::Progress", text);
}

QString stageName(Stage stage, const Progress::Snapshot &s, bool current)
{
    switch (stage) {
    case Stage::Scanning:
        return s.filesFound || current ? tr("Scanning %1 files").arg(formatCount(std::max(s.filesFound, s.filesTotal)))
                                       : tr("Scanning");
    case Stage::ReadingLogs:
        return current && s.filesTotal
                   ? tr("Reading logs %1/%2").arg(formatCount(s.filesDone), formatCount(s.filesTotal))
                   : tr("Reading logs");
    case Stage::ReadingCaptures:
        return current && s.filesTotal
                   ? tr("Reading captures %1/%2").arg(formatCount(s.filesDone), formatCount(s.filesTotal))
                   : tr("Reading captures");
    case Stage::Correlating: return tr("Correlating");
    case Stage::Detecting: return tr("Detecting symptoms");
    case Stage::Idle:
    case Stage::Done: break;
    }
    return {};
}

} // namespace

ProgressText describeProgress(const Progress::Snapshot &s, const QPalette &palette)
{
    static constexpr std::array<Stage, 5> kStages = {Stage::Scanning, Stage::ReadingLogs, Stage::ReadingCaptures,
                                                     Stage::Correlating, Stage::Detecting};
    ProgressText out;
    const QString muted = mutedTextColor(palette).name(QColor::HexArgb);
    QStringList parts;
    for (const Stage stage : kStages) {
        const bool done = static_cast<int>(stage) < static_cast<int>(s.stage) || s.stage == Stage::Done;
        const bool current = stage == s.stage;
        const QString name = stageName(stage, s, current).toHtmlEscaped();
        if (done)
            parts << QStringLiteral("✓ %1").arg(name);
        else if (current)
            parts << QStringLiteral("<b>%1</b>").arg(name);
        else
            parts << QStringLiteral("<span style=\"color:%1\">%2</span>").arg(muted, name);
    }
    out.breadcrumb = parts.join(QStringLiteral(" → "));

    switch (s.stage) {
    case Stage::Idle: out.headline = tr("Starting…"); break;
    case Stage::Scanning: out.headline = tr("Scanning: %1 files found").arg(formatCount(s.filesFound)); break;
    case Stage::ReadingLogs:
    case Stage::ReadingCaptures:
        out.headline = tr("%1 of %2 files read").arg(formatCount(s.filesDone), formatCount(s.filesTotal));
        if (s.bytesTotal) {
            out.headline += tr(", %1 of %2").arg(formatBytes(s.bytesDone), formatBytes(s.bytesTotal));
            out.percent = static_cast<int>(std::min<std::uint64_t>(100, s.bytesDone * 100 / s.bytesTotal));
        }
        break;
    case Stage::Correlating:
    case Stage::Detecting: out.headline = stageName(s.stage, s, true) + QStringLiteral("…"); break;
    case Stage::Done:
        out.headline = tr("Done");
        out.percent = 100;
        break;
    }
    out.detail = QString::fromStdString(s.detail);
    return out;
}

} // namespace hs::ui
