#include "../fakes/faketwilio.h"
#include "../support/testdatabase.h"
#include "../support/twiliotenant.h"

#include <core/demo/demorecordings.h>
#include <core/net/httpclient.h>
#include <core/providers/twilio/twilioaccounts.h>
#include <core/recordings/mediafetcher.h>
#include <core/store/database.h>

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Sb;
using Fakes::FakeTwilio;
using Recordings::RecordingCache;
using Recordings::MediaFetcher;

// Recordings reach the console as a file it can play: fetched from Twilio with the tenant's own
// subaccount (media auth), kept per tenant in a 0600 file, played from there the next time;
// never fetched with one tenant's credentials for another, never with credentials from a host
// that is not Twilio's.
class tst_MediaFetcher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void fetchedAsTheSubaccountThenFromTheCache();
    void aTextsMediaAsTheSubaccountWithItsType();
    void notThereYetSaysSo();
    void anotherTenantsAccountIsRefused();
    void credentialsNeverGoToAnotherHost();
    void demoRecordingsOnlyFromTheirFolder();
    void purgeRemovesWhatWasNotPlayed();

private:
    Result<QString> fetch(const Store::TenantScope &tenant, const QString &url);

    Test::TestDatabase m_databases;
    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<FakeTwilio> m_fake;
    std::unique_ptr<Net::HttpClient> m_http;
    std::unique_ptr<MediaFetcher> m_fetcher;
    std::optional<Store::TenantScope> m_a;
    std::optional<Store::TenantScope> m_b;
    QString m_accountA;
    QString m_accountB;
    QString m_cacheRoot;
};

void tst_MediaFetcher::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_MediaFetcher::init()
{
    auto database = m_databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(database);
    m_database = *database;
    auto sealer = Test::createVault(
        *m_database, m_dir.filePath(QStringLiteral("key-%1").arg(QTest::currentTestFunction())));
    SB_VERIFY_OK(sealer);
    m_fake = std::make_unique<FakeTwilio>();
    const FakeTwilio::Account a = m_fake->createSubaccount(QStringLiteral("clinic-a"));
    const FakeTwilio::Account b = m_fake->createSubaccount(QStringLiteral("clinic-b"));
    m_accountA = a.sid;
    m_accountB = b.sid;
    auto scopeA = Test::addTwilioTenant(*m_database,
                                        *sealer,
                                        QStringLiteral("clinic-a"),
                                        a.sid,
                                        QStringLiteral("+16175552001"),
                                        a.authToken);
    auto scopeB = Test::addTwilioTenant(*m_database,
                                        *sealer,
                                        QStringLiteral("clinic-b"),
                                        b.sid,
                                        QStringLiteral("+16175552002"),
                                        b.authToken);
    SB_VERIFY_OK(scopeA);
    SB_VERIFY_OK(scopeB);
    m_a.emplace(*scopeA);
    m_b.emplace(*scopeB);
    // Each tenant's connection: its subaccount, the token sealed.
    const Providers::Twilio::TwilioAccounts accounts(*m_database, *sealer);
    SB_VERIFY_OK(accounts.record(*m_a,
                                 {a.sid, a.friendlyName, a.status, Secret::fromString(a.authToken)},
                                 QStringLiteral("https://hooks.example.org/")));
    SB_VERIFY_OK(accounts.record(*m_b,
                                 {b.sid, b.friendlyName, b.status, Secret::fromString(b.authToken)},
                                 QStringLiteral("https://hooks.example.org/")));
    m_http = std::make_unique<Net::HttpClient>();
    m_cacheRoot =
        m_dir.filePath(QStringLiteral("cache-%1/recordings").arg(QTest::currentTestFunction()));
    m_fetcher = std::make_unique<MediaFetcher>(
        m_database,
        *m_http,
        RecordingCache(m_cacheRoot, m_database->url().toString()),
        QUrl(m_fake->baseUrl()));
    m_fetcher->setSealer(std::make_shared<const Vault::Sealer>(*sealer));
}

Result<QString> tst_MediaFetcher::fetch(const Store::TenantScope &tenant, const QString &url)
{
    std::optional<Result<QString>> answer;
    QObject context;
    m_fetcher->fetch(tenant, url, &context, [&](Result<QString> result) { answer = result; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 20000))
        return Error{ErrorCode::Timeout, QStringLiteral("no answer")};
    return *answer;
}

