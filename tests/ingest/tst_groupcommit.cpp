#include "../support/testdatabase.h"

#include <core/crypto/digest.h>
#include <core/ingest/formfields.h>
#include <core/ingest/groupcommitter.h>
#include <core/providers/twilio/twilioeventparser.h>
#include <core/store/sqlquery.h>
#include <core/store/tenantstore.h>
#include <core/store/webhookeventstore.h>
#include <core/tenancy/staffsession.h>

#include <QMutex>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>
#include <QUrl>

using namespace Sb;
using Ingest::GroupCommitter;
using Ingest::IngestEvent;
using Ingest::PendingCommit;
using Ingest::WebhookReply;
using Providers::Twilio::TwilioEndpoint;
using namespace Qt::StringLiterals;

// Group commit on a real store: events of several tenants in one transaction, each under its
// own tenant; a redelivery inside a batch stored once; a batch that fails is stored event by
// event, so one bad event costs only itself. The store is held locked while events queue, so
// they are known to travel in one batch.
class tst_GroupCommit : public QObject
{
    Q_OBJECT

private slots:
    void batchStoresEachEventOnceInItsTenant_data() { Test::TestDatabase::addBackendRows(); }
    void batchStoresEachEventOnceInItsTenant();
    void failedBatchIsStoredEventByEvent_data() { Test::TestDatabase::addBackendRows(); }
    void failedBatchIsStoredEventByEvent();
    void batchAppliesEventsAsIfOneByOne_data() { Test::TestDatabase::addBackendRows(); }
    void batchAppliesEventsAsIfOneByOne();
    void batchFunctionKeepsTheMessageRule();

private:
    struct Outcome
    {
        QString key;
        bool isStored = false; // stored now (not a duplicate)
        int status = 0;
    };

    Status start(const QString &backend);
    void submit(const Store::TenantScope &tenant, const QString &messageSid);
    // name: what its outcome is found by (empty: its event key).
    void
    submit(const Store::TenantScope &tenant, const IngestEvent &event, const QString &name = {});
    // A Twilio webhook as the parser reads it (its domain record included).
    static IngestEvent twilioEvent(TwilioEndpoint endpoint,
                                   const QList<QPair<QString, QString>> &fields);
    static IngestEvent
    messageStatus(const QString &sid, const QString &status, const QString &error = {});
    // A well-formed Twilio id (prefix + 32 hex digits) named by a short name.
    static QString sid(const char *prefix, const QString &name);
    // Every message of a tenant as "sid|direction|status|error|body", by sid.
    QStringList messagesOf(const Store::TenantScope &tenant) const;
    // Holds the store's write lock (SQLite) or webhook_events' (PostgreSQL) on this thread.
    void lockStore();
    void unlockStore();
    std::optional<Outcome> outcomeOf(const QString &key) const;
    int count(const QString &table, const Store::TenantScope &tenant) const;

    Test::TestDatabase m_databases;
    std::shared_ptr<Store::Database> m_database;
    std::optional<Store::TenantScope> m_tenantA, m_tenantB;
    std::unique_ptr<GroupCommitter> m_committer;
    mutable QMutex m_mutex; // protects m_outcomes (written by the writer thread)
    QList<Outcome> m_outcomes;
};

Status tst_GroupCommit::start(const QString &backend)
{
    m_committer.reset();
    m_outcomes.clear();
    auto database = m_databases.createMigrated(backend);
    if (!database)
        return database.error();
    m_database = *database;
    for (const char *name : {"clinic-a", "clinic-b", "clinic-gone"}) {
        if (auto added = Store::TenantStore(*m_database).add(QLatin1String(name), {}); !added)
            return added.error();
    }
    m_tenantA = *Tenancy::AdminSession(*m_database).scope(QStringLiteral("clinic-a"));
    m_tenantB = *Tenancy::AdminSession(*m_database).scope(QStringLiteral("clinic-b"));
    m_committer = std::make_unique<GroupCommitter>(m_database, 1);
    return ok();
}

QString tst_GroupCommit::sid(const char *prefix, const QString &name)
{
    return QLatin1String(prefix)
        + QString::fromLatin1(Crypto::sha256(name.toUtf8()).toHex().left(32));
}

