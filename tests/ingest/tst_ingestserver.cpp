#include "../support/ctlrunner.h"
#include "../support/testdatabase.h"

#include <core/ingest/ingestserver.h>
#include <core/ingest/twiliosignature.h>
#include <core/store/phonenumberstore.h>
#include <core/store/sqlquery.h>
#include <core/tenancy/staffsession.h>
#include <core/tenancy/tenantdirectory.h>
#include <core/vault/sealedsecretstore.h>
#include <core/vault/vaultadmin.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QUrlQuery>

using namespace Sb;
using namespace Sb::Ingest;

// `serve` over real HTTP on 127.0.0.1, two tenants with their own subaccounts, numbers and
// sealed auth tokens; requests signed as Twilio signs them, against the public URL.
class tst_IngestServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void eachEventLandsInItsOwnTenant_data() { Test::TestDatabase::addBackendRows(); }
    void eachEventLandsInItsOwnTenant();
    void refusesBadSignatures_data();
    void refusesBadSignatures();
    void storesDuplicateOnce_data() { Test::TestDatabase::addBackendRows(); }
    void storesDuplicateOnce();
    void statusNeverMovesBackwards();
    void rotatedTokenVerifiesAtOnce_data() { Test::TestDatabase::addBackendRows(); }
    void rotatedTokenVerifiesAtOnce();
    void quarantinesUnknownAccount_data() { Test::TestDatabase::addBackendRows(); }
    void quarantinesUnknownAccount();
    void replaysQuarantineAfterMappingFix_data() { Test::TestDatabase::addBackendRows(); }
    void replaysQuarantineAfterMappingFix();
    void voiceFlowCompletesOneCallRecord_data() { Test::TestDatabase::addBackendRows(); }
    void voiceFlowCompletesOneCallRecord();
    void vapiRefusesWrongSecretAndForeignMetadata();
    void ringCentralHandshakeAndNotifications_data() { Test::TestDatabase::addBackendRows(); }
    void ringCentralHandshakeAndNotifications();
    void floodDoesNotStarveOtherTenants();
    void sourceFailingSignaturesIsContained();
    void refusesAndKeepsGarbage_data();
    void refusesAndKeepsGarbage();
    void refusesOversizedBody();
    void answersHealthCheck();

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
    };
    Status start(const QString &backend);
    Reply post(const QString &path, const QByteArray &body, const QByteArray &signature);
    Reply postTwilio(const QString &path, const QList<QPair<QString, QString>> &fields);
    Reply postVapi(const QByteArray &body, const QByteArray &secret);
    QByteArray endOfCallReport(const QString &vapiCallId, const QString &metadataTenant) const;
    QByteArray smsBody(const QString &account, const QString &to, const QString &messageSid) const;
    QByteArray sign(const QString &path, const QByteArray &body, const QString &token) const;
    int count(const QString &sql, const QVariantMap &binds = {});

    Test::TestDatabase m_databases;
    QTemporaryDir m_dir;
    QString m_keyFile;
    std::shared_ptr<Store::Database> m_admin;
    std::unique_ptr<IngestServer> m_server;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
    const QString m_publicUrl = QStringLiteral("https://hooks.example.org");
    const QString m_accountA = QStringLiteral("AC") + QStringLiteral("a").repeated(32);
    const QString m_accountB = QStringLiteral("AC") + QStringLiteral("b").repeated(32);
    const QString m_tokenA = QStringLiteral("1").repeated(32);
    const QString m_tokenB = QStringLiteral("2").repeated(32);
    const QString m_numberA = QStringLiteral("+14155550100");
    const QString m_numberB = QStringLiteral("+12125550100");
    const QString m_assistantA = QStringLiteral("+14155550199");
    const QString m_vapiSecretA = QStringLiteral("vapi-server-secret-of-clinic-a");
    const QString m_caller = QStringLiteral("+15550001111");
    int m_suspectBacklog = 16;
    int m_commitBatch = 256;
    qint64 m_tenantA = 0;
    qint64 m_tenantB = 0;
};

void tst_IngestServer::init()
{
    m_server.reset();
    m_admin.reset();
    m_commitBatch = 256;
}

void tst_IngestServer::cleanup()
{
    m_server.reset();
}

