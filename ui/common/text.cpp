// SPDX-License-Identifier: MIT
#include "common/text.h"

#include <QStringDecoder>

#include <cmath>

namespace hs::ui {

QString toQString(std::string_view bytes)
{
    if (bytes.empty())
        return {};
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())));
    if (!decoder.hasError())
        return text;
    return QString::fromLatin1(bytes.data(), static_cast<qsizetype>(bytes.size()));
}

QString pathToQString(const std::filesystem::path &path)
{
    const std::u8string bytes = path.u8string();
    return toQString(std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
}

QString formatCount(std::uint64_t n)
{
    QString digits = QString::number(n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return digits;
}

QString formatBytes(std::uint64_t n)
{
    static const char *const kUnits[] = {"B", "KB", "MB", "GB", "TB"};
    double v = static_cast<double>(n);
    int unit = 0;
    while (v >= 1024.0 && unit < 4) {
        v /= 1024.0;
        ++unit;
    }
    if (unit == 0)
        return QStringLiteral("%1 B").arg(n);
    return QStringLiteral("%1 %2").arg(v, 0, 'f', v < 10 ? 1 : 0).arg(QLatin1String(kUnits[unit]));
}

QString formatTime(TimeUs t)
{
    if (t == kNoTime)
        return {};
    return QString::fromStdString(formatHuman(t));
}

QString formatAxisTime(TimeUs t, TimeUs span)
{
    const CivilTime c = toCivil(t);
    if (span < 2 * kUsPerMinute && c.micros != 0)
        return QStringLiteral("%1:%2:%3.%4")
            .arg(c.hour, 2, 10, QLatin1Char('0'))
            .arg(c.minute, 2, 10, QLatin1Char('0'))
            .arg(c.second, 2, 10, QLatin1Char('0'))
            .arg(c.micros / 1000, 3, 10, QLatin1Char('0'));
    if (span < kUsPerDay)
        return QStringLiteral("%1:%2:%3")
            .arg(c.hour, 2, 10, QLatin1Char('0'))
            .arg(c.minute, 2, 10, QLatin1Char('0'))
            .arg(c.second, 2, 10, QLatin1Char('0'));
    if (span < 400 * kUsPerDay)
        return QStringLiteral("%1-%2 %3:%4")
            .arg(c.month, 2, 10, QLatin1Char('0'))
            .arg(c.day, 2, 10, QLatin1Char('0'))
            .arg(c.hour, 2, 10, QLatin1Char('0'))
            .arg(c.minute, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1-%2-%3")
        .arg(c.year)
        .arg(c.month, 2, 10, QLatin1Char('0'))
        .arg(c.day, 2, 10, QLatin1Char('0'));
}

QString formatDurationUs(TimeUs us)
{
    return QString::fromStdString(formatDuration(us));
}

QString formatBucketWidth(TimeUs width)
{
    if (width >= kUsPerDay && width % kUsPerDay == 0)
        return width == kUsPerDay ? QStringLiteral("1 day") : QStringLiteral("%1 days").arg(width / kUsPerDay);
    if (width >= 3600 * kUsPerSecond && width % (3600 * kUsPerSecond) == 0)
        return QStringLiteral("%1 h").arg(width / (3600 * kUsPerSecond));
    if (width >= kUsPerMinute && width % kUsPerMinute == 0)
        return QStringLiteral("%1 min").arg(width / kUsPerMinute);
    if (width >= kUsPerSecond && width % kUsPerSecond == 0)
        return QStringLiteral("%1 s").arg(width / kUsPerSecond);
    return formatDurationUs(width);
}

QString htmlEscape(const QString &text)
{
    return text.toHtmlEscaped();
}

QString htmlEscape(std::string_view bytes)
{
    return toQString(bytes).toHtmlEscaped();
}

} // namespace hs::ui