IngestEvent tst_GroupCommit::twilioEvent(TwilioEndpoint endpoint,
                                         const QList<QPair<QString, QString>> &fields)
{
    QList<QPair<QString, QString>> all{{QStringLiteral("AccountSid"), sid("AC", u"account"_s)},
                                       {QStringLiteral("From"), QStringLiteral("+15550001111")},
                                       {QStringLiteral("To"), QStringLiteral("+14155550100")}};
    all.append(fields);
    QByteArrayList pairs; // as Twilio sends them: every value percent-encoded, '+' too
    for (const auto &[name, value] : all)
        pairs.append(name.toUtf8() + '=' + QUrl::toPercentEncoding(value));
    const QByteArray body = pairs.join('&');
    auto parsed =
        Providers::Twilio::TwilioEventParser::parse(endpoint, *Ingest::FormFields::parse(body));
    if (!parsed)
        qFatal("%s", qPrintable(parsed.error().message));
    parsed->rawBody = body;
    return *parsed;
}

IngestEvent
tst_GroupCommit::messageStatus(const QString &name, const QString &status, const QString &error)
{
    QList<QPair<QString, QString>> fields{{QStringLiteral("MessageSid"), sid("SM", name)},
                                          {QStringLiteral("MessageStatus"), status}};
    if (!error.isEmpty())
        fields.append({QStringLiteral("ErrorCode"), error});
    return twilioEvent(TwilioEndpoint::MessageStatus, fields);
}

QStringList tst_GroupCommit::messagesOf(const Store::TenantScope &tenant) const
{
    QSqlQuery query(*m_database->connection());
    query.prepare(QStringLiteral(
        "SELECT provider_message_id, direction, status, status_rank, COALESCE(error_code, ''),"
        " body, channel, counterpart_e164, our_e164, media_json FROM messages WHERE tenant_id = :t"
        " ORDER BY provider_message_id"));
    query.bindValue(QStringLiteral(":t"), tenant.tenantId().value());
    QStringList rows;
    if (!query.exec())
        return {query.lastError().text()};
    while (query.next()) {
        QStringList values;
        for (int i = 0; i < query.record().count(); ++i)
            values.append(query.value(i).toString());
        rows.append(values.join(u'|'));
    }
    return rows;
}

void tst_GroupCommit::submit(const Store::TenantScope &tenant, const QString &messageSid)
{
    submit(tenant,
           twilioEvent(TwilioEndpoint::IncomingSms,
                       {{QStringLiteral("MessageSid"), sid("SM", messageSid)},
                        {QStringLiteral("Body"), QStringLiteral("hello")}}),
           messageSid);
}

void tst_GroupCommit::submit(const Store::TenantScope &tenant,
                             const IngestEvent &event,
                             const QString &name)
{
    const QString key = QString::number(tenant.tenantId().value()) + u'/'
        + (name.isEmpty() ? event.eventKey : name);
    // Called on the writer thread once the batch is durable (or has failed).
    auto reply = [this, key](const Result<bool> &stored) {
        const WebhookReply answer{stored ? 200 : 503, {}, {}};
        QMutexLocker locker(&m_mutex);
        m_outcomes.append({key, stored && *stored, answer.status});
        return answer;
    };
    m_committer->submit(PendingCommit{tenant, event, reply}, [](const WebhookReply &) {});
}

void tst_GroupCommit::lockStore()
{
    QSqlDatabase db = *m_database->connection();
    QSqlQuery lock(db);
    if (m_database->backend() == Store::Backend::Sqlite) {
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    } else {
        QVERIFY(lock.exec(QStringLiteral("BEGIN")));
        QVERIFY(lock.exec(QStringLiteral("LOCK TABLE webhook_events IN SHARE ROW EXCLUSIVE MODE")));
    }
}

void tst_GroupCommit::unlockStore()
{
    QSqlQuery(*m_database->connection()).exec(QStringLiteral("ROLLBACK"));
}

std::optional<tst_GroupCommit::Outcome> tst_GroupCommit::outcomeOf(const QString &key) const
{
    QMutexLocker locker(&m_mutex);
    for (const Outcome &outcome : m_outcomes) {
        if (outcome.key == key)
            return outcome;
    }
    return std::nullopt;
}

