#pragma once

#include <core/common/result.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace Sb::Demo {

// The demo clinic's recordings: short WAV files that play offline, their speech from espeak-ng
// where it is installed and tones otherwise (assistant and caller at different pitches), and
// the second each turn starts at, so a transcript's highlight follows real audio. They live in
// this machine's data folder and calls name them "demo:<file>"; nothing else is read from there.
class DemoRecordings final
{
public:
    struct Line
    {
        bool isAssistant = true;
        QString text;
    };
    struct Recording
    {
        QByteArray wav; // 16-bit mono PCM in a RIFF container
        QList<double> turnStarts; // seconds from the start, one per line
        double seconds = 0;
    };

    // Speech when espeak-ng is there (isSpoken), tones otherwise.
    static Recording synthesize(const QList<Line> &lines);
    static bool isSpoken();

    // Where demo recordings are kept on this machine.
    static QString folder();
    // "demo:<name>.wav" for a file of that folder.
    static QUrl urlOf(const QString &fileName);
    // The file a "demo:" URL names, if the name is a plain file name of the folder that exists.
    static std::optional<QString> pathOf(const QUrl &url);
    // A made-up insurance card (SVG) a demo patient texts: written to the folder, its demo: URL.
    static Result<QUrl> insuranceCard();

    // A WAV file of 16-bit mono samples.
    static QByteArray wavOf(const QByteArray &samples, int sampleRate);
};

} // namespace Sb::Demo
