#include "backoff.h"

#include <QRandomGenerator>

namespace Sb::Net {

using std::chrono::milliseconds;

milliseconds backoffFor(int attempt, milliseconds base, milliseconds cap)
{
    const int doublings = qBound(0, attempt - 1, 20);
    const qint64 ceiling = qMin<qint64>(cap.count(), base.count() << doublings);
    return milliseconds(QRandomGenerator::global()->bounded(ceiling + 1));
}

std::optional<milliseconds> requestedWait(const HttpResponse &response, const QDateTime &now)
{
    const QByteArray retryAfter = response.header("Retry-After").trimmed();
    if (!retryAfter.isEmpty()) {
        bool isNumber = false;
        const double seconds = retryAfter.toDouble(&isNumber);
        if (isNumber && seconds >= 0)
            return milliseconds(qint64(seconds * 1000));
        const QDateTime at =
            QDateTime::fromString(QString::fromLatin1(retryAfter), Qt::RFC2822Date);
        if (at.isValid())
            return milliseconds(qMax<qint64>(0, now.msecsTo(at)));
    }
    if (response.header("X-Rate-Limit-Remaining") == "0") {
        bool isNumber = false;
        const int seconds = response.header("X-Rate-Limit-Window").toInt(&isNumber);
        if (isNumber && seconds > 0)
            return milliseconds(seconds * 1000);
    }
    if (response.header("X-HubSpot-RateLimit-Remaining") == "0") {
        bool isNumber = false;
        const int interval =
            response.header("X-HubSpot-RateLimit-Interval-Milliseconds").toInt(&isNumber);
        if (isNumber && interval > 0)
            return milliseconds(interval);
    }
    return std::nullopt;
}

} // namespace Sb::Net
