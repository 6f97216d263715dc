#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

#include <optional>

class QLabel;

namespace Sb::Ui {

// What a coloured word or figure means. The colour is readable on the palette's own
// background, light or dark; the words say it too (colour is never the only sign).
enum class Tone { Good, Bad };

bool isDark(const QPalette &palette);
// Green or red for text on that palette's window or base background.
QColor toneColour(Tone tone, const QPalette &palette);

// Shows text on a label in that tone (none: the palette's own colour); empty text hides it.
void showToned(QLabel *label, const QString &text, std::optional<Tone> tone);

} // namespace Sb::Ui