Status tst_IngestServer::start(const QString &backend)
{
    auto admin = m_databases.createMigrated(backend);
    if (!admin)
        return admin.error();
    m_admin = *admin;
    Tenancy::TenantDirectory tenants(*m_admin);
    const QString keyFile =
        m_dir.filePath(QStringLiteral("key-%1").arg(QRandomGenerator::global()->generate()));
    m_keyFile = keyFile;
    if (auto state = Vault::VaultAdmin(*m_admin, Vault::KeySource::file(keyFile)).init(); !state)
        return state.error();
    auto sealer = Vault::VaultAdmin(*m_admin, Vault::KeySource::file(keyFile)).sealer();
    if (!sealer)
        return sealer.error();
    for (const auto &[name, account, number, token] :
         {std::tuple{QStringLiteral("clinic-a"), m_accountA, m_numberA, m_tokenA},
          std::tuple{QStringLiteral("clinic-b"), m_accountB, m_numberB, m_tokenB}}) {
        auto tenant = tenants.add(name, {});
        if (!tenant)
            return tenant.error();
        (name == u"clinic-a" ? m_tenantA : m_tenantB) = tenant->id.value();
        auto scope = Tenancy::AdminSession(*m_admin).scope(name);
        Store::PhoneNumber phone;
        phone.e164 = number;
        phone.providerAccountId = account;
        if (auto added = Store::PhoneNumberStore(*m_admin).add(*scope, phone); !added)
            return added.error();
        if (auto sealed = Vault::SealedSecretStore(*m_admin, *sealer)
                              .put(*scope,
                                   QStringLiteral("twilio-account:") + account,
                                   QStringLiteral("auth-token"),
                                   Secret::fromString(token));
            !sealed)
            return sealed;
        const QString vapiSecret =
            name == u"clinic-a" ? m_vapiSecretA : QStringLiteral("vapi-secret-of-b");
        if (auto sealed = Vault::SealedSecretStore(*m_admin, *sealer)
                              .put(*scope,
                                   QStringLiteral("vapi-server"),
                                   QStringLiteral("secret"),
                                   Secret::fromString(vapiSecret));
            !sealed)
            return sealed;
        if (name == u"clinic-a") {
            Store::PhoneNumber assistant;
            assistant.e164 = m_assistantA;
            assistant.provider = Store::NumberProvider::Vapi;
            assistant.purpose = Store::NumberPurpose::Assistant;
            if (auto added = Store::PhoneNumberStore(*m_admin).add(*scope, assistant); !added)
                return added.error();
        }
    }
    // On PostgreSQL the server runs as an ingest login: RLS applies to everything it does.
    std::shared_ptr<Store::Database> serverDatabase = m_admin;
    if (backend == u"postgres") {
        const QString login =
            QStringLiteral("ingest_%1").arg(QRandomGenerator::global()->generate(), 0, 36);
        const QString password = QStringLiteral("ingest-password-") + login;
        auto statement =
            Store::SqlQuery(*m_admin->connection(),
                            QStringLiteral("SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE"
                                           " sb_ingest', CAST(:l AS text), CAST(:p AS text))"))
                .bind(QStringLiteral(":l"), login)
                .bind(QStringLiteral(":p"), password)
                .scalar();
        if (!statement)
            return statement.error();
        QSqlQuery(*m_admin->connection()).exec(statement->toString());
        auto ingest = m_databases.connectAs(login, password);
        if (!ingest)
            return ingest.error();
        serverDatabase = *ingest;
    }
    m_server = std::make_unique<IngestServer>(
        serverDatabase,
        std::make_shared<const Vault::Sealer>(*sealer),
        IngestServerConfig{m_publicUrl, 1 << 20, {}, 30, m_suspectBacklog, 5000, m_commitBatch});
    auto port = m_server->listen(QHostAddress::LocalHost, 0);
    if (!port)
        return port.error();
    m_port = *port;
    return ok();
}

QByteArray tst_IngestServer::smsBody(const QString &account,
                                     const QString &to,
                                     const QString &messageSid) const
{
    QUrlQuery query;
    query.setQueryItems({{QStringLiteral("AccountSid"), account},
                         {QStringLiteral("MessageSid"), messageSid},
                         {QStringLiteral("From"), QStringLiteral("+15550001111")},
                         {QStringLiteral("To"), to},
                         {QStringLiteral("Body"), QStringLiteral("Can I move my appointment?")},
                         {QStringLiteral("NumMedia"), QStringLiteral("0")}});
    return query.toString(QUrl::FullyEncoded).toUtf8().replace("%20", "+").replace("+1", "%2B1");
}

QByteArray
tst_IngestServer::sign(const QString &path, const QByteArray &body, const QString &token) const
{
    return TwilioSignature::compute(
        m_publicUrl + path, *FormFields::parse(body), Secret::fromString(token));
}

tst_IngestServer::Reply
tst_IngestServer::post(const QString &path, const QByteArray &body, const QByteArray &signature)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    if (!signature.isEmpty())
        request.setRawHeader("X-Twilio-Signature", signature);
    QNetworkReply *reply = m_network.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(20000))
        return {};
    reply->deleteLater();
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

