#pragma once

#include <QIcon>
#include <QString>

namespace Sb::Ui {

// The console's icons: line drawings in SVG (resources/icons/NAME.svg), drawn at whatever size
// and device pixel ratio they are shown (crisp on a high-DPI screen), in the palette's text
// colour at the moment they are drawn (so they read on light and dark palettes alike).
QIcon consoleIcon(const QString &name);

} // namespace Sb::Ui
