#include "ingestfixture.h"

#include "../support/twiliotenant.h"

#include <core/providers/twilio/twiliosignature.h>
#include <core/providers/webhookendpoints.h>
#include <core/store/phonenumberstore.h>
#include <core/store/sqlquery.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/sealedsecretstore.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QUrlQuery>

namespace Sb::Test {

using namespace Sb::Ingest;
using Sb::Providers::Twilio::TwilioSignature;

void IngestFixture::reset()
{
    m_server.reset();
    m_admin.reset();
    m_commitBatch = 256;
    m_quarantineBudget = 64 << 20;
    m_quarantineRefreshMs = 30'000;
    m_httpLimits = {};
}

void IngestFixture::stop()
{
    m_server.reset();
}

Status IngestFixture::start(const QString &backend)
{
    auto admin = m_databases.createMigrated(backend);
    if (!admin)
        return admin.error();
    m_admin = *admin;
    m_keyFile =
        m_dir.filePath(QStringLiteral("key-%1").arg(QRandomGenerator::global()->generate()));
    auto sealer = createVault(*m_admin, m_keyFile);
    if (!sealer)
        return sealer.error();
    for (const auto &[name, account, number, token, vapiSecret] :
         {std::tuple{QStringLiteral("clinic-a"), m_accountA, m_numberA, m_tokenA, m_vapiSecretA},
          std::tuple{QStringLiteral("clinic-b"),
                     m_accountB,
                     m_numberB,
                     m_tokenB,
                     QStringLiteral("vapi-secret-of-b")}}) {
        auto scope = addTwilioTenant(*m_admin, *sealer, name, account, number, token);
        if (!scope)
            return scope.error();
        (name == u"clinic-a" ? m_tenantA : m_tenantB) = scope->tenantId().value();
        if (auto sealed = Vault::SealedSecretStore(*m_admin, *sealer)
                              .put(*scope,
                                   QStringLiteral("vapi-server"),
                                   QStringLiteral("secret"),
                                   Secret::fromString(vapiSecret));
            !sealed)
            return sealed;
    }
    auto scopeA = Tenancy::AdminSession(*m_admin).scope(QStringLiteral("clinic-a"));
    Store::PhoneNumber assistant;
    assistant.e164 = m_assistantA;
    assistant.provider = Store::NumberProvider::Vapi;
    assistant.purpose = Store::NumberPurpose::Assistant;
    if (auto added = Store::PhoneNumberStore(*m_admin).add(*scopeA, assistant); !added)
        return added.error();
    // On PostgreSQL the server runs as an ingest login: RLS applies to everything it does.
    std::shared_ptr<Store::Database> serverDatabase = m_admin;
    if (backend == u"postgres") {
        auto login = m_databases.createIngestLogin(*m_admin);
        if (!login)
            return login.error();
        auto ingest = m_databases.connectAs(login->name, login->password);
        if (!ingest)
            return ingest.error();
        serverDatabase = *ingest;
    }
    IngestServerConfig config;
    config.publicUrl = m_publicUrl;
    config.suspectBacklog = m_suspectBacklog;
    config.commitBatch = m_commitBatch;
    config.quarantineBudgetBytes = m_quarantineBudget;
    config.quarantineRefreshMs = m_quarantineRefreshMs;
    config.http = m_httpLimits;
    m_serverDatabase = serverDatabase;
    m_server = std::make_unique<IngestServer>(serverDatabase,
                                              std::make_shared<const Vault::Sealer>(*sealer),
                                              Providers::webhookEndpoints(),
                                              config);
    auto port = m_server->listen(QHostAddress::LocalHost, 0);
    if (!port)
        return port.error();
    m_port = *port;
    return ok();
}

QByteArray
IngestFixture::smsBody(const QString &account, const QString &to, const QString &messageSid) const
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
IngestFixture::sign(const QString &path, const QByteArray &body, const QString &token) const
{
    return TwilioSignature::compute(
        m_publicUrl + path, *FormFields::parse(body), Secret::fromString(token));
}

IngestFixture::Reply IngestFixture::send(const QNetworkRequest &request, const QByteArray &body)
{
    QNetworkReply *reply = m_network.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(20000))
        return {};
    reply->deleteLater();
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

IngestFixture::Reply
IngestFixture::post(const QString &path, const QByteArray &body, const QByteArray &signature)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    if (!signature.isEmpty())
        request.setRawHeader("X-Twilio-Signature", signature);
    return send(request, body);
}

IngestFixture::Reply IngestFixture::postTwilio(const QString &path,
                                               const QList<QPair<QString, QString>> &fields)
{
    QUrlQuery query;
    query.setQueryItems(fields);
    const QByteArray body = query.toString(QUrl::FullyEncoded).toUtf8().replace("+1", "%2B1");
    return post(path, body, sign(path, body, m_tokenA));
}

IngestFixture::Reply IngestFixture::postVapi(const QByteArray &body, const QByteArray &secret)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/vapi").arg(m_port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!secret.isEmpty())
        request.setRawHeader("X-Vapi-Secret", secret);
    return send(request, body);
}

QByteArray IngestFixture::endOfCallReport(const QString &vapiCallId,
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

int IngestFixture::count(const QString &sql, const QVariantMap &binds)
{
    Store::SqlQuery query(*m_admin->connection(), sql);
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        query.bind(it.key(), it.value());
    auto value = query.scalar();
    return value ? value->toInt() : -1;
}

} // namespace Sb::Test
