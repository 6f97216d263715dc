#include "../support/ctlrunner.h"
#include "../support/testdatabase.h"
#include "../support/twiliotenant.h"

#include <core/store/changefeed.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <ui/frame/provideraccess.h>
#include <ui/views/events/eventsview.h>

#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;

// The Events page: a text to a number no clinic has is quarantined by a real `serve`; the
// administrator sees it with its reason and its payload with the token-shaped values masked,
// adds the number to a clinic, and Replay from the page places it there: it leaves the
// waiting ones, says where it went, and shows in that clinic's webhook log.
class tst_EventsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_eventsview"));
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void aQuarantinedTextIsReplayedOnceItsNumberIsAdded();
};

void tst_EventsView::aQuarantinedTextIsReplayedOnceItsNumberIsAdded()
{
    Test::TestDatabase databases;
    QTemporaryDir dir;
    auto database = databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(database);
    const QString keyFile = dir.filePath(u"vault.key"_s);
    auto sealer = Test::createVault(**database, keyFile);
    SB_VERIFY_OK(sealer);
    SB_VERIFY_OK(Store::TenantStore(**database).add(u"clinic-a"_s, u"Smile Dental"_s));
    QProcess serve;
    auto port = Test::startServe(serve,
                                 {u"--db"_s,
                                  databases.lastUrl(),
                                  u"--key-file"_s,
                                  keyFile,
                                  u"--spool-dir"_s,
                                  dir.filePath(u"spool"_s)},
                                 QProcessEnvironment::systemEnvironment());
    SB_VERIFY_OK(port);
    const QString account = u"AC"_s + u"d"_s.repeated(32);
    const QString token = u"4"_s.repeated(32);
    const QString number = u"+13125550177"_s;
    {
        const Test::SignedSms sms = Test::signedSms(*port, account, token, number, 1);
        QNetworkAccessManager network;
        QNetworkReply *reply = network.post(sms.request, sms.body);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }

    const auto clinicA = *Tenancy::AdminSession(**database).scope(u"clinic-a"_s);
    Store::ChangeFeed feed(*database);
    feed.start();
    Ui::ProviderAccess providers(*database);
    Ui::ConsoleContext context{*database, nullptr, &feed, nullptr, &providers};
    Ui::EventsView view(context);
    view.show();
    view.showTenant({clinicA, u"Smile Dental"_s, Store::Role::Owner});
    QTRY_COMPARE(view.quarantine()->rowCount(), 1);
    QVERIFY(view.quarantine()->item(0, 3)->text().contains(number)); // why: the number is nobody's
    QCOMPARE(view.quarantine()->item(0, 4)->text(), u"waiting"_s);
    view.quarantine()->setCurrentCell(0, 0);
    QVERIFY(view.payload()->toPlainText().contains(u"message 1"_s));
    QVERIFY(!view.replayButton()->isEnabled()); // the vault is not open in this window yet
    QVERIFY(view.outcome()->text().contains(u"vault"_s));

    // The administrator gives the number (and its account's token) to a clinic.
    auto clinicB =
        Test::addTwilioTenant(**database, *sealer, u"clinic-b"_s, account, number, token);
    SB_VERIFY_OK(clinicB);
    providers.setSealer(std::make_shared<const Vault::Sealer>(*sealer));
    QTRY_VERIFY(view.replayButton()->isEnabled());
    QSignalSpy replayed(&view, &Ui::EventsView::replayed);
    view.replayButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!replayed.isEmpty(), 10000);
    QCOMPARE(replayed.first().first().toBool(), true);
    QVERIFY2(view.outcome()->text().startsWith(u"Placed in"_s), qPrintable(view.outcome()->text()));
    QTRY_VERIFY(view.quarantine()->item(0, 4)->text().startsWith(u"replayed"_s));
    QVERIFY(!view.replayButton()->isEnabled()); // once is enough

    // It is clinic B's now: in B's log, not A's.
    QCOMPARE(view.log()->rowCount(), 0);
    view.showTenant({*clinicB, u"clinic-b"_s, Store::Role::Owner});
    QTRY_COMPARE(view.log()->rowCount(), 1);
    QCOMPARE(view.log()->item(0, 1)->text(), u"twilio"_s);
    view.filter()->setText(u"nothing like it"_s);
    QVERIFY(view.log()->isRowHidden(0));

    // A clinic's staff (not an owner or admin) see their log, not every clinic's quarantine.
    view.showTenant({*clinicB, u"clinic-b"_s, Store::Role::Staff});
    QTRY_COMPARE(view.log()->rowCount(), 1);
    QTRY_VERIFY(view.quarantine()->isHidden());
    QVERIFY(view.replayButton()->isHidden());
    serve.terminate();
    QVERIFY(serve.waitForFinished(10000));
}

QTEST_MAIN(tst_EventsView)
#include "tst_eventsview.moc"
