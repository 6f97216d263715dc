#include "httptypes.h"

#include <QJsonDocument>
#include <QUrlQuery>

namespace Sb::Net {

QString RateKey::toString() const
{
    QString text = provider + QStringLiteral(" for tenant ") + QString::number(tenantId);
    if (!user.isEmpty())
        text += QStringLiteral(" as ") + user;
    return text;
}

bool HttpRequest::isIdempotent() const
{
    if (idempotent)
        return *idempotent;
    return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE"
        || method == "OPTIONS";
}

void HttpRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &[existing, existingValue] : headers) {
        if (existing.compare(name, Qt::CaseInsensitive) == 0) {
            existingValue = value;
            return;
        }
    }
    headers.append({name, value});
}

void HttpRequest::setJson(const QJsonObject &object)
{
    body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    setHeader("Content-Type", "application/json");
}

void HttpRequest::setForm(const QUrlQuery &form)
{
    // QUrlQuery leaves '+' alone, which a form decoder reads as a space (+1555… numbers).
    body = form.toString(QUrl::FullyEncoded).toUtf8().replace('+', "%2B");
    setHeader("Content-Type", "application/x-www-form-urlencoded");
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[existing, value] : headers) {
        if (existing.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject HttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

Error ProviderError::toError() const
{
    QString text = provider + QStringLiteral(": ");
    if (httpStatus > 0)
        text += QStringLiteral("HTTP %1").arg(httpStatus);
    if (!providerCode.isEmpty())
        text +=
            (httpStatus > 0 ? QStringLiteral(", code ") : QStringLiteral("code ")) + providerCode;
    if (httpStatus > 0 || !providerCode.isEmpty())
        text += QStringLiteral(": ");
    return {code, text + message};
}

} // namespace Sb::Net
