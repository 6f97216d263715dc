#include "ingestfixture.h"

#include <core/store/sqlquery.h>

#include <QNetworkReply>
#include <QSqlQuery>

using namespace Sb;
using namespace Sb::Ingest;

// Load: one tenant's flood does not starve another, and a source failing signature checks is
// contained without costing anyone else.
class tst_IngestLoad : public QObject, protected Test::IngestFixture
{
    Q_OBJECT

private slots:
    void init() { reset(); }
    void cleanup() { stop(); }
    void floodDoesNotStarveOtherTenants();
    void sourceFailingSignaturesIsContained();
};

void tst_IngestLoad::floodDoesNotStarveOtherTenants()
{
    // Small group commits, so A's backlog spans many of them: B must not wait behind it.
    m_commitBatch = 4;
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    const QString path = QStringLiteral("/twilio/sms");
    const auto sms = [&](const QString &account, const QString &number, const QString &sid) {
        return smsBody(account, number, QStringLiteral("SM") + sid);
    };
    // One event of each first: both subaccounts are then fresh in the route cache, so what
    // follows takes the hot path (judged on the server's thread, straight to the group commit),
    // the path a real flood takes. Fairness must hold there.
    const QByteArray warmA = sms(m_accountA, m_numberA, QStringLiteral("c").repeated(32));
    const QByteArray warmB = sms(m_accountB, m_numberB, QStringLiteral("d").repeated(32));
    QCOMPARE(post(path, warmA, sign(path, warmA, m_tokenA)).status, 200);
    QCOMPARE(post(path, warmB, sign(path, warmB, m_tokenB)).status, 200);

    // The store is held while A's 120 requests and then B's arrive, so every one of them is
    // queued for commit before any is written; then it is released (well within the busy
    // timeout the writer waits for it).
    QSqlQuery lock(*m_admin->connection());
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    std::vector<std::unique_ptr<QNetworkAccessManager>> clients; // 20 clients × 6 connections
    for (int i = 0; i < 20; ++i)
        clients.push_back(std::make_unique<QNetworkAccessManager>());
    QNetworkAccessManager clientB;
    QList<QNetworkReply *> replies;
    int finishedCount = 0;
    int positionOfB = -1;
    const auto send = [&](QNetworkAccessManager &client, const QByteArray &body, bool isB) {
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        request.setRawHeader("X-Twilio-Signature", sign(path, body, isB ? m_tokenB : m_tokenA));
        QNetworkReply *reply = client.post(request, body);
        connect(reply, &QNetworkReply::finished, this, [&finishedCount, &positionOfB, isB] {
            ++finishedCount;
            if (isB)
                positionOfB = finishedCount;
        });
        replies << reply;
    };
    for (int i = 0; i < 120; ++i)
        send(*clients[i % clients.size()],
             sms(m_accountA, m_numberA, QStringLiteral("%1").arg(i, 32, 10, QLatin1Char('a'))),
             false);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestsInFlight(), 120, 5000);
    send(clientB, sms(m_accountB, m_numberB, QStringLiteral("b").repeated(32)), true);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestsInFlight(), 121, 5000);
    QCOMPARE(finishedCount, 0);
    QVERIFY(lock.exec(QStringLiteral("COMMIT")));

    QTRY_COMPARE_WITH_TIMEOUT(finishedCount, 121, 60000);
    for (QNetworkReply *reply : std::as_const(replies)) {
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
    // Stored in turn with A's queue, in the first batches (4 events each; the first may have
    // been taken before B arrived), not behind all of it (120 of A's first). Stored order is
    // row order; the order replies reach the clients varies with their threads.
    const int storedBeforeB = count(
        QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE event_key LIKE 'message:SMa%'"
                       " AND id < (SELECT id FROM webhook_events WHERE event_key = :b)"),
        {{QStringLiteral(":b"), QStringLiteral("message:SM") + QStringLiteral("b").repeated(32)}});
    QVERIFY2(storedBeforeB <= 8,
             qPrintable(QStringLiteral("%1 of A's events were stored before B's (B answered %2th)")
                            .arg(storedBeforeB)
                            .arg(positionOfB)));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 123);
}

void tst_IngestLoad::sourceFailingSignaturesIsContained()
{
    m_suspectBacklog = 2;
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    m_suspectBacklog = 16;
    const QString path = QStringLiteral("/twilio/sms");
    // 30 forged requests: each refused after its check.
    for (int i = 0; i < 30; ++i) {
        const QByteArray body =
            smsBody(m_accountA, m_numberA, QStringLiteral("SM%1").arg(i, 32, 10, QLatin1Char('c')));
        QCOMPARE(post(path, body, "forged").status, 403);
    }
    // A genuine event from the same source is still stored: never refused while the backlog is short.
    const QByteArray genuine =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("d").repeated(32));
    QCOMPARE(post(path, genuine, sign(path, genuine, m_tokenA)).status, 200);
    // While the store is busy (the test holds its write lock), forgeries pile up in their own
    // queue; past the backlog they are answered 429 with Retry-After, without any work.
    QSqlQuery lock(*m_admin->connection());
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    std::vector<std::unique_ptr<QNetworkAccessManager>> clients;
    for (int i = 0; i < 5; ++i)
        clients.push_back(std::make_unique<QNetworkAccessManager>());
    QList<QNetworkReply *> burst;
    int refused = 0;
    for (int i = 0; i < 30; ++i) {
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        request.setRawHeader("X-Twilio-Signature", "forged");
        QNetworkReply *reply = clients[i % clients.size()]->post(
            request,
            smsBody(
                m_accountA, m_numberA, QStringLiteral("SM%1").arg(i, 32, 10, QLatin1Char('e'))));
        connect(reply, &QNetworkReply::finished, this, [reply, &refused] {
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 429
                && reply->rawHeader("Retry-After").toInt() > 0)
                ++refused;
        });
        burst << reply;
    }
    QTRY_VERIFY_WITH_TIMEOUT(refused > 0, 8000);
    QVERIFY(lock.exec(QStringLiteral("COMMIT")));
    for (QNetworkReply *reply : std::as_const(burst)) {
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QVERIFY2(status == 403 || status == 429, qPrintable(QString::number(status)));
        reply->deleteLater();
    }
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 1);
}

QTEST_GUILESS_MAIN(tst_IngestLoad)
#include "tst_ingestload.moc"
