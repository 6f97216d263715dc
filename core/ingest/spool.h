#pragma once

#include "ingestevent.h"
#include "webhook.h"

#include <core/common/result.h>

#include <QMutex>

#include <functional>

namespace Sb::Ingest {

struct SpooledRequest
{
    QString path; // the endpoint it arrived on, e.g. /twilio/sms or /vapi
    WebhookRequest request; // VAPI, RingCentral: without their secret (SharedSecret)
    qint64 receivedAt = 0;
};

// Verified webhooks (of every provider) that arrived while the store was unreachable: appended to one file and
// fsync'd before the provider gets its 200, drained in arrival order once the store is back.
// Draining goes through the same exactly-once path, so a record stored twice is harmless.
// Thread-safe.
class Spool final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Ingest::Spool)

public:
    explicit Spool(QString directory);

    Status append(const SpooledRequest &entry);
    bool isEmpty() const;
    // Hands records to store() in order; stops at the first that fails and keeps it and the rest.
    // Returns how many were stored.
    Result<int> drain(const std::function<Status(const SpooledRequest &)> &store);
    QString filePath() const { return m_path; }

private:
    Result<QList<SpooledRequest>> readAll() const;

    QString m_path;
    mutable QMutex m_mutex; // one writer or drainer at a time
};

} // namespace Sb::Ingest
