#pragma once

#include "datakeys.h"

#include <core/common/id.h>

#include <QByteArray>

namespace Sb::Vault {

// What a sealed secret is bound to: opening it anywhere else fails.
struct SealContext
{
    TenantId tenant;
    QString record; // e.g. "twilio-account:AC…" or "connection:12"
    QString purpose; // e.g. "auth-token"
};

// AES-256-GCM envelopes: "SBV1" | key id length | key id | nonce | ciphertext | tag. The
// additional authenticated data names the tenant, the record, the purpose and the key id, so a
// ciphertext copied to another tenant's row, another record, or relabelled with another key id
// does not open.
class Sealer final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Vault::Sealer)

public:
    explicit Sealer(DataKeys keys);

    Result<QByteArray> seal(const SealContext &context, const Secret &secret) const;
    Result<Secret> open(const SealContext &context, const QByteArray &envelope) const;
    static Result<QString> keyIdOf(const QByteArray &envelope);
    const DataKeys &keys() const { return m_keys; }

private:
    static QByteArray additionalData(const SealContext &context, const QString &keyId);

    DataKeys m_keys;
};

} // namespace Sb::Vault
