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
    // 120 requests of clinic A at once (20 clients of 6 connections), then one of clinic B.
    std::vector<std::unique_ptr<QNetworkAccessManager>> clients;
    for (int i = 0; i < 20; ++i)
        clients.push_back(std::make_unique<QNetworkAccessManager>());
    int finishedCount = 0;
    int positionOfB = -1;
    QList<QNetworkReply *> replies;
    std::function<void()> sendB;
    const auto send =
        [&](QNetworkAccessManager &client, const QByteArray &body, const QString &token, bool isB) {
            QNetworkRequest request(
                QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/x-www-form-urlencoded"));
            request.setRawHeader("X-Twilio-Signature", sign(path, body, token));
            QNetworkReply *reply = client.post(request, body);
            connect(reply, &QNetworkReply::finished, this, [&, isB] {
                ++finishedCount;
                if (isB)
                    positionOfB = finishedCount;
                else if (finishedCount == 4)
                    sendB(); // A's flood is queued on the server now
            });
            replies << reply;
        };
    // B sends on a connection it already has, so only the server's queueing decides when B
    // is answered.
    QNetworkAccessManager clientB;
    QNetworkReply *warmUp = clientB.get(
        QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/healthz").arg(m_port))));
    QTRY_VERIFY_WITH_TIMEOUT(warmUp->isFinished(), 20000);
    warmUp->deleteLater();
    sendB = [&] {
        send(
            clientB,
            smsBody(m_accountB, m_numberB, QStringLiteral("SM") + QStringLiteral("b").repeated(32)),
            m_tokenB,
            true);
    };
    for (int i = 0; i < 120; ++i) {
        send(
            *clients[i % clients.size()],
            smsBody(m_accountA, m_numberA, QStringLiteral("SM%1").arg(i, 32, 10, QLatin1Char('a'))),
            m_tokenA,
            false);
    }
    QTRY_COMPARE_WITH_TIMEOUT(finishedCount, 121, 60000);
    for (QNetworkReply *reply : std::as_const(replies)) {
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
    // Served in turn with A's queue, not behind all of it (that would be about 120th). The
    // replies of a group commit come out together, so the exact place varies by a few batches.
    QVERIFY2(positionOfB < 80,
             qPrintable(QStringLiteral("clinic B finished %1th of 121").arg(positionOfB)));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 121);
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
