#include "../support/pagesettled.h"
#include "../support/testdatabase.h"

#include <core/demo/demoseed.h>
#include <ui/frame/page.h>
#include <ui/views/mainwindow.h>

#include <QAbstractButton>
#include <QAccessible>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Sb;

// Every control a keyboard can reach has a name a screen reader can say: the walk goes through
// every page of the console on the demo clinic and fails on a focusable widget without one.
class tst_Accessibility : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_accessibility"));
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void everyFocusableControlHasAName();
};

void tst_Accessibility::everyFocusableControlHasAName()
{
    Test::TestDatabase databases;
    auto database = databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(database);
    Demo::DemoOptions options;
    options.callsPerTenant = 30;
    options.staffName = QStringLiteral("maria");
    SB_VERIFY_OK(Demo::DemoSeed(**database).seed(options));

    Ui::MainWindow window;
    window.show();
    QSignalSpy signedIn(&window, &Ui::MainWindow::signedIn);
    window.signIn(*Store::DatabaseUrl::parse(databases.lastUrl()), QStringLiteral("maria"), {});
    QVERIFY(signedIn.wait(15000));
    auto *navigation = window.findChild<QListWidget *>();
    QVERIFY(navigation);
    QStringList unnamed;
    int checked = 0;
    for (int row = 0; row < navigation->count(); ++row) {
        navigation->setCurrentRow(row);
        QTRY_VERIFY_WITH_TIMEOUT(Test::pageSettled(window), 10000); // its rows, a call's detail
        const QString page = navigation->item(row)->text();
        for (QWidget *widget : window.findChildren<QWidget *>()) {
            if (!widget->isVisible() || widget->focusPolicy() == Qt::NoFocus
                || !widget->isEnabled())
                continue;
            ++checked;
            QString name = widget->accessibleName();
            if (const auto *button = qobject_cast<QAbstractButton *>(widget);
                name.isEmpty() && button)
                name = button->text(); // a button's label is its name
            if (name.trimmed().isEmpty()) {
                unnamed.append(QStringLiteral("%1: %2 (%3)")
                                   .arg(page,
                                        QString::fromLatin1(widget->metaObject()->className()),
                                        widget->objectName() + QStringLiteral(" in ")
                                            + QString::fromLatin1(
                                                widget->parentWidget()
                                                    ? widget->parentWidget()->metaObject()->className()
                                                    : "-")));
            }
        }
    }
    unnamed.removeDuplicates();
    qInfo() << checked << "focusable controls checked";
    QVERIFY(checked > 12); // the walk saw the pages' controls
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral("\n"))));
}

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
