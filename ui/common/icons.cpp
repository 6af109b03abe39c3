// SPDX-License-Identifier: MIT
#include "common/icons.h"

#include <QApplication>
#include <QFile>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QPixmapCache>
#include <QSvgRenderer>

namespace hs::ui {
namespace {

// Renders an SVG at whatever size and device pixel ratio is asked for. The colour substitution
// happens per paint, so a palette change is picked up without re-creating icons. Rendered pixmaps
// are cached by file, size and colour: models hand out icons from data() on every paint, and a key
// on the engine's address rendered the SVG anew each time (60+ ms for one repaint of the findings
// table) and could hand a freed engine's pixmap to a new icon at the same address.
class SvgIconEngine final : public QIconEngine {
public:
    SvgIconEngine(QString path, QByteArray svg) : path_(std::move(path)), svg_(std::move(svg)) {}

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        QSvgRenderer renderer(colouredSvg(mode));
        renderer.render(painter, QRectF(rect));
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State, qreal scale) override
    {
        const QColor colour = textColour(mode);
        const QString key = QStringLiteral("hs-icon:%1:%2x%3@%4:%5")
                                .arg(path_)
                                .arg(size.width())
                                .arg(size.height())
                                .arg(scale)
                                .arg(colour.rgba());
        QPixmap pm;
        if (QPixmapCache::find(key, &pm))
            return pm;
        pm = QPixmap(size * scale);
        pm.fill(Qt::transparent);
        {
            QPainter p(&pm);
            QSvgRenderer renderer(colouredSvg(mode));
            renderer.render(&p, QRectF(QPointF(0, 0), QSizeF(size * scale)));
        }
        pm.setDevicePixelRatio(scale);
        QPixmapCache::insert(key, pm);
        return pm;
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override { return size; }
    QIconEngine *clone() const override { return new SvgIconEngine(path_, svg_); }
    QString key() const override { return QStringLiteral("hs-svg"); }

private:
    static QColor textColour(QIcon::Mode mode)
    {
        const QPalette pal = QApplication::palette();
        return pal.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::WindowText);
    }
    QByteArray colouredSvg(QIcon::Mode mode) const
    {
        QByteArray out = svg_;
        out.replace("currentColor", textColour(mode).name(QColor::HexRgb).toLatin1());
        return out;
    }
    QString path_;
    QByteArray svg_;
};

QIcon iconFromFile(const QString &path)
{
    // One engine per file for the whole run (UI thread only): no resource read per data() call.
    static QHash<QString, QIcon> loaded;
    if (const auto it = loaded.constFind(path); it != loaded.cend())
        return *it;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QIcon icon(new SvgIconEngine(path, f.readAll()));
    loaded.insert(path, icon);
    return icon;
}

} // namespace

QIcon themedIcon(const QString &name)
{
    return iconFromFile(QStringLiteral(":/hs/ui/%1.svg").arg(name));
}

QIcon applicationIcon()
{
    QIcon icon = iconFromFile(QStringLiteral(":/hs/icons/httpsleuth.svg"));
    return icon.isNull() ? themedIcon(QStringLiteral("app-mark")) : icon;
}

} // namespace hs::ui
