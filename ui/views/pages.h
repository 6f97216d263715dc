#pragma once

#include <ui/frame/page.h>

#include <QList>

namespace Sb::Ui {

// The console's pages, in the order of the navigation and of Ctrl+1, Ctrl+2, …. Adding a view is
// its folder under ui/views/ and one line in pages.cpp.
QList<PageFactory> consolePages();

} // namespace Sb::Ui