tst_IngestServer::Reply tst_IngestServer::postTwilio(const QString &path,
                                                     const QList<QPair<QString, QString>> &fields)
{
    QUrlQuery query;
    query.setQueryItems(fields);
    const QByteArray body = query.toString(QUrl::FullyEncoded).toUtf8().replace("+1", "%2B1");
    return post(path, body, sign(path, body, m_tokenA));
}

tst_IngestServer::Reply tst_IngestServer::postVapi(const QByteArray &body, const QByteArray &secret)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/vapi").arg(m_port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!secret.isEmpty())
        request.setRawHeader("X-Vapi-Secret", secret);
    QNetworkReply *reply = m_network.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(20000))
        return {};
    reply->deleteLater();
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

QByteArray tst_IngestServer::endOfCallReport(const QString &vapiCallId,
                                             const QString &metadataTenant) const
{
    // The shape VAPI sends (../shared/providers.md §2.2).
    QJsonObject call{
        {QStringLiteral("id"), vapiCallId},
        {QStringLiteral("type"), QStringLiteral("inboundPhoneCall")},
        {QStringLiteral("status"), QStringLiteral("ended")},
        {QStringLiteral("customer"), QJsonObject{{QStringLiteral("number"), m_caller}}}};
    if (!metadataTenant.isEmpty())
        call.insert(QStringLiteral("metadata"),
                    QJsonObject{{QStringLiteral("tenantId"), metadataTenant}});
    const QJsonObject message{
        {QStringLiteral("type"), QStringLiteral("end-of-call-report")},
        {QStringLiteral("timestamp"), qint64(1735732990000)},
        {QStringLiteral("endedReason"), QStringLiteral("customer-ended-call")},
        {QStringLiteral("startedAt"), QStringLiteral("2025-01-01T12:00:01.000Z")},
        {QStringLiteral("endedAt"), QStringLiteral("2025-01-01T12:03:10.000Z")},
        {QStringLiteral("cost"), 0.1234},
        {QStringLiteral("analysis"),
         QJsonObject{
             {QStringLiteral("summary"), QStringLiteral("Booked a cleaning for Tuesday.")}}},
        {QStringLiteral("artifact"),
         QJsonObject{
             {QStringLiteral("recordingUrl"), QStringLiteral("https://storage.vapi.ai/mono.wav")},
             {QStringLiteral("transcript"),
              QStringLiteral("AI: Smile Dental.\nUser: I need a cleaning.")},
             {QStringLiteral("messages"),
              QJsonArray{
                  QJsonObject{{QStringLiteral("role"), QStringLiteral("bot")},
                              {QStringLiteral("message"), QStringLiteral("Smile Dental.")},
                              {QStringLiteral("time"), 1735732801500.0},
                              {QStringLiteral("secondsFromStart"), 0.5}},
                  QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                              {QStringLiteral("message"), QStringLiteral("I need a cleaning.")},
                              {QStringLiteral("time"), 1735732804000.0},
                              {QStringLiteral("secondsFromStart"), 3.1}}}}}},
        {QStringLiteral("phoneNumber"), QJsonObject{{QStringLiteral("number"), m_assistantA}}},
        {QStringLiteral("call"), call}};
    return QJsonDocument(QJsonObject{{QStringLiteral("message"), message}})
        .toJson(QJsonDocument::Compact);
}

