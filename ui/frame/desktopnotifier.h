#pragma once

#include <QObject>

class QAction;
class QMainWindow;
class QSystemTrayIcon;

namespace Sb::Ui {

// Says something to a user working in another window: a message from the tray icon (a click
// on it brings the console forward), or, where there is no tray, the taskbar's attention and
// the status bar. Also makes the toolbar's switch for call-report notifications.
class DesktopNotifier final : public QObject
{
    Q_OBJECT

public:
    explicit DesktopNotifier(QMainWindow *window);

    void show(const QString &title, const QString &message);
    // A checkable "Notify of new reports", kept in the settings (CallReportNotifier).
    static QAction *callReportsToggle(QObject *parent);

signals:
    void shown(const QString &title, const QString &message);

private:
    QMainWindow *m_window;
    QSystemTrayIcon *m_tray = nullptr; // made on the first message
};

} // namespace Sb::Ui