int tst_GroupCommit::count(const QString &table, const Store::TenantScope &tenant) const
{
    // Literal statements only: the table is one of two.
    const QString sql = table == u"messages"
        ? QStringLiteral("SELECT COUNT(*) FROM messages WHERE tenant_id = :t")
        : QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE tenant_id = :t");
    auto value = Store::SqlQuery(*m_database->connection(), sql)
                     .bind(QStringLiteral(":t"), tenant.tenantId().value())
                     .scalar();
    return value ? value->toInt() : -1;
}

void tst_GroupCommit::batchStoresEachEventOnceInItsTenant()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QString a = QString::number(m_tenantA->tenantId().value()) + u'/';
    const QString b = QString::number(m_tenantB->tenantId().value()) + u'/';
    lockStore();
    submit(*m_tenantA, QStringLiteral("SM-blocker")); // the writer waits on the lock with it
    QTRY_COMPARE_WITH_TIMEOUT(m_committer->waiting(), 0, 5000);
    submit(*m_tenantB, QStringLiteral("SM1"));
    submit(*m_tenantA, QStringLiteral("SM1")); // same sid, other tenant: its own event
    submit(*m_tenantA, QStringLiteral("SM2"));
    submit(*m_tenantB, QStringLiteral("SM1")); // a redelivery within the batch
    submit(*m_tenantA, QStringLiteral("SM-blocker")); // a redelivery of a stored event
    unlockStore();
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 6, 15000);

    for (const QString &key : {a + QStringLiteral("SM-blocker"),
                               a + QStringLiteral("SM1"),
                               a + QStringLiteral("SM2"),
                               b + QStringLiteral("SM1")}) {
        const auto first = outcomeOf(key);
        QVERIFY2(first && first->isStored && first->status == 200,
                 qPrintable(key + QString::number(first ? first->status : -1)
                            + QString::number(first && first->isStored)));
    }
    QMutexLocker locker(&m_mutex);
    QCOMPARE(std::count_if(m_outcomes.cbegin(),
                           m_outcomes.cend(),
                           [](const Outcome &outcome) { return outcome.isStored; }),
             4);
    QVERIFY(std::all_of(m_outcomes.cbegin(), m_outcomes.cend(), [](const Outcome &outcome) {
        return outcome.status == 200; // duplicates are acknowledged too
    }));
    locker.unlock();
    QCOMPARE(count(QStringLiteral("webhook_events"), *m_tenantA), 3);
    QCOMPARE(count(QStringLiteral("messages"), *m_tenantA), 3);
    QCOMPARE(count(QStringLiteral("webhook_events"), *m_tenantB), 1);
    QCOMPARE(count(QStringLiteral("messages"), *m_tenantB), 1);
}

void tst_GroupCommit::failedBatchIsStoredEventByEvent()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    // A tenant removed after its event was routed: its rows break a foreign key.
    const auto gone = *Tenancy::AdminSession(*m_database).scope(QStringLiteral("clinic-gone"));
    QVERIFY(QSqlQuery(*m_database->connection())
                .exec(QStringLiteral("DELETE FROM tenants WHERE name = 'clinic-gone'")));
    lockStore();
    submit(*m_tenantA, QStringLiteral("SM-blocker"));
    QTRY_COMPARE_WITH_TIMEOUT(m_committer->waiting(), 0, 5000); // taken: the writer waits
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("a batch of 3 events failed")));
    submit(*m_tenantA, QStringLiteral("SM1"));
    submit(gone, QStringLiteral("SM1"));
    submit(*m_tenantB, QStringLiteral("SM1"));
    unlockStore();
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 4, 15000);

    const QString prefix = QString::number(gone.tenantId().value()) + u'/';
    QCOMPARE(outcomeOf(prefix + QStringLiteral("SM1"))->status,
             503); // refused: Twilio will retry it
    QVERIFY(outcomeOf(QString::number(m_tenantA->tenantId().value()) + QStringLiteral("/SM1"))
                ->isStored);
    QVERIFY(outcomeOf(QString::number(m_tenantB->tenantId().value()) + QStringLiteral("/SM1"))
                ->isStored);
    QCOMPARE(count(QStringLiteral("webhook_events"), *m_tenantA), 2);
    QCOMPARE(count(QStringLiteral("webhook_events"), *m_tenantB), 1);
}

