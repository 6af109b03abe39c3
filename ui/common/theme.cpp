// SPDX-License-Identifier: MIT
#include "common/theme.h"

#include <QCoreApplication>

#include <array>

namespace hs::ui {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor severityColor(Severity severity, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (severity) {
    case Severity::Critical: return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
    case Severity::Warning: return dark ? QColor(0xff, 0xc1, 0x4d) : QColor(0xb2, 0x6a, 0x00);
    case Severity::Info: return dark ? QColor(0x6c, 0xb4, 0xff) : QColor(0x15, 0x65, 0xc0);
    }
    return palette.color(QPalette::Text);
}

QString severityLabel(Severity severity)
{
    switch (severity) {
    case Severity::Critical: return QCoreApplication::translate("hs::ui", "Critical");
    case Severity::Warning: return QCoreApplication::translate("hs::ui", "Warning");
    case Severity::Info: return QCoreApplication::translate("hs::ui", "Info");
    }
    return {};
}

QString confidenceLabel(Confidence confidence)
{
    switch (confidence) {
    case Confidence::High: return QCoreApplication::translate("hs::ui", "High");
    case Confidence::Medium: return QCoreApplication::translate("hs::ui", "Medium");
    case Confidence::Low: return QCoreApplication::translate("hs::ui", "Low");
    }
    return {};
}

QColor errorColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd3, 0x2f, 0x2f);
}

QColor warningColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0xc1, 0x4d) : QColor(0xb2, 0x6a, 0x00);
}

QColor laneColor(FormatId format, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (format) {
    case FormatId::HttpErr: return dark ? QColor(0xe0, 0x8a, 0x4a) : QColor(0xd8, 0x73, 0x2c);
    case FormatId::Pcap:
    case FormatId::Pcapng: return dark ? QColor(0x5f, 0xc4, 0xa8) : QColor(0x1f, 0x8a, 0x70);
    case FormatId::Har:
    case FormatId::Saz: return dark ? QColor(0xb3, 0x9d, 0xf0) : QColor(0x6a, 0x4c, 0xc0);
    default: return dark ? QColor(0x6c, 0xa8, 0xf0) : QColor(0x2f, 0x6f, 0xc0);
    }
}

QColor seriesColor(int n, const QPalette &palette)
{
    // Okabe–Ito-like hues, distinguishable with common colour-vision deficiencies.
    static constexpr std::array<QRgb, 10> kLight = {0x0072b2, 0xe69f00, 0x009e73, 0xcc79a7, 0x56b4e9,
                                                    0xd55e00, 0x7f7f7f, 0xf0e442, 0x8c564b, 0x332288};
    static constexpr std::array<QRgb, 10> kDark = {0x4ea3e0, 0xffb733, 0x2cc79b, 0xe39ac6, 0x8fd0f5,
                                                   0xff7f3f, 0xb0b0b0, 0xf5ec6a, 0xc08a7e, 0x8f7fe0};
    const auto &table = isDark(palette) ? kDark : kLight;
    return QColor::fromRgb(table[static_cast<std::size_t>(n) % table.size()]);
}

QColor mutedTextColor(const QPalette &palette)
{
    QColor c = palette.color(QPalette::WindowText);
    c.setAlphaF(0.55f);
    return c;
}

} // namespace hs::ui
