#include "demorecordings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

namespace Sb::Demo {

namespace {
constexpr int kSampleRate = 22050; // espeak-ng's own rate: its speech needs no resampling
constexpr double kLeadIn = 0.5; // seconds of silence before the first turn
constexpr double kPause = 0.45; // between turns

QByteArray silence(double seconds)
{
    return QByteArray(int(seconds * kSampleRate) * 2, '\0');
}

// A tone the length the line would take to say, softened at both ends.
QByteArray tone(const DemoRecordings::Line &line)
{
    const double seconds = qBound(0.6, line.text.size() / 15.0, 6.0);
    const double pitch = line.isAssistant ? 330.0 : 220.0;
    const int count = int(seconds * kSampleRate);
    QByteArray samples(count * 2, Qt::Uninitialized);
    for (int i = 0; i < count; ++i) {
        const double t = double(i) / kSampleRate;
        const double envelope = std::min({1.0, t / 0.05, (seconds - t) / 0.05});
        const auto value =
            qint16(std::lround(6000 * envelope * std::sin(2 * std::numbers::pi * pitch * t)));
        qToLittleEndian(value, samples.data() + 2 * i);
    }
    return samples;
}

// The samples of the "data" chunk of a 16-bit mono WAV espeak-ng wrote; empty if it is not one.
QByteArray samplesOf(const QByteArray &wav)
{
    if (wav.size() < 12 || !wav.startsWith("RIFF") || wav.mid(8, 4) != "WAVE")
        return {};
    qsizetype at = 12;
    while (at + 8 <= wav.size()) {
        const QByteArray id = wav.mid(at, 4);
        const quint32 size = qFromLittleEndian<quint32>(wav.constData() + at + 4);
        if (id == "data") {
            // espeak-ng streaming to stdout cannot seek back: its sizes may be 0 or too large.
            const qsizetype available = wav.size() - at - 8;
            const qsizetype length = size == 0 || size > available ? available : size;
            return wav.mid(at + 8, length & ~qsizetype(1));
        }
        at += 8 + size + (size & 1);
    }
    return {};
}

QByteArray spoken(const DemoRecordings::Line &line)
{
    QProcess espeak;
    espeak.start(QStringLiteral("espeak-ng"),
                 {QStringLiteral("-v"),
                  line.isAssistant ? QStringLiteral("en-us+f3") : QStringLiteral("en-us+m3"),
                  QStringLiteral("-s"),
                  QStringLiteral("160"),
                  QStringLiteral("--stdout"),
                  line.text});
    if (!espeak.waitForFinished(20000) || espeak.exitCode() != 0)
        return tone(line);
    const QByteArray samples = samplesOf(espeak.readAllStandardOutput());
    return samples.isEmpty() ? tone(line) : samples;
}
} // namespace

bool DemoRecordings::isSpoken()
{
    static const bool found =
        !QStandardPaths::findExecutable(QStringLiteral("espeak-ng")).isEmpty();
    return found;
}

DemoRecordings::Recording DemoRecordings::synthesize(const QList<Line> &lines)
{
    QByteArray samples = silence(kLeadIn);
    Recording recording;
    for (const Line &line : lines) {
        recording.turnStarts.append(double(samples.size() / 2) / kSampleRate);
        samples += isSpoken() ? spoken(line) : tone(line);
        samples += silence(kPause);
    }
    recording.seconds = double(samples.size() / 2) / kSampleRate;
    recording.wav = wavOf(samples, kSampleRate);
    return recording;
}

QString DemoRecordings::folder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("switchboard/demo-recordings"));
}

QUrl DemoRecordings::urlOf(const QString &fileName)
{
    QUrl url;
    url.setScheme(QStringLiteral("demo"));
    url.setPath(fileName);
    return url;
}

std::optional<QString> DemoRecordings::pathOf(const QUrl &url)
{
    // A plain name: no folders, nothing hidden, so a URL can never reach another file.
    static const QRegularExpression plainName(
        QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_-]*\\.(wav|svg)$"));
    if (url.scheme() != u"demo" || !plainName.match(url.path()).hasMatch())
        return std::nullopt;
    const QString path = QDir(folder()).filePath(url.path());
    if (!QFileInfo(path).isFile())
        return std::nullopt;
    return path;
}

Result<QUrl> DemoRecordings::insuranceCard()
{
    static const char card[] =
        "<svg xmlns='http://www.w3.org/2000/svg' width='480' height='300' viewBox='0 0 480 300'>"
        "<rect width='480' height='300' rx='18' fill='#1e3a8a'/>"
        "<rect x='24' y='24' width='432' height='56' rx='8' fill='#3b82f6'/>"
        "<text x='40' y='62' font-family='sans-serif' font-size='26' fill='white'>"
        "Evergreen Dental Plan</text>"
        "<text x='40' y='130' font-family='sans-serif' font-size='18' fill='#bfdbfe'>Member</text>"
        "<text x='40' y='160' font-family='sans-serif' font-size='24' fill='white'>"
        "DEMO PATIENT</text>"
        "<text x='40' y='210' font-family='sans-serif' font-size='18' fill='#bfdbfe'>"
        "Member ID</text>"
        "<text x='40' y='240' font-family='monospace' font-size='24' fill='white'>"
        "EDP 0000 5550 107</text>"
        "<circle cx='400' cy='200' r='40' fill='#f59e0b'/></svg>";
    const QString name = QStringLiteral("insurance-card.svg");
    QDir().mkpath(folder());
    QSaveFile file(QDir(folder()).filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(card) < 0 || !file.commit()) {
        return Error{ErrorCode::IoError,
                     QCoreApplication::translate("Sb::Demo::DemoRecordings", "Cannot write %1: %2")
                         .arg(file.fileName(), file.errorString())};
    }
    return urlOf(name);
}

QByteArray DemoRecordings::wavOf(const QByteArray &samples, int sampleRate)
{
    QByteArray wav(44, '\0');
    char *header = wav.data();
    auto put32 = [&](int at, quint32 value) {
        qToLittleEndian(value, header + at);
    };
    auto put16 = [&](int at, quint16 value) {
        qToLittleEndian(value, header + at);
    };
    memcpy(header, "RIFF", 4);
    put32(4, quint32(36 + samples.size()));
    memcpy(header + 8, "WAVEfmt ", 8);
    put32(16, 16); // PCM format chunk
    put16(20, 1); // PCM
    put16(22, 1); // mono
    put32(24, quint32(sampleRate));
    put32(28, quint32(sampleRate * 2)); // bytes per second
    put16(32, 2); // bytes per frame
    put16(34, 16); // bits per sample
    memcpy(header + 36, "data", 4);
    put32(40, quint32(samples.size()));
    return wav + samples;
}

} // namespace Sb::Demo
