#include "../support/ctlrunner.h"
#include "../support/testdatabase.h"
#include "../support/twiliotenant.h"

#include <core/store/phonenumberstore.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/sealedsecretstore.h>
#include <ui/views/calls/calldetailview.h>
#include <ui/views/calls/calllistmodel.h>
#include <ui/views/calls/callsview.h>
#include <ui/views/mainwindow.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Sb;

// The console beside a real `serve` process on the same SQLite store: the assistant's report of
// a call, posted to serve as VAPI posts it, is in the open Calls list within 2 s, with its
// summary, and the call the user had chosen stays chosen.
class tst_CallsFromServe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_callsfromserve"));
        QStandardPaths::setTestModeEnabled(true);
    }
    void aReportStoredByServeAppearsWithinTwoSeconds();
};

void tst_CallsFromServe::aReportStoredByServeAppearsWithinTwoSeconds()
{
    QSettings().clear();
    Test::TestDatabase databases;
    QTemporaryDir dir;
    auto admin = databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(admin);
    const QString keyFile = dir.filePath(QStringLiteral("key"));
    auto sealer = Test::createVault(**admin, keyFile);
    SB_VERIFY_OK(sealer);
    auto tenant =
        Store::TenantStore(**admin).add(QStringLiteral("clinic-a"), QStringLiteral("Smile Dental"));
    SB_VERIFY_OK(tenant);
    SB_VERIFY_OK(Store::StaffStore(**admin).addToTenant(
        QStringLiteral("carol"), *tenant, Store::Role::Staff));
    const auto scope = *Tenancy::AdminSession(**admin).scope(QStringLiteral("clinic-a"));
    // The assistant's number routes VAPI's reports; its server secret is in the vault.
    Store::PhoneNumber assistant;
    assistant.e164 = QStringLiteral("+14155550100");
    assistant.provider = Store::NumberProvider::Vapi;
    assistant.purpose = Store::NumberPurpose::Assistant;
    SB_VERIFY_OK(Store::PhoneNumberStore(**admin).add(scope, assistant));
    const QString secret = QStringLiteral("vapi-server-secret-of-clinic-a");
    SB_VERIFY_OK(Vault::SealedSecretStore(**admin, *sealer)
                     .put(scope,
                          QStringLiteral("vapi-server"),
                          QStringLiteral("secret"),
                          Secret::fromString(secret)));

    QProcess serve;
    auto port = Test::startServe(serve,
                                 {QStringLiteral("--db"),
                                  databases.lastUrl(),
                                  QStringLiteral("--key-file"),
                                  keyFile,
                                  QStringLiteral("--spool-dir"),
                                  dir.filePath(QStringLiteral("spool"))},
                                 QProcessEnvironment::systemEnvironment());
    SB_VERIFY_OK(port);

    Ui::MainWindow window;
    window.show();
    QSignalSpy signedIn(&window, &Ui::MainWindow::signedIn);
    window.signIn(*Store::DatabaseUrl::parse(databases.lastUrl()), QStringLiteral("carol"), {});
    QVERIFY(signedIn.wait(15000));
    auto *calls = window.showPage<Ui::CallsView>();
    QTRY_VERIFY(calls->isVisible());

    auto post = [&](const QString &vapiCallId, const QString &summary) -> int {
        const QJsonObject message{
            {QStringLiteral("type"), QStringLiteral("end-of-call-report")},
            {QStringLiteral("endedReason"), QStringLiteral("customer-ended-call")},
            {QStringLiteral("startedAt"),
             QDateTime::currentDateTimeUtc().addSecs(-120).toString(Qt::ISODateWithMs)},
            {QStringLiteral("endedAt"),
             QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QStringLiteral("analysis"), QJsonObject{{QStringLiteral("summary"), summary}}},
            {QStringLiteral("call"),
             QJsonObject{
                 {QStringLiteral("id"), vapiCallId},
                 {QStringLiteral("type"), QStringLiteral("inboundPhoneCall")},
                 {QStringLiteral("customer"),
                  QJsonObject{{QStringLiteral("number"), QStringLiteral("+16175550143")}}}}},
            {QStringLiteral("phoneNumber"),
             QJsonObject{{QStringLiteral("number"), assistant.e164}}},
        };
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/vapi").arg(*port)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("X-Vapi-Secret", secret.toUtf8());
        QNetworkAccessManager network;
        QNetworkReply *reply = network.post(
            request, QJsonDocument(QJsonObject{{QStringLiteral("message"), message}}).toJson());
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            return -1;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status;
    };
    QCOMPARE(post(QStringLiteral("vapi-call-1"), QStringLiteral("Asked about opening hours.")),
             200);
    QTRY_COMPARE_WITH_TIMEOUT(calls->model()->rowCount(), 1, 5000);
    calls->table()->setCurrentIndex(calls->model()->index(0, 0));
    const CallId chosen = calls->selectedCall();

    QElapsedTimer sinceStored;
    QCOMPARE(post(QStringLiteral("vapi-call-2"), QStringLiteral("Booked a cleaning for Tuesday.")),
             200);
    sinceStored.start();
    QTRY_COMPARE_WITH_TIMEOUT(calls->model()->rowCount(), 2, 5000);
    const qint64 latency = sinceStored.elapsed();
    qInfo() << "a call stored by serve reached the console" << latency << "ms after the 200";
    QVERIFY2(latency < 2000, qPrintable(QString::number(latency)));
    QCOMPARE(calls->model()->callAt(0)->summary, QStringLiteral("Booked a cleaning for Tuesday."));
    QCOMPARE(calls->selectedCall(), chosen);
    serve.terminate();
    QVERIFY(serve.waitForFinished(10000));
}

QTEST_MAIN(tst_CallsFromServe)
#include "tst_callsfromserve.moc"
