#include "figurecard.h"

#include <ui/frame/tone.h>

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace Sb::Ui {

FigureCard::FigureCard(const QString &title, Better better, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(title, this))
    , m_value(new QLabel(QStringLiteral("–"), this))
    , m_change(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_better(better)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    m_value->setFont(big);
    m_title->setForegroundRole(QPalette::PlaceholderText);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    m_detail->hide();
    // Long words (Spanish) wrap within the card rather than widen the window.
    for (QLabel *label : {m_title, m_change, m_detail})
        label->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_change);
    layout->addWidget(m_detail);
    layout->addStretch(1);
    setAccessibleName(title);
}

void FigureCard::showFigure(int value, int previous, const QString &comparedWith)
{
    const QLocale locale;
    m_value->setText(locale.toString(value));
    QString change;
    int direction = 0; // +1 more, -1 fewer
    if (value == previous) {
        change = tr("same as %1").arg(comparedWith);
    } else if (previous == 0) {
        direction = 1;
        change = tr("▲ none in %1").arg(comparedWith);
    } else {
        direction = value > previous ? 1 : -1;
        const int percent = qRound(100.0 * std::abs(value - previous) / previous);
        change = (direction > 0 ? tr("▲ %1% on %2") : tr("▼ %1% on %2"))
                     .arg(locale.toString(percent), comparedWith);
    }
    m_change->setText(change);
    QPalette colours = m_change->palette();
    const bool isGood = (direction > 0) == (m_better == Better::More);
    QColor colour = colours.color(QPalette::PlaceholderText);
    if (direction != 0) {
        colour = toneColour(isGood ? Tone::Good : Tone::Bad, palette());
    }
    // On the card's Base background a label draws in Text, elsewhere in WindowText.
    colours.setColor(QPalette::WindowText, colour);
    colours.setColor(QPalette::Text, colour);
    m_change->setPalette(colours);
    setAccessibleName(m_title->text() + QStringLiteral(": ") + m_value->text() + QStringLiteral(", ")
                      + change);
}

void FigureCard::clear()
{
    m_value->setText(QStringLiteral("–"));
    m_change->clear();
    setAccessibleName(m_title->text());
}

void FigureCard::setDetail(const QString &detail)
{
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
}

QString FigureCard::title() const
{
    return m_title->text();
}

QString FigureCard::valueText() const
{
    return m_value->text();
}

QString FigureCard::changeText() const
{
    return m_change->text();
}

} // namespace Sb::Ui
