#pragma once

#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Sb::Store {

class Database;

// A tenant's link to an outside account (Twilio subaccount, VAPI organisation, later CRMs).
// Metadata only: its secrets are sealed in the vault or kept in the keychain.
struct Connection
{
    QString kind = QStringLiteral("provider"); // "provider" or "crm"
    QString provider; // "twilio", "vapi", …
    QString externalAccountId; // empty: the tenant's one account at that provider
    QString label;
    std::optional<QString> settingsJson; // absent: left as it is ('{}' for a new connection)
};

// The tenant's connections. Tenant-scoped like every store.
class ConnectionStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::ConnectionStore)

public:
    explicit ConnectionStore(Database &database);

    // Marks the tenant-wide connection to that account connected: updated in place when it
    // exists (re-running a connect command is harmless), else created.
    Status markConnected(const Store::TenantScope &tenant, const Connection &connection);
    // The tenant-wide connection to a provider (to that account, when one is given); none when
    // the tenant has not connected it.
    Result<std::optional<Connection>> find(const Store::TenantScope &tenant,
                                           const QString &provider,
                                           const QString &accountId = {},
                                           const QString &kind = QStringLiteral("provider")) const;
    // The tenant's accounts at a provider: its connections' and those its numbers were
    // registered under (number add --account).
    Result<QStringList> accountsOf(const Store::TenantScope &tenant, const QString &provider);

private:
    Database &m_database;
};

} // namespace Sb::Store
