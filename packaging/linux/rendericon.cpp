// Renders the application's SVG icon as a square PNG of one size (the hicolor theme's sizes are
// made from the one SVG at build time): sb_render_icon SVG SIZE OUT.png
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    bool isNumber = false;
    const int size = arguments.value(2).toInt(&isNumber);
    if (arguments.size() != 4 || !isNumber || size < 8 || size > 1024) {
        std::fprintf(stderr, "usage: sb_render_icon SVG SIZE OUT.png\n");
        return 2;
    }
    QSvgRenderer svg(arguments.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "sb_render_icon: %s is not an SVG it can draw\n", qPrintable(arguments.at(1)));
        return 1;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter);
    painter.end();
    QDir().mkpath(QFileInfo(arguments.at(3)).absolutePath());
    if (!image.save(arguments.at(3), "PNG")) {
        std::fprintf(stderr, "sb_render_icon: could not write %s\n", qPrintable(arguments.at(3)));
        return 1;
    }
    return 0;
}
