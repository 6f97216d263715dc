#pragma once

#include <core/store/webhookeventstore.h>

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace Sb::Ingest {

// One provider webhook as received, before and after parsing. Nothing in it decides a tenant:
// routing does, from the keys below, and a signature check confirms it.
struct IngestEvent
{
    QString provider; // "twilio"
    QString eventType; // "sms.received", "message.status", "call.status", …
    QString eventKey; // unique per provider event: a redelivery has the same key
    QString accountSid; // routing key 1: the subaccount
    QString to; // routing key 2: the number called or texted
    QString from; // routing key 3: a clinic forwarding to a shared number
    QString endpoint; // path it arrived on
    QByteArray rawBody;
    QByteArray headersJson;
    QList<QPair<QString, QString>> fields;
    // What it says, in the store's terms: the parser of its provider decides.
    Store::DomainChange change;

    // For the store, once routing has found its tenant.
    Store::ReceivedEvent received(const Store::TenantScope &tenant) const
    {
        return {tenant, {provider, eventType, eventKey, headersJson, rawBody}, change};
    }
};

} // namespace Sb::Ingest
