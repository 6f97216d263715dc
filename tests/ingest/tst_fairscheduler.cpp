#include "../support/testdatabase.h"

#include <core/ingest/fairscheduler.h>

#include <QTest>

using namespace Sb;
using namespace Sb::Ingest;

// The scheduler that shares the store threads between senders: one sender's flood waits behind
// itself, never in front of another sender, and nothing is dropped.
class tst_FairScheduler : public QObject
{
    Q_OBJECT

private slots:
    void quietSenderIsServedDuringAFlood();
    void everyJobRunsOnceWhateverTheLoad();

private:
    // Submits a job that records its name when it has run.
    void submit(FairScheduler &scheduler, const QString &key, const QString &name);

    QStringList m_finished;
};

void tst_FairScheduler::submit(FairScheduler &scheduler, const QString &key, const QString &name)
{
    scheduler.submit(
        key,
        [] {
            return Handled(WebhookReply{200, QByteArrayLiteral("text/plain"), {}});
        },
        [this, name](Handled) { m_finished.append(name); });
}

void tst_FairScheduler::quietSenderIsServedDuringAFlood()
{
    Test::TestDatabase databases;
    auto database = databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(database);
    m_finished.clear();
    FairScheduler scheduler(*database, 1);
    for (int i = 0; i < 100; ++i)
        submit(scheduler, QStringLiteral("AC-flood"), QStringLiteral("flood %1").arg(i));
    for (int i = 0; i < 3; ++i)
        submit(scheduler, QStringLiteral("AC-quiet"), QStringLiteral("quiet %1").arg(i));
    QCOMPARE(scheduler.queuedFor(QStringLiteral("AC-flood")), 99); // one is already running
    QCOMPARE(scheduler.queuedFor(QStringLiteral("AC-quiet")), 3);
    QTRY_COMPARE_WITH_TIMEOUT(m_finished.size(), 103, 10000);
    // Round robin: the quiet sender's three jobs alternate with the flood's, right away, instead
    // of waiting for the flood's 99 queued jobs.
    QCOMPARE(m_finished.mid(0, 7),
             (QStringList{QStringLiteral("flood 0"),
                          QStringLiteral("flood 1"),
                          QStringLiteral("quiet 0"),
                          QStringLiteral("flood 2"),
                          QStringLiteral("quiet 1"),
                          QStringLiteral("flood 3"),
                          QStringLiteral("quiet 2")}));
    // Each sender's own jobs keep their order.
    for (int i = 0; i < 100; ++i)
        QVERIFY(m_finished.indexOf(QStringLiteral("flood %1").arg(i))
                > (i == 0 ? -1 : m_finished.indexOf(QStringLiteral("flood %1").arg(i - 1))));
}

void tst_FairScheduler::everyJobRunsOnceWhateverTheLoad()
{
    Test::TestDatabase databases;
    auto database = databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(database);
    m_finished.clear();
    FairScheduler scheduler(*database, 4);
    for (int i = 0; i < 2000; ++i)
        submit(scheduler, QStringLiteral("AC-%1").arg(i % 7 == 0 ? 0 : i % 3), QString::number(i));
    QTRY_COMPARE_WITH_TIMEOUT(m_finished.size(), 2000, 20000);
    QCOMPARE(scheduler.queued(), 0);
    QStringList sorted = m_finished;
    sorted.removeDuplicates();
    QCOMPARE(sorted.size(), 2000);
}

QTEST_GUILESS_MAIN(tst_FairScheduler)
#include "tst_fairscheduler.moc"