void tst_MediaFetcher::fetchedAsTheSubaccountThenFromTheCache()
{
    const QString recording = m_fake->addRecording(m_accountA, QStringLiteral("CA1"));
    // As Twilio's recording callback gives it: no extension.
    const QString url = QStringLiteral("%1/2010-04-01/Accounts/%2/Recordings/%3")
                            .arg(m_fake->baseUrl(), m_accountA, recording);
    const qsizetype before = m_fake->seen().size();
    auto path = fetch(*m_a, url);
    SB_VERIFY_OK(path);
    QFile file(*path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), m_fake->recordingAudio(recording));
    QCOMPARE(file.permissions()
                 & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
             QFile::Permissions());
    QCOMPARE(QFileInfo(QFileInfo(*path).path()).permissions()
                 & (QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther),
             QFile::Permissions());
    QVERIFY(path->startsWith(m_cacheRoot));
    QCOMPARE(m_fake->seen().size() - before, 1);
    QCOMPARE(m_fake->seen().last().account, m_accountA); // the subaccount's own credentials

    // Again: from the cache, nothing asked of Twilio.
    auto again = fetch(*m_a, url);
    SB_VERIFY_OK(again);
    QCOMPARE(*again, *path);
    QCOMPARE(m_fake->seen().size() - before, 1);
}

// A text's picture (MMS): the address the webhook named, fetched with the tenant's own
// subaccount (Twilio redirects to its storage, which gets no credentials), kept with its type's
// extension (so that it opens), from the cache the next time;
// another tenant's account is refused without a request.
void tst_MediaFetcher::aTextsMediaAsTheSubaccountWithItsType()
{
    const QString message = QStringLiteral("MM") + QStringLiteral("a").repeated(32);
    const QByteArray jpeg("\xff\xd8\xff\xe0 a picture");
    const QString url = m_fake->addMedia(m_accountA, message, "image/jpeg", jpeg);
    const QString key = url + QStringLiteral("#.jpg");
    auto path = fetch(*m_a, key);
    SB_VERIFY_OK(path);
    QVERIFY2(path->endsWith(u".jpg"), qPrintable(*path));
    QFile file(*path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), jpeg);
    // Asked of Twilio as the subaccount, then from the storage it redirects to, which never
    // sees the credentials.
    QCOMPARE(m_fake->mediaFetches(), 1);
    QCOMPARE(m_fake->credentialsAtStorage(), 0);
    QCOMPARE(m_fake->seen().last().account, m_accountA);
    SB_VERIFY_OK(fetch(*m_a, key));
    QCOMPARE(m_fake->mediaFetches(), 1); // the second time from the cache
    // B's picture, asked for by A: refused, nothing sent.
    const QString theirs =
        m_fake->addMedia(m_accountB, message, "application/pdf", "%PDF-1.4") + QStringLiteral("#.pdf");
    const qsizetype before = m_fake->seen().size();
    QVERIFY(!fetch(*m_a, theirs));
    QCOMPARE(m_fake->seen().size(), before);
    auto pdf = fetch(*m_b, theirs);
    SB_VERIFY_OK(pdf);
    QVERIFY(pdf->endsWith(u".pdf"));
}

void tst_MediaFetcher::notThereYetSaysSo()
{
    const QString url = QStringLiteral("%1/2010-04-01/Accounts/%2/Recordings/RE%3")
                            .arg(m_fake->baseUrl(), m_accountA, QStringLiteral("0").repeated(32));
    auto path = fetch(*m_a, url);
    QVERIFY(!path);
    QCOMPARE(path.error().code, ErrorCode::NotFound);
    QVERIFY2(path.error().message.contains(u"not available yet"), qPrintable(path.error().message));
    QVERIFY(!QFileInfo::exists(
        RecordingCache(m_cacheRoot, m_database->url().toString()).pathFor(m_a->tenantId(), url)));
    // No recording at all: said, nothing asked.
    auto none = fetch(*m_a, {});
    QVERIFY(!none);
    QCOMPARE(none.error().code, ErrorCode::NotFound);
}

