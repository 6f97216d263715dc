#include "aboutbox.h"

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QMessageBox>
#include <QPointer>

namespace Sb::Ui {

QIcon applicationIcon()
{
    return QIcon(QStringLiteral(":/app/org.switchboard.Switchboard.svg"));
}

QAction *aboutAction(QWidget *window)
{
    auto *action = new QAction(QCoreApplication::translate("Sb::Ui::AboutBox", "About"), window);
    action->setObjectName(QStringLiteral("aboutAction"));
    action->setToolTip(QCoreApplication::translate("Sb::Ui::AboutBox", "About Switchboard"));
    QObject::connect(action, &QAction::triggered, window, [window = QPointer<QWidget>(window)] {
        if (!window)
            return;
        QMessageBox box(window);
        box.setObjectName(QStringLiteral("aboutBox"));
        box.setWindowTitle(QCoreApplication::translate("Sb::Ui::AboutBox", "About Switchboard"));
        box.setIconPixmap(applicationIcon().pixmap(64, 64));
        box.setTextFormat(Qt::RichText);
        box.setText(QCoreApplication::translate("Sb::Ui::AboutBox", "<h3>Switchboard %1</h3>")
                        .arg(QApplication::applicationVersion().toHtmlEscaped()));
        box.setInformativeText(
            QCoreApplication::translate("Sb::Ui::AboutBox",
                                        "Phone lines, texts, leads and CRM connections for many clinics.<br>"
                                        "Qt %1.<br><br>Installing, running the webhook server and sharing one "
                                        "store: /usr/share/doc/switchboard/install.md (Linux) or docs/install.md.")
                .arg(QString::fromLatin1(qVersion())));
        box.setStandardButtons(QMessageBox::Close);
        box.exec();
    });
    return action;
}

} // namespace Sb::Ui