void tst_GroupCommit::batchAppliesEventsAsIfOneByOne()
{
    // On PostgreSQL a batch's message rows are written set-based, one statement per tenant:
    // the outcome must be what storing the events one by one gives.
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    auto status = [](const QString &name, const QString &value, const QString &error = {}) {
        return messageStatus(name, value, error);
    };
    lockStore();
    submit(*m_tenantA, QStringLiteral("SM-blocker"));
    QTRY_COMPARE_WITH_TIMEOUT(m_committer->waiting(), 0, 5000); // taken: the writer waits
    // Callbacks out of order: delivered wins, a late "sent" does not move it back.
    submit(*m_tenantA, status(QStringLiteral("SMout"), QStringLiteral("queued")));
    submit(*m_tenantA, status(QStringLiteral("SMout"), QStringLiteral("delivered")));
    submit(*m_tenantA, status(QStringLiteral("SMout"), QStringLiteral("sent")));
    // Two statuses of equal rank: the first one stays, with its error code.
    submit(*m_tenantB, status(QStringLiteral("SMfail"), QStringLiteral("undelivered"), u"30003"_s));
    submit(*m_tenantB, status(QStringLiteral("SMfail"), QStringLiteral("failed"), u"30008"_s));
    // A call and its recording in the same batch: the recording finds the call.
    const QString callSid = sid("CA", QStringLiteral("CA1"));
    submit(*m_tenantB,
           twilioEvent(TwilioEndpoint::CallStatus,
                       {{QStringLiteral("CallSid"), callSid},
                        {QStringLiteral("CallStatus"), QStringLiteral("completed")},
                        {QStringLiteral("CallDuration"), QStringLiteral("42")}}));
    submit(*m_tenantB,
           twilioEvent(TwilioEndpoint::RecordingStatus,
                       {{QStringLiteral("CallSid"), callSid},
                        {QStringLiteral("RecordingSid"), sid("RE", QStringLiteral("RE1"))},
                        {QStringLiteral("RecordingStatus"), QStringLiteral("completed")},
                        {QStringLiteral("RecordingUrl"), QStringLiteral("https://rec/RE1")}}));
    unlockStore();
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 8, 15000);

    auto row = [this](const QString &sql, const Store::TenantScope &tenant) {
        QSqlQuery query(*m_database->connection());
        query.prepare(sql);
        query.bindValue(QStringLiteral(":t"), tenant.tenantId().value());
        if (sql.contains(u":sid"))
            query.bindValue(QStringLiteral(":sid"), sid("SM", QStringLiteral("SMout")));
        if (sql.contains(u":fail"))
            query.bindValue(QStringLiteral(":fail"), sid("SM", QStringLiteral("SMfail")));
        if (sql.contains(u":call"))
            query.bindValue(QStringLiteral(":call"), sid("CA", QStringLiteral("CA1")));
        QStringList values;
        if (query.exec() && query.next()) {
            for (int i = 0; i < query.record().count(); ++i)
                values.append(query.value(i).toString());
        }
        return values.join(u'|');
    };
    QCOMPARE(row(QStringLiteral("SELECT COUNT(*), MIN(status), MIN(direction) FROM messages"
                                " WHERE tenant_id = :t AND provider_message_id = :sid"),
                 *m_tenantA),
             u"1|delivered|outbound"_s);
    QCOMPARE(row(QStringLiteral("SELECT COUNT(*), MIN(status), MIN(error_code) FROM messages"
                                " WHERE tenant_id = :t AND provider_message_id = :fail"),
                 *m_tenantB),
             u"1|undelivered|30003"_s);
    QCOMPARE(row(QStringLiteral("SELECT status, duration_seconds, recording_url FROM calls"
                                " WHERE tenant_id = :t AND provider_call_id = :call"),
                 *m_tenantB),
             u"completed|42|https://rec/RE1"_s);

    // A redelivery adds nothing, not even a row an administrator has since removed.
    QSqlQuery removal(*m_database->connection());
    removal.prepare(QStringLiteral("DELETE FROM messages WHERE provider_message_id = :sid"));
    removal.bindValue(QStringLiteral(":sid"), sid("SM", QStringLiteral("SMout")));
    QVERIFY(removal.exec());
    m_outcomes.clear();
    submit(*m_tenantA, status(QStringLiteral("SMout"), QStringLiteral("queued")));
    submit(*m_tenantA, QStringLiteral("SM-new"));
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 2, 15000);
    QCOMPARE(row(QStringLiteral("SELECT COUNT(*) FROM messages WHERE tenant_id = :t"
                                " AND provider_message_id = :sid"),
                 *m_tenantA),
             u"0"_s);
    QCOMPARE(count(QStringLiteral("messages"), *m_tenantA), 2); // SM-blocker and SM-new
}

