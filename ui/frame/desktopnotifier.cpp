#include "desktopnotifier.h"

#include "icons.h"

#include "callreportnotifier.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>

namespace Sb::Ui {

DesktopNotifier::DesktopNotifier(QMainWindow *window)
    : QObject(window)
    , m_window(window)
{}

void DesktopNotifier::show(const QString &title, const QString &message)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(m_window->windowIcon(), this);
            m_tray->setToolTip(tr("Switchboard"));
            connect(m_tray, &QSystemTrayIcon::messageClicked, m_window, [window = m_window] {
                window->showNormal();
                window->raise();
                window->activateWindow();
            });
            m_tray->show();
        }
        m_tray->showMessage(title, message, QSystemTrayIcon::Information, 10000);
    } else {
        QApplication::alert(m_window); // the taskbar asks for attention instead
        m_window->statusBar()->showMessage(title + QStringLiteral(" — ") + message, 30000);
    }
    emit shown(title, message);
}

QAction *DesktopNotifier::callReportsToggle(QObject *parent)
{
    auto *toggle = new QAction(
        consoleIcon(QStringLiteral("notify")),
        tr("Notify of reports and texts"),
        parent);
    toggle->setCheckable(true);
    toggle->setChecked(CallReportNotifier::isEnabled() || MessageNotifier::isEnabled());
    toggle->setToolTip(tr("Say when the assistant has reported on a call, or a patient has "
                          "written, while Switchboard is in the background"));
    connect(toggle, &QAction::toggled, [](bool isOn) {
        CallReportNotifier::setEnabled(isOn);
        MessageNotifier::setEnabled(isOn);
    });
    return toggle;
}

} // namespace Sb::Ui
