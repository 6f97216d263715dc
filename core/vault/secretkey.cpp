#include "secretkey.h"

#include <QStringList>

namespace Sb::Vault {

namespace {
QString part(const QString &text)
{
    QString cleaned = text;
    return cleaned.replace(u'/', u'_');
}
} // namespace

SecretKey SecretKey::forTenant(TenantId tenant,
                               const QString &provider,
                               const QString &user,
                               const QString &purpose)
{
    return SecretKey(QStringList{QStringLiteral("tenant"),
                                 QString::number(tenant.value()),
                                 part(provider),
                                 part(user),
                                 part(purpose)}
                         .join(u'/'));
}

SecretKey
SecretKey::forAgency(const QString &provider, const QString &account, const QString &purpose)
{
    return SecretKey(
        QStringList{QStringLiteral("agency"), part(provider), part(account), part(purpose)}.join(
            u'/'));
}

SecretKey SecretKey::forStaffLogin(const QString &server, const QString &login)
{
    return SecretKey(QStringLiteral("login/%1/%2/password").arg(part(server), part(login)));
}

SecretKey SecretKey::forVaultKeys(const QString &vaultId)
{
    return SecretKey(QStringLiteral("vault/%1/data-keys").arg(part(vaultId)));
}

} // namespace Sb::Vault