void tst_GroupCommit::batchFunctionKeepsTheMessageRule()
{
    // PostgreSQL stores a batch's messages with MessageMerge's rule written in SQL
    // (sb_store_webhook_events); one event at a time, MessageStore applies the rule in C++. The
    // same callbacks and incoming texts (some with media), shuffled, repeated and cut into
    // batches at random, one tenant each way, must leave the same rows.
    SB_VERIFY_OK(start(QStringLiteral("postgres")));
    struct Said
    {
        const char *status;
        const char *error;
    };
    const Said statuses[] = {{"accepted", ""},
                             {"queued", ""},
                             {"sending", ""},
                             {"sent", ""},
                             {"delivered", ""},
                             {"undelivered", "30003"},
                             {"failed", "30008"},
                             {"read", ""},
                             {"canceled", ""},
                             {"mystery", ""}};
    QRandomGenerator random(20261130);
    Store::WebhookEventStore store(*m_database);
    int applied = 0;
    for (int round = 0; round < 60; ++round) {
        QList<IngestEvent> events;
        for (int m = 0; m < 3; ++m) {
            const QString name = QStringLiteral("round%1-message%2").arg(round).arg(m);
            if (random.bounded(4) == 0) {
                // An incoming text, with up to two pictures or files (MMS).
                QList<QPair<QString, QString>> fields{{QStringLiteral("MessageSid"), sid("SM", name)},
                                                      {QStringLiteral("Body"), name}};
                const int media = int(random.bounded(3));
                fields.append({QStringLiteral("NumMedia"), QString::number(media)});
                for (int i = 0; i < media; ++i) {
                    fields.append({QStringLiteral("MediaUrl") + QString::number(i),
                                   QStringLiteral("https://api.twilio.com/2010-04-01/Accounts/AC1/"
                                                  "Messages/%1/Media/ME%2").arg(name).arg(i)});
                    fields.append({QStringLiteral("MediaContentType") + QString::number(i),
                                   i == 0 ? QStringLiteral("image/jpeg")
                                          : QStringLiteral("application/pdf")});
                }
                events.append(twilioEvent(TwilioEndpoint::IncomingSms, fields));
            }
            for (int n = 1 + int(random.bounded(5)); n > 0; --n) {
                const Said &said = statuses[random.bounded(int(std::size(statuses)))];
                events.append(
                    messageStatus(name, QLatin1String(said.status), QLatin1String(said.error)));
            }
        }
        for (int repeats = int(random.bounded(3)); repeats > 0; --repeats)
            events.append(events.at(random.bounded(int(events.size()))));
        std::shuffle(events.begin(), events.end(), random);
        for (qsizetype start = 0; start < events.size();) {
            const qsizetype length = 1 + random.bounded(int(events.size() - start));
            QList<Store::ReceivedEvent> batchA, oneByOneB;
            for (const IngestEvent &event : events.mid(start, length)) {
                batchA.append(event.received(*m_tenantA));
                oneByOneB.append(event.received(*m_tenantB));
            }
            start += length;
            SB_VERIFY_OK(m_database->adminTransaction(
                Store::TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
                    auto stored = store.storeAllIn(db, batchA);
                    return stored ? ok() : Status(stored.error());
                }));
            SB_VERIFY_OK(m_database->adminTransaction(
                Store::TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
                    auto stored = store.storeOneByOneIn(db, oneByOneB);
                    return stored ? ok() : Status(stored.error());
                }));
            ++applied;
        }
    }
    const QStringList batched = messagesOf(*m_tenantA);
    QCOMPARE(batched.size(), 180);
    QVERIFY(std::any_of(batched.cbegin(), batched.cend(), [](const QString &row) {
        return row.contains(u"application/pdf"_s);
    })); // media were stored
    QVERIFY2(applied > 120, "the sequences were cut into batches");
    QCOMPARE(batched, messagesOf(*m_tenantB));
}

QTEST_GUILESS_MAIN(tst_GroupCommit)
#include "tst_groupcommit.moc"
