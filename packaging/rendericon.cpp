// Renders the application's one SVG icon into what each platform wants, at build time:
//   sb_render_icon SVG SIZE OUT.png   one square PNG (Linux's hicolor sizes)
//   sb_render_icon SVG OUT.ico        Windows: the program's and the installer's icon
//   sb_render_icon SVG OUT.icns       macOS: the bundle's icon
// Both containers hold PNG images, as Windows Vista and later and macOS 10.7 and later read
// them, so each size is drawn from the vector source rather than scaled from another bitmap.
#include <QBuffer>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgRenderer>

#include <cstdio>
#include <optional>

namespace {

std::optional<QByteArray> pngOf(QSvgRenderer &svg, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter);
    painter.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return std::nullopt;
    return png;
}

// ICONDIR, then an ICONDIRENTRY per image (little-endian), then the images. A width or height
// of 256 is written as 0, as the format says.
QByteArray icoOf(const QList<QPair<int, QByteArray>> &images)
{
    QByteArray ico;
    QDataStream out(&ico, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    out << quint16(0) << quint16(1) << quint16(images.size());
    quint32 offset = 6 + 16 * quint32(images.size());
    for (const auto &[size, png] : images) {
        const quint8 side = size >= 256 ? 0 : quint8(size);
        out << side << side << quint8(0) << quint8(0) << quint16(1) << quint16(32)
            << quint32(png.size()) << offset;
        offset += quint32(png.size());
    }
    for (const auto &image : images)
        out.writeRawData(image.second.constData(), int(image.second.size()));
    return ico;
}

// 'icns' and the file's length, then per image its four-letter type and length (big-endian,
// both including their 8-byte headers) and the PNG.
QByteArray icnsOf(const QList<QPair<QByteArray, QByteArray>> &images)
{
    QByteArray body;
    QDataStream out(&body, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::BigEndian);
    for (const auto &[type, png] : images) {
        out.writeRawData(type.constData(), 4);
        out << quint32(8 + png.size());
        out.writeRawData(png.constData(), int(png.size()));
    }
    QByteArray icns("icns");
    QDataStream header(&icns, QIODevice::Append);
    header.setByteOrder(QDataStream::BigEndian);
    header << quint32(8 + body.size());
    return icns + body;
}

int fail(const char *what, const QString &path)
{
    std::fprintf(stderr, "sb_render_icon: %s %s\n", what, qPrintable(path));
    return 1;
}

bool save(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const QString out = arguments.value(arguments.size() - 1);
    const bool container = arguments.size() == 3
        && (out.endsWith(u".ico") || out.endsWith(u".icns"));
    bool isNumber = false;
    const int size = arguments.value(2).toInt(&isNumber);
    if (!container && (arguments.size() != 4 || !isNumber || size < 8 || size > 1024)) {
        std::fprintf(stderr, "usage: sb_render_icon SVG SIZE OUT.png | SVG OUT.ico | SVG OUT.icns\n");
        return 2;
    }
    QSvgRenderer svg(arguments.at(1));
    if (!svg.isValid())
        return fail("cannot draw the SVG", arguments.at(1));

    QByteArray bytes;
    if (!container) {
        const auto png = pngOf(svg, size);
        if (!png)
            return fail("could not encode", out);
        bytes = *png;
    } else if (out.endsWith(u".ico")) {
        // The sizes Windows asks for: Explorer's views, the taskbar, the installer.
        QList<QPair<int, QByteArray>> images;
        for (int side : {16, 24, 32, 48, 64, 256}) {
            const auto png = pngOf(svg, side);
            if (!png)
                return fail("could not encode", out);
            images.append({side, *png});
        }
        bytes = icoOf(images);
    } else {
        // Finder's sizes, each also as the half size at double density (ic11-ic14).
        const QList<QPair<const char *, int>> types = {
            {"icp4", 16}, {"icp5", 32}, {"ic11", 32}, {"ic12", 64}, {"ic07", 128},
            {"ic08", 256}, {"ic13", 256}, {"ic09", 512}, {"ic14", 512}, {"ic10", 1024}};
        QList<QPair<QByteArray, QByteArray>> images;
        for (const auto &[type, side] : types) {
            const auto png = pngOf(svg, side);
            if (!png)
                return fail("could not encode", out);
            images.append({QByteArray(type), *png});
        }
        bytes = icnsOf(images);
    }
    if (!save(out, bytes))
        return fail("could not write", out);
    return 0;
}
