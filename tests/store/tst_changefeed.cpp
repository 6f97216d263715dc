#include "../support/ctlrunner.h"
#include "../support/testdatabase.h"
#include "../support/twiliotenant.h"

#include <core/store/changefeed.h>
#include <core/store/leadstore.h>
#include <core/store/sqlquery.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QSqlQuery>

using namespace Sb;
using Store::Change;
using Store::ChangeFeed;
using Store::ChangeKind;

// Live change events: in this process at once, from other processes within a second, and
// never a change of a tenant the subscriber's login may not see.
class tst_ChangeFeed : public QObject
{
    Q_OBJECT

private slots:
    void inProcessWritesReachTheirTenantOnly_data() { Test::TestDatabase::addBackendRows(); }
    void inProcessWritesReachTheirTenantOnly();
    void aRolledBackWriteAnnouncesNothing_data() { Test::TestDatabase::addBackendRows(); }
    void aRolledBackWriteAnnouncesNothing();
    void coalescedChangesAreFewRowsAndNoneIsMissed_data() { Test::TestDatabase::addBackendRows(); }
    void coalescedChangesAreFewRowsAndNoneIsMissed();
    void serveProcessChangesReachOtherProcesses_data() { Test::TestDatabase::addBackendRows(); }
    void serveProcessChangesReachOtherProcesses();
    void followPrintsEachChangeAsItLands();

private:
    struct Store2
    {
        std::shared_ptr<Store::Database> admin;
        Store::TenantScope a;
        Store::TenantScope b;
    };
    Result<Store2> twoTenants(const QString &backend);

    Test::TestDatabase m_databases;
    QTemporaryDir m_dir;
};

Result<tst_ChangeFeed::Store2> tst_ChangeFeed::twoTenants(const QString &backend)
{
    auto admin = m_databases.createMigrated(backend);
    if (!admin)
        return admin.error();
    Store::TenantStore tenants(**admin);
    for (const char *name : {"clinic-a", "clinic-b"}) {
        if (auto added = tenants.add(QString::fromLatin1(name), {}); !added)
            return added.error();
    }
    Tenancy::AdminSession session(**admin);
    auto a = session.scope(QStringLiteral("clinic-a"));
    auto b = session.scope(QStringLiteral("clinic-b"));
    if (!a || !b)
        return Error{ErrorCode::NotFound, QStringLiteral("no scopes")};
    return Store2{*admin, *a, *b};
}

void tst_ChangeFeed::inProcessWritesReachTheirTenantOnly()
{
    QFETCH(QString, backend);
    auto store = twoTenants(backend);
    SB_VERIFY_OK(store);
    ChangeFeed feed(store->admin);
    QObject owner;
    auto *leadsOfA = feed.subscribe(store->a.tenantId(), ChangeKind::Leads, &owner);
    auto *callsOfA = feed.subscribe(store->a.tenantId(), ChangeKind::Calls, &owner);
    auto *everythingOfB = feed.subscribe(store->b.tenantId(), Store::allChangeKinds(), &owner);
    QSignalSpy leadsA(leadsOfA, &Store::ChangeSubscription::changed);
    QSignalSpy callsA(callsOfA, &Store::ChangeSubscription::changed);
    QSignalSpy anyB(everythingOfB, &Store::ChangeSubscription::changed);

    Store::Lead lead;
    lead.name = QStringLiteral("Maria Lopez");
    // Written on a store thread, as the console writes: delivered on ours.
    auto added = store->admin
                     ->run([database = store->admin, scope = store->a, lead] {
                         return Store::LeadStore(*database).add(scope, lead);
                     })
                     .result();
    SB_VERIFY_OK(added);
    QTRY_COMPARE_WITH_TIMEOUT(leadsA.size(), 1, 2000);
    const auto change = leadsA.first().first().value<Change>();
    QCOMPARE(change.tenant, store->a.tenantId());
    QCOMPARE(change.kind, ChangeKind::Leads);
    QCOMPARE(change.rowId, added->id.value());
    QVERIFY(!change.isFromElsewhere);
    QTest::qWait(100);
    QCOMPARE(callsA.size(), 0); // another kind
    QCOMPARE(anyB.size(), 0); // another tenant
}

