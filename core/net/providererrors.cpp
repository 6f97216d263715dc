#include "providererrors.h"

#include <QJsonArray>
#include <QJsonValue>

namespace Sb::Net {

namespace {
QString textOf(const QJsonValue &value)
{
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &part : value.toArray())
            parts.append(part.toVariant().toString());
        return parts.join(QStringLiteral("; "));
    }
    return value.toVariant().toString();
}
} // namespace

ProviderErrorText readProviderError(const QString &provider, const HttpResponse &response)
{
    const QJsonObject body = response.json();
    ProviderErrorText text;
    if (provider == u"twilio") {
        text.code = textOf(body.value(u"code"));
        text.message = textOf(body.value(u"message"));
        const QString detail = textOf(body.value(u"detail"));
        if (!detail.isEmpty() && detail != text.message)
            text.message += QStringLiteral(" (") + detail + u')';
    } else if (provider == u"vapi") {
        text.code = textOf(body.value(u"error"));
        text.message = textOf(body.value(u"message"));
    } else if (provider == u"ringcentral") {
        const QJsonObject first = body.value(u"errors").toArray().first().toObject();
        text.code = textOf(body.value(u"errorCode"));
        if (text.code.isEmpty())
            text.code = textOf(first.value(u"errorCode"));
        text.message = textOf(body.value(u"message"));
        if (text.message.isEmpty())
            text.message = textOf(first.value(u"message"));
    } else if (provider == u"hubspot") {
        text.code = textOf(body.value(u"category"));
        if (text.code.isEmpty())
            text.code = textOf(body.value(u"errorType"));
        text.message = textOf(body.value(u"message"));
    } else if (provider == u"zoho") {
        const QJsonObject entry =
            body.contains(u"data") ? body.value(u"data").toArray().first().toObject() : body;
        text.code = textOf(entry.value(u"code"));
        text.message = textOf(entry.value(u"message"));
    }
    if (text.message.isEmpty()) {
        // Not the provider's shape (a proxy's page, say): its first line, kept short.
        text.message = QString::fromUtf8(response.body.left(200)).section(u'\n', 0, 0).trimmed();
    }
    if (text.message.isEmpty())
        text.message = QStringLiteral("no details given");
    return text;
}

} // namespace Sb::Net
