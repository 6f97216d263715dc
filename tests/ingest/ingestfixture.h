#pragma once

#include "../support/testdatabase.h"

#include <core/ingest/ingestserver.h>

#include <QNetworkAccessManager>
#include <QTemporaryDir>

namespace Sb::Test {

// What the ingest server tests share: `serve` over real HTTP on 127.0.0.1 with two tenants,
// their own Twilio subaccounts, numbers, sealed auth tokens and VAPI secrets (clinic A also an
// assistant number); requests signed as the providers sign them, against the public URL.
// On PostgreSQL the server runs as an ingest login, so row-level security applies.
class IngestFixture
{
protected:
    struct Reply
    {
        int status = 0;
        QByteArray body;
    };
    Status start(const QString &backend);
    Reply send(const QNetworkRequest &request, const QByteArray &body); // POST, then its answer
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
    std::shared_ptr<Store::Database> m_serverDatabase; // the server's own (an ingest login on PostgreSQL)
    std::unique_ptr<Ingest::IngestServer> m_server;
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
    qint64 m_quarantineBudget = 64 << 20;
    int m_quarantineRefreshMs = 30'000;
    Ingest::HttpLimits m_httpLimits;
    qint64 m_tenantA = 0;
    qint64 m_tenantB = 0;

    void reset(); // before each test
    void stop(); // after each test
};

} // namespace Sb::Test