void tst_IngestServer::voiceFlowCompletesOneCallRecord()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QString callSid = QStringLiteral("CA") + QStringLiteral("1").repeated(32);
    const QList<QPair<QString, QString>> call{
        {QStringLiteral("AccountSid"), m_accountA},
        {QStringLiteral("CallSid"), callSid},
        {QStringLiteral("From"), m_caller},
        {QStringLiteral("To"), m_numberA},
        {QStringLiteral("Direction"), QStringLiteral("inbound")}};
    // 1. The clinic number rings: the caller is connected to clinic A's assistant, recorded.
    Reply reply = postTwilio(QStringLiteral("/twilio/voice"),
                             call
                                 + QList<QPair<QString, QString>>{
                                     {QStringLiteral("CallStatus"), QStringLiteral("ringing")}});
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.body.contains("<Dial callerId=\"+15550001111\""), reply.body.constData());
    QVERIFY2(reply.body.contains("<Number>+14155550199</Number>"), reply.body.constData());
    QVERIFY(reply.body.contains("record=\"record-from-answer-dual\""));
    const QString oneCall = QStringLiteral("SELECT COUNT(*) FROM calls WHERE tenant_id = :t");
    QCOMPARE(count(oneCall, {{QStringLiteral(":t"), m_tenantA}}), 1);

    // 2. Status callbacks, the final one first: the record never moves backwards.
    QCOMPARE(postTwilio(QStringLiteral("/twilio/call-status"),
                        call
                            + QList<QPair<QString, QString>>{{QStringLiteral("CallStatus"),
                                                              QStringLiteral("completed")},
                                                             {QStringLiteral("CallDuration"),
                                                              QStringLiteral("185")},
                                                             {QStringLiteral("SequenceNumber"),
                                                              QStringLiteral("3")}})
                 .status,
             200);
    QCOMPARE(postTwilio(QStringLiteral("/twilio/call-status"),
                        call
                            + QList<QPair<QString, QString>>{{QStringLiteral("CallStatus"),
                                                              QStringLiteral("in-progress")},
                                                             {QStringLiteral("SequenceNumber"),
                                                              QStringLiteral("1")}})
                 .status,
             200);
    // 3. The recording, once complete.
    QCOMPARE(postTwilio(
                 QStringLiteral("/twilio/recording-status"),
                 {{QStringLiteral("AccountSid"), m_accountA},
                  {QStringLiteral("CallSid"), callSid},
                  {QStringLiteral("RecordingSid"),
                   QStringLiteral("RE") + QStringLiteral("1").repeated(32)},
                  {QStringLiteral("RecordingStatus"), QStringLiteral("completed")},
                  {QStringLiteral("RecordingUrl"),
                   QStringLiteral("https://api.twilio.com/2010-04-01/Accounts/AC/Recordings/RE1")}})
                 .status,
             200);
    // One literal statement; a column is picked by its place in it.
    auto row = [&](const QString &column) {
        static const QStringList columns = {QStringLiteral("status"),
                                            QStringLiteral("duration_seconds"),
                                            QStringLiteral("recording_url"),
                                            QStringLiteral("vapi_call_id"),
                                            QStringLiteral("transcript_json"),
                                            QStringLiteral("summary"),
                                            QStringLiteral("ended_reason"),
                                            QStringLiteral("cost_micros")};
        Store::SqlQuery query(*m_admin->connection(),
                              QStringLiteral("SELECT status, duration_seconds, recording_url,"
                                             " vapi_call_id, transcript_json, summary,"
                                             " ended_reason, cost_micros FROM calls"
                                             " WHERE tenant_id = :t"));
        if (!query.bind(QStringLiteral(":t"), m_tenantA).exec() || !query.next())
            return QString();
        return query.value(int(columns.indexOf(column))).toString();
    };
    QCOMPARE(row(QStringLiteral("status")), QStringLiteral("completed"));
    QCOMPARE(row(QStringLiteral("duration_seconds")), QStringLiteral("185"));
    QVERIFY(row(QStringLiteral("recording_url")).endsWith(u"/RE1"));

    // 4. VAPI's end-of-call report completes the same record (twice: stored once).
    const QByteArray report =
        endOfCallReport(QStringLiteral("3f1c2a9e-0000-4000-8000-00000000c0de"), {});
    QCOMPARE(postVapi(report, m_vapiSecretA.toUtf8()).status, 200);
    QCOMPARE(postVapi(report, m_vapiSecretA.toUtf8()).status, 200);
    QCOMPARE(count(oneCall, {{QStringLiteral(":t"), m_tenantA}}), 1);
    QCOMPARE(row(QStringLiteral("vapi_call_id")),
             QStringLiteral("3f1c2a9e-0000-4000-8000-00000000c0de"));
    QCOMPARE(row(QStringLiteral("summary")), QStringLiteral("Booked a cleaning for Tuesday."));
    QCOMPARE(row(QStringLiteral("ended_reason")), QStringLiteral("customer-ended-call"));
    QCOMPARE(row(QStringLiteral("cost_micros")), QStringLiteral("123400"));
    QCOMPARE(row(QStringLiteral("recording_url")),
             QStringLiteral("https://storage.vapi.ai/mono.wav"));
    QVERIFY(row(QStringLiteral("transcript_json")).contains(u"secondsFromStart"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE provider = 'vapi'")),
             1);
    // Nothing of this reached clinic B.
    QCOMPARE(count(oneCall, {{QStringLiteral(":t"), m_tenantB}}), 0);
}

void tst_IngestServer::vapiRefusesWrongSecretAndForeignMetadata()
{
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    const QByteArray report =
        endOfCallReport(QStringLiteral("aaaaaaaa-0000-4000-8000-000000000001"), {});
    QCOMPARE(postVapi(report, {}).status, 403);
    QCOMPARE(postVapi(report, "vapi-secret-of-b").status,
             403); // B's secret does not open A's calls
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 0);
    // A payload claiming tenant B for a call routed to A is kept aside, not believed.
    const QByteArray claimsB = endOfCallReport(
        QStringLiteral("aaaaaaaa-0000-4000-8000-000000000002"), QString::number(m_tenantB));
    QCOMPARE(postVapi(claimsB, m_vapiSecretA.toUtf8()).status, 200);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 0);
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM quarantine WHERE reason LIKE '%metadata%'")), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM calls")), 0);
    // The VAPI secret header is never kept with the event.
    QCOMPARE(count(QStringLiteral(
                 "SELECT COUNT(*) FROM quarantine WHERE headers_json LIKE '%vapi-server-secret%'")),
             0);
}