void tst_MediaFetcher::anotherTenantsAccountIsRefused()
{
    // A URL naming B's account, fetched for A (a webhook cannot make A's console use B's token).
    const QString recording = m_fake->addRecording(m_accountB, QStringLiteral("CA2"));
    const QString url = QStringLiteral("%1/2010-04-01/Accounts/%2/Recordings/%3")
                            .arg(m_fake->baseUrl(), m_accountB, recording);
    const qsizetype before = m_fake->seen().size();
    auto path = fetch(*m_a, url);
    QVERIFY(!path);
    QCOMPARE(m_fake->seen().size(), before); // nothing was sent
    // B itself gets it.
    SB_VERIFY_OK(fetch(*m_b, url));
}

void tst_MediaFetcher::credentialsNeverGoToAnotherHost()
{
    // A Twilio-shaped path on another server: fetched, if at all, without anyone's credentials.
    QTcpServer other;
    QVERIFY(other.listen(QHostAddress::LocalHost));
    QByteArray received;
    connect(&other, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = other.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
            received += socket->readAll();
            if (received.contains("\r\n\r\n")) {
                socket->write(
                    "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nRIFF");
                socket->disconnectFromHost();
            }
        });
    });
    const QString url = QStringLiteral("http://127.0.0.1:%1/2010-04-01/Accounts/%2/Recordings/RE%3")
                            .arg(other.serverPort())
                            .arg(m_accountA, QStringLiteral("1").repeated(32));
    auto path = fetch(*m_a, url);
    SB_VERIFY_OK(path);
    QVERIFY(received.startsWith("GET "));
    QVERIFY2(!received.toLower().contains("authorization"), received.constData());
    // Plain HTTP to anywhere but this computer is refused.
    auto remote = fetch(*m_a, QStringLiteral("http://recordings.example.org/a.wav"));
    QVERIFY(!remote);
    QCOMPARE(remote.error().code, ErrorCode::Unsupported);
}

void tst_MediaFetcher::demoRecordingsOnlyFromTheirFolder()
{
    QVERIFY(QDir().mkpath(Demo::DemoRecordings::folder()));
    QFile demo(QDir(Demo::DemoRecordings::folder()).filePath(QStringLiteral("clinic-0.wav")));
    QVERIFY(demo.open(QIODevice::WriteOnly));
    demo.write(Demo::DemoRecordings::wavOf(QByteArray(2000, '\0'), 8000));
    demo.close();
    auto found = fetch(*m_a, QStringLiteral("demo:clinic-0.wav"));
    SB_VERIFY_OK(found);
    QCOMPARE(*found, demo.fileName());
    for (const char *escape :
         {"demo:../clinic-0.wav", "demo:/etc/passwd", "demo:.hidden.wav", "demo:missing.wav"}) {
        auto refused = fetch(*m_a, QString::fromLatin1(escape));
        QVERIFY2(!refused, escape);
    }
}

void tst_MediaFetcher::purgeRemovesWhatWasNotPlayed()
{
    const RecordingCache cache(m_cacheRoot, m_database->url().toString());
    auto old = cache.put(m_a->tenantId(), QStringLiteral("https://x/old.wav"), "RIFFold");
    auto fresh = cache.put(m_a->tenantId(), QStringLiteral("https://x/fresh.wav"), "RIFFfresh");
    SB_VERIFY_OK(old);
    SB_VERIFY_OK(fresh);
    QFile file(*old);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addDays(-40),
                             QFileDevice::FileModificationTime));
    file.close();
    QCOMPARE(cache.purge(std::chrono::hours(24 * 30)), 1);
    QVERIFY(!QFile::exists(*old));
    QVERIFY(QFile::exists(*fresh));
    // Played (found) refreshes its time: it stays.
    QVERIFY(cache.find(m_a->tenantId(), QStringLiteral("https://x/fresh.wav")));
    QCOMPARE(cache.purge(std::chrono::hours(24 * 30)), 0);
    // Another tenant's lookup of the same address is another file.
    QVERIFY(!cache.find(m_b->tenantId(), QStringLiteral("https://x/fresh.wav")));
}

QTEST_GUILESS_MAIN(tst_MediaFetcher)
#include "tst_mediafetcher.moc"
