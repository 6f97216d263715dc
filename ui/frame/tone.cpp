#include "tone.h"

#include <QLabel>

namespace Sb::Ui {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor toneColour(Tone tone, const QPalette &palette)
{
    // Material's green and red 800 on light backgrounds, 300 on dark ones: both above 4.5:1.
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Good:
        return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
    case Tone::Bad:
        return dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
    }
    return palette.color(QPalette::Text);
}

void showToned(QLabel *label, const QString &text, std::optional<Tone> tone)
{
    QPalette colours = label->parentWidget() ? label->parentWidget()->palette() : label->palette();
    if (tone)
        colours.setColor(QPalette::WindowText, toneColour(*tone, colours));
    label->setPalette(colours);
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace Sb::Ui
