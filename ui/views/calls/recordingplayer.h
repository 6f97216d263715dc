#pragma once

#include <QWidget>

class QAudioOutput;
class QComboBox;
class QLabel;
class QMediaPlayer;
class QSlider;
class QToolButton;

namespace Sb::Ui {

// A call's recording: play/pause, a position slider, position and length, 1× 1.5× 2×. Plays
// a file it is given (MediaFetcher fetched it); says so while it waits for one, or why
// there is none. Into a silent output when the computer has no sound card.
class RecordingPlayer final : public QWidget
{
    Q_OBJECT

public:
    explicit RecordingPlayer(QWidget *parent = nullptr);

    void showFetching();
    void showUnavailable(const QString &why);
    void load(const QString &path);
    void clear();

    bool hasMedia() const;
    bool isPlaying() const;
    qint64 position() const; // milliseconds
    qint64 duration() const;
    double rate() const;

    void togglePlay();
    void play();
    void pause();
    void seekTo(qint64 milliseconds);
    void seekBy(qint64 milliseconds);
    void setRate(double rate);

    QToolButton *playButton() const { return m_play; }
    QSlider *slider() const { return m_slider; }
    QComboBox *speed() const { return m_speed; }
    QLabel *status() const { return m_status; }

signals:
    void positionChanged(qint64 milliseconds);

private:
    void showPosition(qint64 milliseconds);
    void showState();

    QMediaPlayer *m_player;
    QAudioOutput *m_output;
    QToolButton *m_play;
    QSlider *m_slider;
    QLabel *m_time;
    QComboBox *m_speed;
    QLabel *m_status;
    bool m_hasMedia = false;
};

} // namespace Sb::Ui
