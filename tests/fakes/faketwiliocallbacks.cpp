// The fake Twilio's outbound side: the signed status callbacks it posts for the messages it
// accepted, as Twilio posts them to a StatusCallback URL.
#include "faketwilio.h"

#include <core/ingest/formfields.h>
#include <core/providers/twilio/twiliosignature.h>

#include <QJsonObject>
#include <QNetworkReply>
#include <QUrlQuery>

namespace Sb::Fakes {

void FakeTwilio::sendStatusCallbacks(const QJsonObject &message,
                                     const QString &callbackUrl,
                                     std::function<void()> finished)
{
    if (callbackUrl.isEmpty() || m_callbackTarget.isEmpty()) {
        finished();
        return;
    }
    const QString to = message.value(u"to").toString();
    const bool isWhatsApp = to.startsWith(u"whatsapp:");
    const bool isOutsideWindow =
        isWhatsApp && !m_whatsAppWindow.contains(QString(to).remove(QStringLiteral("whatsapp:")));
    QList<QUrlQuery> statuses;
    for (const QString &status : isOutsideWindow
             ? QStringList{QStringLiteral("failed")}
             : QStringList{QStringLiteral("sent"), QStringLiteral("delivered")}) {
        QUrlQuery fields;
        fields.addQueryItem(QStringLiteral("MessageSid"), message.value(u"sid").toString());
        fields.addQueryItem(QStringLiteral("SmsSid"), message.value(u"sid").toString());
        fields.addQueryItem(QStringLiteral("MessageStatus"), status);
        fields.addQueryItem(QStringLiteral("SmsStatus"), status);
        fields.addQueryItem(QStringLiteral("AccountSid"), message.value(u"account_sid").toString());
        fields.addQueryItem(QStringLiteral("From"), message.value(u"from").toString());
        fields.addQueryItem(QStringLiteral("To"), to);
        fields.addQueryItem(QStringLiteral("ApiVersion"), QStringLiteral("2010-04-01"));
        if (isWhatsApp) {
            fields.addQueryItem(QStringLiteral("ChannelPrefix"), QStringLiteral("whatsapp"));
            fields.addQueryItem(QStringLiteral("ChannelToAddress"),
                                QString(to).remove(QStringLiteral("whatsapp:")));
        }
        if (isOutsideWindow)
            fields.addQueryItem(QStringLiteral("ErrorCode"), QStringLiteral("63016"));
        statuses.append(fields);
    }
    postCallback(callbackUrl,
                 statuses,
                 m_accounts.value(message.value(u"account_sid").toString()).authToken,
                 std::move(finished));
}

void FakeTwilio::postCallback(const QString &url,
                              QList<QUrlQuery> pending,
                              const QString &authToken,
                              std::function<void()> finished)
{
    if (pending.isEmpty()) {
        finished();
        return;
    }
    const QUrlQuery fields = pending.takeFirst();
    // Twilio's form encoding: every reserved character percent-encoded ('+' too).
    QByteArray body;
    for (const auto &[name, value] : fields.queryItems(QUrl::FullyDecoded)) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    QUrl target(url);
    target.setScheme(m_callbackTarget.scheme());
    target.setHost(m_callbackTarget.host());
    target.setPort(m_callbackTarget.port());
    QNetworkRequest request(target);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("X-Twilio-Signature",
                         Providers::Twilio::TwilioSignature::compute(
                             url, *Ingest::FormFields::parse(body), Secret::fromString(authToken)));
    const QString sid = fields.queryItemValue(QStringLiteral("MessageSid"));
    const QString status = fields.queryItemValue(QStringLiteral("MessageStatus"));
    request.setRawHeader("I-Twilio-Idempotency-Token",
                         QStringLiteral("%1-%2").arg(sid, status).toLatin1());
    QNetworkReply *answer = m_network.post(request, body);
    QObject::connect(answer, &QNetworkReply::finished, &m_network, [=, this] {
        answer->deleteLater();
        m_callbacks.append(
            {sid, status, answer->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()});
        // In order, each after the last was answered.
        postCallback(url, pending, authToken, finished);
    });
}

} // namespace Sb::Fakes
