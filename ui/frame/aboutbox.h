#pragma once

class QAction;
class QIcon;
class QWidget;

namespace Sb::Ui {

// The application's icon (resources/app, the same file the packages install).
QIcon applicationIcon();
// "About Switchboard" for the window's tool bar: the version (the project's one version, as
// --version and the package say it), the Qt it runs on, and where the documentation is.
QAction *aboutAction(QWidget *window);

} // namespace Sb::Ui
