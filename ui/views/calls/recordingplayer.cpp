#include "recordingplayer.h"

#include <ui/frame/icons.h>

#include <QAudioOutput>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaPlayer>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace Sb::Ui {

namespace {
QString clock(qint64 milliseconds)
{
    const qint64 seconds = milliseconds / 1000;
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

RecordingPlayer::RecordingPlayer(QWidget *parent)
    : QWidget(parent)
    , m_player(new QMediaPlayer(this))
    , m_output(new QAudioOutput(this))
    , m_play(new QToolButton(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_time(new QLabel(this))
    , m_speed(new QComboBox(this))
    , m_status(new QLabel(this))
{
    // Without an output nothing plays, not even into silence.
    m_player->setAudioOutput(m_output);
    m_play->setAccessibleName(tr("Play or pause the recording (Space)"));
    m_play->setToolTip(tr("Play or pause (Space); Left and Right seek 5 seconds"));
    m_play->setAutoRaise(true);
    m_slider->setAccessibleName(tr("Position in the recording"));
    m_slider->setSingleStep(5000);
    m_slider->setPageStep(15000);
    m_time->setAccessibleName(tr("Position and length of the recording"));
    m_time->setMinimumWidth(
        m_time->fontMetrics().horizontalAdvance(QStringLiteral("00:00 / 00:00")));
    m_speed->setAccessibleName(tr("Playback speed"));
    for (double rate : {1.0, 1.5, 2.0})
        m_speed->addItem(QLocale().toString(rate) + QStringLiteral("×"), rate);
    m_status->setAccessibleName(tr("Recording"));
    m_status->setWordWrap(true);
    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(m_play);
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_time);
    controls->addWidget(m_speed);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_status);

    connect(m_play, &QToolButton::clicked, this, &RecordingPlayer::togglePlay);
    connect(m_slider, &QSlider::sliderMoved, this, [this](int value) { seekTo(value); });
    connect(m_slider, &QSlider::actionTriggered, this, [this] {
        // Keyboard and page clicks on the slider seek too (sliderMoved is for dragging).
        if (!m_slider->isSliderDown())
            seekTo(m_slider->sliderPosition());
    });
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        m_player->setPlaybackRate(m_speed->currentData().toDouble());
    });
    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 duration) {
        m_slider->setRange(0, int(duration));
        showPosition(m_player->position());
    });
    connect(m_player, &QMediaPlayer::positionChanged, this, &RecordingPlayer::showPosition);
    connect(m_player, &QMediaPlayer::playbackStateChanged, this, &RecordingPlayer::showState);
    connect(m_player,
            &QMediaPlayer::errorOccurred,
            this,
            [this](QMediaPlayer::Error, const QString &why) {
                showUnavailable(tr("The recording cannot be played: %1").arg(why));
            });
    clear();
}

void RecordingPlayer::clear()
{
    m_player->stop();
    m_player->setSource({});
    m_hasMedia = false;
    m_slider->setRange(0, 0);
    m_status->hide();
    showPosition(0);
    showState();
    setVisible(false);
}

void RecordingPlayer::showFetching()
{
    clear();
    setVisible(true);
    m_status->setText(tr("Fetching the recording…"));
    m_status->show();
}

void RecordingPlayer::showUnavailable(const QString &why)
{
    m_player->stop();
    m_hasMedia = false;
    setVisible(true);
    m_status->setText(why);
    m_status->show();
    showState();
}

void RecordingPlayer::load(const QString &path)
{
    m_player->stop();
    m_player->setSource(QUrl::fromLocalFile(path));
    m_player->setPlaybackRate(m_speed->currentData().toDouble());
    m_hasMedia = true;
    m_status->hide();
    setVisible(true);
    showState();
}

bool RecordingPlayer::hasMedia() const
{
    return m_hasMedia;
}

bool RecordingPlayer::isPlaying() const
{
    return m_player->playbackState() == QMediaPlayer::PlayingState;
}

qint64 RecordingPlayer::position() const
{
    return m_player->position();
}

qint64 RecordingPlayer::duration() const
{
    return m_player->duration();
}

double RecordingPlayer::rate() const
{
    return m_player->playbackRate();
}

void RecordingPlayer::togglePlay()
{
    if (isPlaying())
        pause();
    else
        play();
}

void RecordingPlayer::play()
{
    if (!m_hasMedia)
        return;
    if (m_player->mediaStatus() == QMediaPlayer::EndOfMedia)
        m_player->setPosition(0); // from the start again, not a silent click
    m_player->play();
}

void RecordingPlayer::pause()
{
    m_player->pause();
}

void RecordingPlayer::seekTo(qint64 milliseconds)
{
    if (!m_hasMedia)
        return;
    const qint64 length = m_player->duration();
    m_player->setPosition(std::clamp<qint64>(milliseconds, 0, length > 0 ? length : milliseconds));
    showPosition(m_player->position());
}

void RecordingPlayer::seekBy(qint64 milliseconds)
{
    seekTo(m_player->position() + milliseconds);
}

void RecordingPlayer::setRate(double rate)
{
    const int index = m_speed->findData(rate);
    if (index >= 0)
        m_speed->setCurrentIndex(index);
}

void RecordingPlayer::showPosition(qint64 milliseconds)
{
    if (!m_slider->isSliderDown())
        m_slider->setValue(int(milliseconds));
    m_time->setText(
        QStringLiteral("%1 / %2").arg(clock(milliseconds), clock(m_player->duration())));
    emit positionChanged(milliseconds);
}

void RecordingPlayer::showState()
{
    // Without a recording only the words show: no dead controls to wonder about.
    for (QWidget *control : std::initializer_list<QWidget *>{m_play, m_slider, m_time, m_speed})
        control->setVisible(m_hasMedia);
    const bool playing = isPlaying();
    m_play->setIcon(consoleIcon(playing ? QStringLiteral("pause") : QStringLiteral("play")));
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setEnabled(m_hasMedia);
    m_slider->setEnabled(m_hasMedia);
    m_speed->setEnabled(m_hasMedia);
}

} // namespace Sb::Ui