void tst_ChangeFeed::aRolledBackWriteAnnouncesNothing()
{
    QFETCH(QString, backend);
    auto store = twoTenants(backend);
    SB_VERIFY_OK(store);
    ChangeFeed feed(store->admin);
    QSignalSpy all(&feed, &ChangeFeed::changed);
    auto failed = store->admin->transaction(
        store->a, Store::TransactionMode::Write, [&](QSqlDatabase &) -> Status {
            store->admin->noteChange({store->a.tenantId(), ChangeKind::Messages, 7});
            return Error{ErrorCode::DatabaseError, QStringLiteral("changed my mind")};
        });
    QVERIFY(!failed);
    QTest::qWait(200);
    QCOMPARE(all.size(), 0);
    QCOMPARE(Store::SqlQuery(*store->admin->connection(),
                             QStringLiteral("SELECT COUNT(*) FROM change_log"))
                 .scalar()
                 ->toInt(),
             0);
}

// The ingest server's batches announce their changes through the announcer: a burst of
// transactions becomes a few change_log rows, and the last change of a burst, made inside the
// window after a row was written, still reaches another process.
void tst_ChangeFeed::coalescedChangesAreFewRowsAndNoneIsMissed()
{
    QFETCH(QString, backend);
    auto store = twoTenants(backend);
    SB_VERIFY_OK(store);
    auto tenantC = Store::TenantStore(*store->admin).add(QStringLiteral("clinic-c"), {});
    SB_VERIFY_OK(tenantC);
    // Another process: its own Database (its own origin), reading the change_log.
    auto other = Store::Database::open(Store::DatabaseUrl::parse(m_databases.lastUrl()).value());
    SB_VERIFY_OK(other);
    ChangeFeed feed(*other);
    QSignalSpy heard(&feed, &ChangeFeed::changed);
    QSignalSpy watching(&feed, &ChangeFeed::watching);
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(watching.size(), 1, 5000);

    auto commit = [&](TenantId tenant) {
        return store->admin
            ->run([database = store->admin, tenant] {
                return database->adminTransaction(
                    Store::TransactionMode::Write,
                    [&](QSqlDatabase &) {
                        database->noteChange({tenant, ChangeKind::Messages, 0});
                        return ok();
                    },
                    Store::ChangeLogging::Coalesced);
            })
            .result();
    };
    constexpr int kBurst = 60;
    QElapsedTimer burst;
    burst.start();
    for (int i = 0; i < kBurst; ++i)
        SB_VERIFY_OK(commit(i % 2 ? store->a.tenantId() : store->b.tenantId()));
    SB_VERIFY_OK(commit(tenantC->id)); // the burst's last change, and C's only one
    const qint64 burstMs = burst.elapsed();

    auto heardOf = [&](TenantId tenant) {
        return std::any_of(heard.cbegin(), heard.cend(), [&](const QList<QVariant> &signal) {
            const auto change = signal.first().value<Change>();
            return change.tenant == tenant && change.kind == ChangeKind::Messages;
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(heardOf(tenantC->id), 2000);
    QVERIFY(heardOf(store->a.tenantId()));
    QVERIFY(heardOf(store->b.tenantId()));
    // At most a row per tenant per window (100 ms), plus the first, written at once.
    const int rows = Store::SqlQuery(*store->admin->connection(),
                                     QStringLiteral("SELECT COUNT(*) FROM change_log"))
                         .scalar()
                         ->toInt();
    qInfo() << backend << kBurst + 1 << "transactions in" << burstMs << "ms:" << rows
            << "change_log rows";
    QVERIFY2(rows <= 3 * (burstMs / 100 + 2), qPrintable(QString::number(rows)));
    QVERIFY2(rows < kBurst / 2, qPrintable(QString::number(rows)));
}

void tst_ChangeFeed::serveProcessChangesReachOtherProcesses()
{
    QFETCH(QString, backend);
    auto admin = m_databases.createMigrated(backend);
    SB_VERIFY_OK(admin);
    const QString keyFile =
        m_dir.filePath(QStringLiteral("key-%1").arg(QRandomGenerator::global()->generate()));
    auto sealer = Test::createVault(**admin, keyFile);
    SB_VERIFY_OK(sealer);
    const QString accountA = QStringLiteral("AC") + QStringLiteral("a").repeated(32);
    const QString tokenA = QStringLiteral("1").repeated(32);
    const QString numberA = QStringLiteral("+14155550100");
    auto scopeA = Test::addTwilioTenant(
        **admin, *sealer, QStringLiteral("clinic-a"), accountA, numberA, tokenA);
    SB_VERIFY_OK(scopeA);
    auto scopeB = Test::addTwilioTenant(**admin,
                                        *sealer,
                                        QStringLiteral("clinic-b"),
                                        QStringLiteral("AC") + QStringLiteral("b").repeated(32),
                                        QStringLiteral("+12125550100"),
                                        QStringLiteral("2").repeated(32));
    SB_VERIFY_OK(scopeB);

    // The subscribers: on PostgreSQL each signed in as a staff login of its own tenant (row-level
    // security decides what it may read); on SQLite another connection to the same file.
    QString serveUrl = m_databases.lastUrl();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    std::shared_ptr<Store::Database> asStaffA = *admin;
    std::shared_ptr<Store::Database> asStaffB;
    std::unique_ptr<QSqlDatabase> rawListenerB;
    if (backend == u"postgres") {
        const QString suffix = QString::number(QRandomGenerator::global()->generate(), 36);
        Store::StaffStore staff(**admin);
        Store::TenantStore tenants(**admin);
        std::shared_ptr<Store::Database> *targets[] = {&asStaffA, &asStaffB};
        const char *names[] = {"clinic-a", "clinic-b"};
        for (int i = 0; i < 2; ++i) {
            auto tenant = tenants.find(QString::fromLatin1(names[i]));
            SB_VERIFY_OK(tenant);
            auto member = staff.addToTenant(
                QStringLiteral("feed%1_").arg(i) + suffix, *tenant, Store::Role::Staff);
            SB_VERIFY_OK(member);
            const QString password = QStringLiteral("feed-password-") + suffix;
            SB_VERIFY_OK(staff.setLogin(*member, password));
            auto connected = m_databases.connectAs(member->name, password);
            SB_VERIFY_OK(connected);
            *targets[i] = *connected;
        }
        // Serve as the ingest login, its password in a 0600 pass file.
        auto login = m_databases.createIngestLogin(**admin);
        SB_VERIFY_OK(login);
        QUrl url(m_databases.lastUrl());
        url.setUserName(login->name);
        serveUrl = url.toString();
        const QString passFile = m_dir.filePath(QStringLiteral("pgpass-") + suffix);
        QFile pass(passFile);
        QVERIFY(pass.open(QIODevice::WriteOnly));
        pass.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        pass.write(QStringLiteral("%1:%2:*:%3:%4\n")
                       .arg(url.host())
                       .arg(url.port())
                       .arg(login->name, login->password)
                       .toUtf8());
        pass.close();
        environment.insert(QStringLiteral("PGPASSFILE"), passFile);
        // A bare listener of tenant B's staff login: what any login may hear on the channel.
        auto connectionB = asStaffB->connection();
        SB_VERIFY_OK(connectionB);
        rawListenerB = std::make_unique<QSqlDatabase>(*connectionB);
    }

    ChangeFeed feedA(asStaffA);
    QSignalSpy everythingA(&feedA, &ChangeFeed::changed);
    QObject owner;
    QSignalSpy messagesOfA(feedA.subscribe(scopeA->tenantId(), ChangeKind::Messages, &owner),
                           &Store::ChangeSubscription::changed);
    QSignalSpy watchingA(&feedA, &ChangeFeed::watching);
    feedA.start();
    std::unique_ptr<ChangeFeed> feedB;
    std::unique_ptr<QSignalSpy> everythingB;
    std::unique_ptr<QSignalSpy> watchingB;
    QList<QString> payloadsHeardByB;
    if (asStaffB) {
        feedB = std::make_unique<ChangeFeed>(asStaffB);
        everythingB = std::make_unique<QSignalSpy>(feedB.get(), &ChangeFeed::changed);
        watchingB = std::make_unique<QSignalSpy>(feedB.get(), &ChangeFeed::watching);
        feedB->start();
        QVERIFY(
            rawListenerB->driver()->subscribeToNotification(QStringLiteral("switchboard_changes")));
        connect(rawListenerB->driver(),
                &QSqlDriver::notification,
                this,
                [&](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                    payloadsHeardByB.append(payload.toString());
                });
    }
    QTRY_COMPARE_WITH_TIMEOUT(watchingA.size(), 1, 5000);
    if (watchingB)
        QTRY_COMPARE_WITH_TIMEOUT(watchingB->size(), 1, 5000);

    QProcess serve;
    auto port = Test::startServe(
        serve,
        {QStringLiteral("--db"),
         serveUrl,
         QStringLiteral("--key-file"),
         keyFile,
         QStringLiteral("--spool-dir"),
         m_dir.filePath(QStringLiteral("spool-%1").arg(QRandomGenerator::global()->generate()))},
        environment);
    SB_VERIFY_OK(port);
    QNetworkAccessManager network;
    const auto sms = Test::signedSms(*port, accountA, tokenA, numberA, 1);
    QElapsedTimer sinceStored;
    QNetworkReply *reply = network.post(sms.request, sms.body);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    sinceStored.start();
    reply->deleteLater();

    QTRY_VERIFY_WITH_TIMEOUT(messagesOfA.size() >= 1, 8000);
    const qint64 latency = sinceStored.elapsed();
    qInfo() << backend << "change reached the other process" << latency << "ms after the 200";
    QVERIFY2(latency < 1000, qPrintable(QString::number(latency)));
    const auto change = messagesOfA.first().first().value<Change>();
    QCOMPARE(change.tenant, scopeA->tenantId());
    QVERIFY(change.isFromElsewhere);
    for (const QList<QVariant> &seen : std::as_const(everythingA))
        QCOMPARE(seen.first().value<Change>().tenant, scopeA->tenantId());
    if (feedB) {
        QTest::qWait(1500);
        QCOMPARE(everythingB->size(), 0); // B's login reads nothing of A's change
        // It may hear that something changed, and nothing more.
        QVERIFY(!payloadsHeardByB.isEmpty());
        for (const QString &payload : std::as_const(payloadsHeardByB))
            QVERIFY2(payload.isEmpty(), qPrintable(payload));
    }
    serve.terminate();
    QVERIFY(serve.waitForFinished(10000));
}

void tst_ChangeFeed::followPrintsEachChangeAsItLands()
{
    auto store = twoTenants(QStringLiteral("sqlite"));
    SB_VERIFY_OK(store);
    QProcess follow;
    follow.start(QStringLiteral(SB_CTL_PATH),
                 {QStringLiteral("follow"),
                  QStringLiteral("--tenant"),
                  QStringLiteral("clinic-a"),
                  QStringLiteral("--json"),
                  QStringLiteral("--db"),
                  m_databases.lastUrl()});
    QVERIFY(follow.waitForStarted(5000));
    QByteArray said;
    QTRY_VERIFY2_WITH_TIMEOUT(
        (said += follow.readAllStandardError()).contains("following clinic-a"),
        said.constData(),
        5000);
    for (const char *tenant : {"clinic-b", "clinic-a"}) {
        const Test::CtlRun added =
            Test::runCtl({QStringLiteral("lead"),
                          QStringLiteral("add"),
                          QStringLiteral("Lead of ") + QString::fromLatin1(tenant),
                          QStringLiteral("--tenant"),
                          QString::fromLatin1(tenant),
                          QStringLiteral("--db"),
                          m_databases.lastUrl()});
        QCOMPARE(added.exitCode, 0);
    }
    QByteArray printed;
    QTRY_VERIFY_WITH_TIMEOUT((printed += follow.readAllStandardOutput()).contains('\n'), 3000);
    QTest::qWait(300);
    printed += follow.readAllStandardOutput();
    const QList<QByteArray> lines = printed.trimmed().split('\n');
    QCOMPARE(lines.size(), 1); // clinic-b's lead is not clinic-a's business
    const QJsonObject line = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(line[u"kind"].toString(), QStringLiteral("leads"));
    QCOMPARE(line[u"tenant"].toInteger(), store->a.tenantId().value());
    follow.terminate();
    QVERIFY(follow.waitForFinished(5000));
    QCOMPARE(follow.exitCode(), 0);
}

QTEST_GUILESS_MAIN(tst_ChangeFeed)
#include "tst_changefeed.moc"