void tst_IngestServer::ringCentralHandshakeAndNotifications()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/ringcentral").arg(m_port));
    // The subscription handshake: the token comes straight back, nothing is stored.
    QNetworkRequest handshake(url);
    handshake.setRawHeader("Validation-Token", "c2f1d7e8-handshake");
    QNetworkReply *reply = m_network.post(handshake, QByteArray());
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->rawHeader("Validation-Token"), QByteArray("c2f1d7e8-handshake"));
    reply->deleteLater();

    // Clinic A connected RingCentral account 406149828004 with its own verification token.
    Store::SqlQuery connect(
        *m_admin->connection(),
        QStringLiteral("INSERT INTO connections (tenant_id, kind, provider,"
                       " external_account_id, created_at, updated_at)"
                       " VALUES (:t, 'provider', 'ringcentral', '406149828004', 0, 0)"));
    SB_VERIFY_OK(connect.bind(QStringLiteral(":t"), m_tenantA).exec());
    auto scope = Tenancy::AdminSession(*m_admin).scope(QStringLiteral("clinic-a"));
    SB_VERIFY_OK(scope);
    auto sealer = Vault::VaultAdmin(*m_admin, Vault::KeySource::file(m_keyFile)).sealer();
    SB_VERIFY_OK(sealer);
    SB_VERIFY_OK(Vault::SealedSecretStore(*m_admin, *sealer)
                     .put(*scope,
                          QStringLiteral("ringcentral-webhook"),
                          QStringLiteral("verification-token"),
                          Secret::fromString(QStringLiteral("rc-verification-token-a"))));
    const auto notify = [&](const QByteArray &owner,
                            const QByteArray &token,
                            const QByteArray &uuid = "b11c9430-0001") {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        if (!token.isEmpty())
            request.setRawHeader("Verification-Token", token);
        const QByteArray body = R"({"uuid":")" + uuid
            + R"(","event":"/restapi/v1.0/account/~/extension/)" + owner
            + R"(/message-store","timestamp":"2014-04-29T14:29:27.408Z","subscriptionId":"9d38419f","ownerId":")"
            + owner + R"(","body":{"changes":[{"type":"SMS","newCount":1,"updatedCount":0}]}})";
        QNetworkReply *sent = m_network.post(request, body);
        QSignalSpy finished(sent, &QNetworkReply::finished);
        if (!sent->isFinished())
            finished.wait(20000);
        sent->deleteLater();
        return sent->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    };
    QCOMPARE(notify("406149828004", "rc-verification-token-a"), 200);
    QCOMPARE(notify("406149828004", "rc-verification-token-a"), 200); // redelivered
    QCOMPARE(notify("406149828004", "not-the-token"), 403);
    QCOMPARE(notify("406149828004", {}), 403);
    QCOMPARE(notify("999999999999", "rc-verification-token-a", "b11c9430-0002"),
             200); // unknown owner: quarantined
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE provider = "
                                  "'ringcentral' AND tenant_id = :t"),
                   {{QStringLiteral(":t"), m_tenantA}}),
             1);
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM quarantine WHERE provider = 'ringcentral'")), 1);
    // Kept without the token, but with a proof of it that replay can check.
    QCOMPARE(count(QStringLiteral(
                 "SELECT COUNT(*) FROM quarantine WHERE headers_json LIKE '%rc-verification%'")),
             0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM quarantine WHERE headers_json"
                                  " LIKE '%x-switchboard-secret-proof%'")),
             1);

    // Another unknown owner, with a token that is not clinic A's; then the administrator
    // connects both accounts to clinic A and replays: only the genuine one is placed.
    QCOMPARE(notify("888888888888", "forged-token", "b11c9430-0003"), 200);
    for (const char *owner : {"999999999999", "888888888888"}) {
        Store::SqlQuery more(
            *m_admin->connection(),
            QStringLiteral("INSERT INTO connections (tenant_id, kind, provider,"
                           " external_account_id, created_at, updated_at)"
                           " VALUES (:t, 'provider', 'ringcentral', :owner, 0, 0)"));
        SB_VERIFY_OK(more.bind(QStringLiteral(":t"), m_tenantA)
                         .bind(QStringLiteral(":owner"), QString::fromLatin1(owner))
                         .exec());
    }
    const auto run = Test::runCtl({QStringLiteral("events"),
                                   QStringLiteral("replay"),
                                   QStringLiteral("--json"),
                                   QStringLiteral("--db"),
                                   m_databases.lastUrl(),
                                   QStringLiteral("--key-file"),
                                   m_keyFile});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray outcomes = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(outcomes.size(), 2);
    QCOMPARE(outcomes.at(0)[u"placed"].toBool(), true);
    QCOMPARE(outcomes.at(0)[u"tenant"].toInteger(), m_tenantA);
    QCOMPARE(outcomes.at(1)[u"placed"].toBool(), false);
    QVERIFY2(outcomes.at(1)[u"detail"].toString().contains(u"wrong RingCentral verification"),
             qPrintable(outcomes.at(1)[u"detail"].toString()));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE provider = "
                                  "'ringcentral' AND tenant_id = :t"),
                   {{QStringLiteral(":t"), m_tenantA}}),
             2);
}

