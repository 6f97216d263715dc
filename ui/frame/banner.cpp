#include "banner.h"

#include "icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace Sb::Ui {

Banner::Banner(QWidget *parent)
    : QFrame(parent)
    , m_message(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry"), this))
{
    setObjectName(QStringLiteral("banner"));
    setAccessibleName(tr("Problem"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // A warm tint of the system palette: readable in light and dark themes alike.
    QPalette tinted = palette();
    const QColor base = tinted.color(QPalette::Window);
    const QColor warning(QStringLiteral("#f0a020"));
    tinted.setColor(QPalette::Window,
                    QColor::fromRgbF(base.redF() * 0.8 + warning.redF() * 0.2,
                                     base.greenF() * 0.8 + warning.greenF() * 0.2,
                                     base.blueF() * 0.8 + warning.blueF() * 0.2));
    setPalette(tinted);
    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(consoleIcon(QStringLiteral("warning")).pixmap(size, size));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setAccessibleName(tr("Retry"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(icon);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_retry);
    connect(m_retry, &QPushButton::clicked, this, &Banner::retryRequested);
    hide();
}

void Banner::showProblem(const QString &message)
{
    m_message->setText(message);
    show();
}

QString Banner::message() const
{
    return isVisible() ? m_message->text() : QString();
}

} // namespace Sb::Ui
