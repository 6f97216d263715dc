#pragma once

#include <QDateTime>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

// What the fake RingCentral's sign-in (fakeringcentral.cpp) and its REST API
// (fakeringcentralapi.cpp) answer with alike.
namespace Sb::Fakes::RingCentralWire {

using StatusCode = QHttpServerResponder::StatusCode;

inline qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

inline QString value(const QUrlQuery &query, const char *name)
{
    return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
}

// JSON with the X-Rate-Limit-* headers RingCentral puts on every answer.
inline void json(QHttpServerResponder &responder, const QJsonObject &body, int status = 200)
{
    responder.write(QJsonDocument(body).toJson(QJsonDocument::Compact),
                    {{"Content-Type", "application/json"},
                     {"X-Rate-Limit-Group", "light"},
                     {"X-Rate-Limit-Limit", "50"},
                     {"X-Rate-Limit-Remaining", "49"},
                     {"X-Rate-Limit-Window", "60"}},
                    StatusCode(status));
}

} // namespace Sb::Fakes::RingCentralWire