void tst_IngestServer::floodDoesNotStarveOtherTenants()
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

void tst_IngestServer::sourceFailingSignaturesIsContained()
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

int tst_IngestServer::count(const QString &sql, const QVariantMap &binds)
{
    Store::SqlQuery query(*m_admin->connection(), sql);
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        query.bind(it.key(), it.value());
    auto value = query.scalar();
    return value ? value->toInt() : -1;
}

void tst_IngestServer::eachEventLandsInItsOwnTenant()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QByteArray toA =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("1").repeated(32));
    const QByteArray toB =
        smsBody(m_accountB, m_numberB, QStringLiteral("SM") + QStringLiteral("2").repeated(32));
    Reply reply = post(
        QStringLiteral("/twilio/sms"), toA, sign(QStringLiteral("/twilio/sms"), toA, m_tokenA));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.body.contains("<Response/>"));
    QCOMPARE(
        post(QStringLiteral("/twilio/sms"), toB, sign(QStringLiteral("/twilio/sms"), toB, m_tokenB))
            .status,
        200);
    const QString inThread =
        QStringLiteral("SELECT COUNT(*) FROM messages WHERE tenant_id = :t AND our_e164 = :n");
    QCOMPARE(
        count(inThread, {{QStringLiteral(":t"), m_tenantA}, {QStringLiteral(":n"), m_numberA}}), 1);
    QCOMPARE(
        count(inThread, {{QStringLiteral(":t"), m_tenantB}, {QStringLiteral(":n"), m_numberB}}), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages")), 2);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE tenant_id = :t"),
                   {{QStringLiteral(":t"), m_tenantA}}),
             1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM quarantine")), 0);
}

void tst_IngestServer::refusesBadSignatures_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("how");
    for (const char *backend : {"sqlite", "postgres"}) {
        for (const char *how : {"missing", "other-tenants-token", "local-url", "tampered-body"})
            QTest::addRow("%s-%s", backend, how)
                << QString::fromLatin1(backend) << QString::fromLatin1(how);
    }
}

void tst_IngestServer::refusesBadSignatures()
{
    QFETCH(QString, backend);
    QFETCH(QString, how);
    SB_VERIFY_OK(start(backend));
    const QString path = QStringLiteral("/twilio/sms");
    QByteArray body =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("3").repeated(32));
    QByteArray signature;
    if (how == u"other-tenants-token")
        signature = sign(path, body, m_tokenB);
    else if (how == u"local-url")
        signature =
            TwilioSignature::compute(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path),
                                     *FormFields::parse(body),
                                     Secret::fromString(m_tokenA));
    else if (how == u"tampered-body") {
        signature = sign(path, body, m_tokenA);
        body.replace("appointment", "appointmenT");
    }
    QCOMPARE(post(path, body, signature).status, 403);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = :t"
                                  " AND action = 'webhook.signature-refused'"),
                   {{QStringLiteral(":t"), m_tenantA}}),
             1);
    // The audit line says which URL was checked, never the token.
    auto detail =
        Store::SqlQuery(*m_admin->connection(), QStringLiteral("SELECT detail FROM audit_log"))
            .scalar();
    SB_VERIFY_OK(detail);
    QVERIFY(detail->toString().contains(m_publicUrl + path));
    QVERIFY(!detail->toString().contains(m_tokenA));
}

void tst_IngestServer::storesDuplicateOnce()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QString path = QStringLiteral("/twilio/sms");
    const QByteArray body =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("4").repeated(32));
    const QByteArray signature = sign(path, body, m_tokenA);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(post(path, body, signature).status, 200);
    // And three at once.
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 3; ++i) {
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        request.setRawHeader("X-Twilio-Signature", signature);
        replies << m_network.post(request, body);
    }
    for (QNetworkReply *reply : std::as_const(replies)) {
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages")), 1);
}

