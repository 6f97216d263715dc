#include <ui/frame/icons.h>
#include <ui/views/dashboard/activitycharts.h>

#include <QApplication>
#include <QChart>
#include <QDir>
#include <QImage>
#include <QPalette>
#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;

// The console's icons are drawn from SVG at the size and pixel ratio they are shown (a 2× screen
// gets twice the pixels, not a blurred enlargement) in the palette's colour, so they read on a
// dark palette as on a light one; the dashboard's charts follow a palette change too.
class tst_Icons : public QObject
{
    Q_OBJECT

private slots:
    void everyIconIsDrawnAtTheScreensPixels();
    void iconsTakeThePalettesColour();
    void chartsFollowThePalette();
};

namespace {

QPalette paletteWithText(const QColor &window, const QColor &text)
{
    QPalette palette = QApplication::palette();
    for (auto group : {QPalette::Active, QPalette::Inactive}) {
        palette.setColor(group, QPalette::Window, window);
        palette.setColor(group, QPalette::Base, window);
        palette.setColor(group, QPalette::WindowText, text);
        palette.setColor(group, QPalette::Text, text);
    }
    return palette;
}

// The mean lightness of an icon's drawn (opaque) pixels.
int inkLightness(const QIcon &icon)
{
    const QImage image = icon.pixmap(QSize(48, 48)).toImage();
    qint64 sum = 0;
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (pixel.alpha() > 200) {
                sum += pixel.lightness();
                ++count;
            }
        }
    }
    return count ? int(sum / count) : -1;
}

} // namespace

void tst_Icons::everyIconIsDrawnAtTheScreensPixels()
{
    const QStringList names = QDir(u":/icons"_s).entryList({u"*.svg"_s});
    QVERIFY(names.size() >= 10);
    for (const QString &file : names) {
        const QString name = file.chopped(4);
        const QIcon icon = Ui::consoleIcon(name);
        QVERIFY2(!icon.isNull(), qPrintable(name));
        for (qreal ratio : {1.0, 2.0, 3.0}) {
            const QPixmap pixmap = icon.pixmap(QSize(24, 24), ratio);
            QCOMPARE(pixmap.size(), QSize(24, 24) * ratio);
            QCOMPARE(pixmap.devicePixelRatio(), ratio);
            QVERIFY2(inkLightness(icon) >= 0, qPrintable(name)); // something is drawn
        }
    }
    QVERIFY(Ui::consoleIcon(u"no-such-icon"_s).isNull());
}

void tst_Icons::iconsTakeThePalettesColour()
{
    const QPalette original = QApplication::palette();
    QApplication::setPalette(paletteWithText(Qt::white, QColor(0x20, 0x20, 0x20)));
    QVERIFY(inkLightness(Ui::consoleIcon(u"calls"_s)) < 80);
    QApplication::setPalette(paletteWithText(QColor(0x20, 0x20, 0x20), QColor(0xee, 0xee, 0xee)));
    QVERIFY(inkLightness(Ui::consoleIcon(u"calls"_s)) > 180);
    QApplication::setPalette(original);
}

void tst_Icons::chartsFollowThePalette()
{
    Ui::ActivityCharts charts;
    charts.show();
    const QColor dark(0x20, 0x22, 0x25);
    charts.setPalette(paletteWithText(dark, QColor(0xee, 0xee, 0xee)));
    QCOMPARE(charts.callsChart()->backgroundBrush().color(), dark);
    QCOMPARE(charts.callsChart()->titleBrush().color(), QColor(0xee, 0xee, 0xee));
    charts.setPalette(paletteWithText(Qt::white, Qt::black));
    QCOMPARE(charts.funnelChart()->backgroundBrush().color(), QColor(Qt::white));
}

QTEST_MAIN(tst_Icons)
#include "tst_icons.moc"
