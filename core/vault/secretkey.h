#pragma once

#include <core/common/id.h>

#include <QString>

namespace Sb::Vault {

// Names one keychain entry: whose secret (tenant, provider, user) and what for (purpose).
// The keychain sees "tenant/<id>/<provider>/<user>/<purpose>"; vault data keys live under
// "vault/<vault id>/data-keys". Parts never contain '/'.
class SecretKey final
{
public:
    static SecretKey forTenant(TenantId tenant,
                               const QString &provider,
                               const QString &user,
                               const QString &purpose);
    // The agency's own credentials, above every tenant (e.g. the Twilio master account's token).
    static SecretKey
    forAgency(const QString &provider, const QString &account, const QString &purpose);
    static SecretKey forVaultKeys(const QString &vaultId);
    // A staff member's PostgreSQL password, kept at their wish: "login/<server>/<login>/password"
    // (server: host:port/database).
    static SecretKey forStaffLogin(const QString &server, const QString &login);

    QString entryName() const { return m_entryName; }
    bool isValid() const { return !m_entryName.isEmpty(); }

private:
    explicit SecretKey(QString entryName)
        : m_entryName(std::move(entryName))
    {}

    QString m_entryName;
};

} // namespace Sb::Vault