// The route cache answers for a subaccount seen moments ago; a token rotated since must still
// verify at once (the store is asked again), and the other tenant's token never does.
void tst_IngestServer::rotatedTokenVerifiesAtOnce()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QString path = QStringLiteral("/twilio/sms");
    const QByteArray first =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("6").repeated(32));
    QCOMPARE(post(path, first, sign(path, first, m_tokenA)).status, 200); // now cached

    const QString rotated = QStringLiteral("9").repeated(32);
    auto sealer = Vault::VaultAdmin(*m_admin, Vault::KeySource::file(m_keyFile)).sealer();
    SB_VERIFY_OK(sealer);
    auto tenantA = Tenancy::AdminSession(*m_admin).scope(QString::number(m_tenantA));
    SB_VERIFY_OK(tenantA);
    SB_VERIFY_OK(Vault::SealedSecretStore(*m_admin, *sealer)
                     .put(*tenantA,
                          QStringLiteral("twilio-account:") + m_accountA,
                          QStringLiteral("auth-token"),
                          Secret::fromString(rotated)));
    const QByteArray second =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("7").repeated(32));
    QCOMPARE(post(path, second, sign(path, second, rotated)).status, 200);
    const QByteArray forged =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("8").repeated(32));
    QCOMPARE(post(path, forged, sign(path, forged, m_tokenB)).status, 403);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 2);
}

void tst_IngestServer::statusNeverMovesBackwards()
{
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    const QString path = QStringLiteral("/twilio/message-status");
    const QString sid = QStringLiteral("SM") + QStringLiteral("5").repeated(32);
    for (const char *status : {"delivered", "sent", "queued"}) {
        QUrlQuery query;
        query.setQueryItems({{QStringLiteral("AccountSid"), m_accountA},
                             {QStringLiteral("MessageSid"), sid},
                             {QStringLiteral("MessageStatus"), QLatin1String(status)},
                             {QStringLiteral("From"), m_numberA},
                             {QStringLiteral("To"), QStringLiteral("+15550001111")}});
        const QByteArray body = query.toString(QUrl::FullyEncoded).toUtf8().replace("+1", "%2B1");
        QCOMPARE(post(path, body, sign(path, body, m_tokenA)).status, 200);
    }
    // Every transition is kept; the message shows the furthest one.
    QCOMPARE(count(QStringLiteral(
                 "SELECT COUNT(*) FROM webhook_events WHERE event_type = 'message.status'")),
             3);
    auto status =
        Store::SqlQuery(*m_admin->connection(), QStringLiteral("SELECT status FROM messages"))
            .scalar();
    SB_VERIFY_OK(status);
    QCOMPARE(status->toString(), QStringLiteral("delivered"));
}

void tst_IngestServer::quarantinesUnknownAccount()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QString unknown = QStringLiteral("AC") + QStringLiteral("c").repeated(32);
    const QByteArray body = smsBody(unknown,
                                    QStringLiteral("+13125550100"),
                                    QStringLiteral("SM") + QStringLiteral("6").repeated(32));
    // Acknowledged, so Twilio does not retry; kept, so an administrator can replay it.
    QCOMPARE(post(QStringLiteral("/twilio/sms"),
                  body,
                  sign(QStringLiteral("/twilio/sms"), body, m_tokenA))
                 .status,
             200);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 0);
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM quarantine WHERE reason LIKE :pattern"),
              {{QStringLiteral(":pattern"), QStringLiteral("%") + unknown + QStringLiteral("%")}}),
        1);
}

void tst_IngestServer::replaysQuarantineAfterMappingFix()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QString accountC = QStringLiteral("AC") + QStringLiteral("c").repeated(32);
    const QString tokenC = QStringLiteral("3").repeated(32);
    const QString numberC = QStringLiteral("+13125550100");
    const QString path = QStringLiteral("/twilio/sms");
    const QByteArray good =
        smsBody(accountC, numberC, QStringLiteral("SM") + QStringLiteral("7").repeated(32));
    const QByteArray forged =
        smsBody(accountC, numberC, QStringLiteral("SM") + QStringLiteral("8").repeated(32));
    QCOMPARE(post(path, good, sign(path, good, tokenC)).status, 200);
    QCOMPARE(post(path, forged, sign(path, forged, QStringLiteral("9").repeated(32))).status, 200);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM quarantine WHERE replayed_at IS NULL")), 2);

    const QStringList db{
        QStringLiteral("--db"), m_databases.lastUrl(), QStringLiteral("--key-file"), m_keyFile};
    // The administrator maps the new number and account to clinic-b, with its token.
    QCOMPARE(Test::runCtl(QStringList{QStringLiteral("number"),
                                      QStringLiteral("add"),
                                      numberC,
                                      QStringLiteral("--tenant"),
                                      QStringLiteral("clinic-b"),
                                      QStringLiteral("--provider"),
                                      QStringLiteral("twilio"),
                                      QStringLiteral("--purpose"),
                                      QStringLiteral("clinic"),
                                      QStringLiteral("--account"),
                                      accountC}
                          + db)
                 .exitCode,
             0);
    auto sealed = Test::runCtl(QStringList{QStringLiteral("secret"),
                                           QStringLiteral("set"),
                                           QStringLiteral("--tenant"),
                                           QStringLiteral("clinic-b"),
                                           QStringLiteral("--record"),
                                           QStringLiteral("twilio-account:") + accountC,
                                           QStringLiteral("--purpose"),
                                           QStringLiteral("auth-token")}
                                   + db,
                               tokenC.toUtf8() + '\n');
    QVERIFY2(sealed.exitCode == 0, qPrintable(sealed.err));
    // Asked to place events in clinic-a only, nothing moves: they route to clinic-b.
    auto run = Test::runCtl(QStringList{QStringLiteral("events"),
                                        QStringLiteral("replay"),
                                        QStringLiteral("--tenant"),
                                        QStringLiteral("clinic-a")}
                            + db);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"0 of 2 placed"), qPrintable(run.out));

    run = Test::runCtl(
        QStringList{QStringLiteral("events"), QStringLiteral("replay"), QStringLiteral("--json")}
        + db);
    QCOMPARE(run.exitCode, 0);
    const QJsonArray outcomes = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(outcomes.size(), 2);
    QCOMPARE(outcomes.at(0)[u"placed"].toBool(), true);
    QCOMPARE(outcomes.at(0)[u"tenant"].toInteger(), m_tenantB);
    QCOMPARE(outcomes.at(1)[u"placed"].toBool(), false); // the forged one: signature refused
    QVERIFY(outcomes.at(1)[u"detail"].toString().contains(u"signature"));

    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE tenant_id = :t"),
                   {{QStringLiteral(":t"), m_tenantB}}),
             1);
    QCOMPARE(count(QStringLiteral(
                       "SELECT COUNT(*) FROM messages WHERE tenant_id = :t AND our_e164 = :n"),
                   {{QStringLiteral(":t"), m_tenantB}, {QStringLiteral(":n"), numberC}}),
             1);
    run = Test::runCtl(QStringList{QStringLiteral("events"),
                                   QStringLiteral("list"),
                                   QStringLiteral("--quarantined"),
                                   QStringLiteral("--json")}
                       + db);
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().size(), 1);
    run = Test::runCtl(QStringList{QStringLiteral("events"),
                                   QStringLiteral("list"),
                                   QStringLiteral("--tenant"),
                                   QStringLiteral("clinic-b"),
                                   QStringLiteral("--json")}
                       + db);
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().size(), 1);
    // Replaying again places nothing twice.
    run = Test::runCtl(QStringList{QStringLiteral("events"), QStringLiteral("replay")} + db);
    QVERIFY2(run.out.contains(u"0 of 1 placed"), qPrintable(run.out));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 1);
}

void tst_IngestServer::refusesAndKeepsGarbage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("binary") << QByteArray("\x00\xff\x13garbage", 10);
    QTest::newRow("json") << QByteArray("{\"AccountSid\": \"AC\"}");
    QTest::newRow("no-account") << QByteArray(
        "MessageSid=SM00000000000000000000000000000000&Body=x");
    QTest::newRow("bad-sids") << QByteArray("AccountSid=ACnothex&MessageSid=SMzz");
}

void tst_IngestServer::refusesAndKeepsGarbage()
{
    QFETCH(QByteArray, body);
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    const Reply reply = post(QStringLiteral("/twilio/sms"), body, "irrelevant");
    QCOMPARE(reply.status, 400);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM quarantine")), 1);
    auto kept =
        Store::SqlQuery(*m_admin->connection(), QStringLiteral("SELECT raw_body FROM quarantine"))
            .scalar();
    SB_VERIFY_OK(kept);
    QCOMPARE(kept->toByteArray(), body); // nothing lost, byte for byte
}

void tst_IngestServer::refusesOversizedBody()
{
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    QCOMPARE(post(QStringLiteral("/twilio/sms"), QByteArray((1 << 20) + 1, 'a'), "x").status, 413);
    QCOMPARE(post(QStringLiteral("/twilio/sms"), QByteArray(1 << 20, 'a'), "x").status,
             400); // at the limit: read
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 0);
}

void tst_IngestServer::answersHealthCheck()
{
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    QNetworkReply *reply = m_network.get(
        QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/healthz").arg(m_port))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->readAll().contains("ok"));
    reply->deleteLater();
}

QTEST_GUILESS_MAIN(tst_IngestServer)
#include "tst_ingestserver.moc"
