#include "twilioclient.h"

#include <core/net/httpclient.h>

#include <QJsonArray>
#include <QUrlQuery>

namespace Sb::Providers::Twilio {

using Net::HttpResult;
using Net::ProviderError;

namespace {
Subaccount subaccountFrom(const QJsonObject &json)
{
    return {json.value(u"sid").toString(),
            json.value(u"friendly_name").toString(),
            json.value(u"status").toString(),
            Secret::fromString(json.value(u"auth_token").toString())};
}

IncomingNumber numberFrom(const QJsonObject &json)
{
    const QJsonObject capabilities = json.value(u"capabilities").toObject();
    return {json.value(u"sid").toString(),
            json.value(u"account_sid").toString(),
            json.value(u"phone_number").toString(),
            json.value(u"sms_url").toString(),
            json.value(u"voice_url").toString(),
            json.value(u"status_callback").toString(),
            capabilities.value(u"voice").toBool(),
            capabilities.value(u"sms").toBool(),
            capabilities.value(u"mms").toBool()};
}

CallSummary callFrom(const QJsonObject &json)
{
    return {json.value(u"sid").toString(),
            json.value(u"from").toString(),
            json.value(u"to").toString(),
            json.value(u"status").toString(),
            json.value(u"direction").toString(),
            json.value(u"start_time").toString(),
            json.value(u"duration").toString().toInt()};
}

// A success's JSON object, converted.
template<typename T, typename Convert>
auto onJson(TwilioClient::Done<T> done, Convert convert)
{
    return Net::onResponse<T>(std::move(done),
                              [convert = std::move(convert)](const Net::HttpResponse &response) {
                                  return convert(response.json());
                              });
}
} // namespace

TwilioClient::TwilioClient(Net::HttpClient &http,
                           qint64 tenantId,
                           Credentials credentials,
                           QUrl apiBase,
                           const QObject *context)
    : m_http(http)
    , m_context(context)
    , m_tenantId(tenantId)
    , m_credentials(std::move(credentials))
    , m_apiBase(std::move(apiBase))
{}

Net::HttpRequest TwilioClient::request(const QByteArray &method, const QString &pathOrUri) const
{
    Net::HttpRequest request;
    request.key = {m_tenantId, QStringLiteral("twilio"), m_credentials.accountSid};
    request.method = method;
    request.url = m_apiBase.resolved(QUrl(pathOrUri));
    request.setHeader(
        "Authorization",
        "Basic "
            + (m_credentials.accountSid.toLatin1() + ':' + m_credentials.authToken.reveal())
                  .toBase64());
    return request;
}

void TwilioClient::findSubaccount(const QString &friendlyName,
                                  Done<std::optional<Subaccount>> done) const
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("FriendlyName"), friendlyName);
    auto get = request("GET", QStringLiteral("/2010-04-01/Accounts.json"));
    get.url.setQuery(query);
    const QString master = m_credentials.accountSid;
    m_http.send(
        get,
        m_context,
        onJson<std::optional<Subaccount>>(std::move(done), [master](const QJsonObject &json) {
            for (const QJsonValue &account : json.value(u"accounts").toArray()) {
                const Subaccount found = subaccountFrom(account.toObject());
                // Not the master itself, and never a closed one.
                if (found.sid != master && found.status != u"closed")
                    return std::optional<Subaccount>(found);
            }
            return std::optional<Subaccount>();
        }));
}

void TwilioClient::createSubaccount(const QString &friendlyName, Done<Subaccount> done) const
{
    auto post = request("POST", QStringLiteral("/2010-04-01/Accounts.json"));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("FriendlyName"), friendlyName);
    post.setForm(form);
    m_http.send(post, m_context, onJson<Subaccount>(std::move(done), subaccountFrom));
}

void TwilioClient::fetchSubaccount(const QString &sid, Done<Subaccount> done) const
{
    m_http.send(request("GET", QStringLiteral("/2010-04-01/Accounts/%1.json").arg(sid)),
                m_context,
                onJson<Subaccount>(std::move(done), subaccountFrom));
}

void TwilioClient::listIncomingNumbers(const QString &accountSid,
                                       Done<QList<IncomingNumber>> done) const
{
    collectPages<IncomingNumber>(
        QStringLiteral("/2010-04-01/Accounts/%1/IncomingPhoneNumbers.json?PageSize=50")
            .arg(accountSid),
        QStringLiteral("incoming_phone_numbers"),
        numberFrom,
        std::make_shared<QList<IncomingNumber>>(),
        std::move(done));
}

void TwilioClient::listCalls(const QString &accountSid, Done<QList<CallSummary>> done) const
{
    collectPages<CallSummary>(
        QStringLiteral("/2010-04-01/Accounts/%1/Calls.json?PageSize=100").arg(accountSid),
        QStringLiteral("calls"),
        callFrom,
        std::make_shared<QList<CallSummary>>(),
        std::move(done));
}

template<typename T>
void TwilioClient::collectPages(const QString &uri,
                                const QString &listKey,
                                T (*convert)(const QJsonObject &),
                                std::shared_ptr<QList<T>> collected,
                                Done<QList<T>> done) const
{
    const TwilioClient self = *this;
    m_http.send(request("GET", uri), m_context, [=](HttpResult result) {
        if (!result) {
            done(result.error());
            return;
        }
        const QJsonObject page = result->json();
        for (const QJsonValue &item : page.value(listKey).toArray())
            collected->append(convert(item.toObject()));
        const QString next = page.value(u"next_page_uri").toString();
        if (next.isEmpty())
            done(*collected);
        else
            self.collectPages(next, listKey, convert, collected, done);
    });
}

void TwilioClient::releaseNumber(const QString &accountSid,
                                 const QString &numberSid,
                                 Done<Ok> done) const
{
    m_http.send(request("DELETE",
                        QStringLiteral("/2010-04-01/Accounts/%1/IncomingPhoneNumbers/%2.json")
                            .arg(accountSid, numberSid)),
                m_context,
                Net::onResponse<Ok>(std::move(done), [](const auto &) { return Ok{}; }));
}

void TwilioClient::fetchRecording(const QString &accountSid,
                                  const QString &recordingSid,
                                  const QString &format,
                                  Done<QByteArray> done) const
{
    // Long calls make large files: an hour of dual-channel WAV is ~115 MB.
    fetchFile(QStringLiteral("/2010-04-01/Accounts/%1/Recordings/%2.%3")
                  .arg(accountSid,
                       recordingSid,
                       format == u"mp3" ? QStringLiteral("mp3") : QStringLiteral("wav")),
              std::chrono::minutes(5),
              512LL * 1024 * 1024,
              std::move(done));
}

void TwilioClient::fetchMedia(const QString &accountSid,
                              const QString &messageSid,
                              const QString &mediaSid,
                              Done<QByteArray> done) const
{
    // MMS carry at most 5 MB, WhatsApp media 16 MB.
    fetchFile(QStringLiteral("/2010-04-01/Accounts/%1/Messages/%2/Media/%3")
                  .arg(accountSid, messageSid, mediaSid),
              std::chrono::minutes(2),
              20LL * 1024 * 1024,
              std::move(done));
}

void TwilioClient::fetchFile(const QString &path,
                             std::chrono::milliseconds timeout,
                             qint64 maxBytes,
                             Done<QByteArray> done) const
{
    auto get = request("GET", path);
    get.timeout = timeout;
    get.maxResponseBytes = maxBytes;
    m_http.send(
        get, m_context, Net::onResponse<QByteArray>(std::move(done), [](const auto &response) {
            return response.body;
        }));
}

NumberCallbacks NumberCallbacks::ours(QString publicUrl)
{
    while (publicUrl.endsWith(u'/'))
        publicUrl.chop(1);
    return {publicUrl + QStringLiteral("/twilio/sms"),
            publicUrl + QStringLiteral("/twilio/voice"),
            publicUrl + QStringLiteral("/twilio/call-status")};
}

void TwilioClient::setNumberCallbacks(const QString &accountSid,
                                      const QString &numberSid,
                                      const NumberCallbacks &callbacks,
                                      Done<IncomingNumber> done) const
{
    auto post = request("POST",
                        QStringLiteral("/2010-04-01/Accounts/%1/IncomingPhoneNumbers/%2.json")
                            .arg(accountSid, numberSid));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("SmsUrl"), callbacks.smsUrl);
    form.addQueryItem(QStringLiteral("SmsMethod"), QStringLiteral("POST"));
    form.addQueryItem(QStringLiteral("VoiceUrl"), callbacks.voiceUrl);
    form.addQueryItem(QStringLiteral("VoiceMethod"), QStringLiteral("POST"));
    form.addQueryItem(QStringLiteral("StatusCallback"), callbacks.statusCallback);
    form.addQueryItem(QStringLiteral("StatusCallbackMethod"), QStringLiteral("POST"));
    post.setForm(form);
    post.idempotent = true; // setting the same URLs twice changes nothing
    m_http.send(post, m_context, onJson<IncomingNumber>(std::move(done), numberFrom));
}

void TwilioClient::sendMessage(const QString &accountSid,
                               const OutboundMessage &message,
                               Done<SentMessage> done) const
{
    auto post =
        request("POST", QStringLiteral("/2010-04-01/Accounts/%1/Messages.json").arg(accountSid));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("To"), message.to);
    form.addQueryItem(QStringLiteral("From"), message.from);
    form.addQueryItem(QStringLiteral("Body"), message.body);
    if (!message.statusCallback.isEmpty())
        form.addQueryItem(QStringLiteral("StatusCallback"), message.statusCallback);
    post.setForm(form);
    m_http.send(post, m_context, onJson<SentMessage>(std::move(done), [](const QJsonObject &json) {
                    return SentMessage{json.value(u"sid").toString(),
                                       json.value(u"status").toString(),
                                       json.value(u"from").toString(),
                                       json.value(u"to").toString()};
                }));
}

Error TwilioClient::toError(const ProviderError &error)
{
    Error plain = error.toError();
    if (const QString meaning = explain(error.providerCode); !meaning.isEmpty())
        plain.message += QStringLiteral(" (") + meaning + u')';
    return plain;
}

QString TwilioClient::explain(const QString &code)
{
    switch (code.toInt()) {
    case 20003:
        return tr("Twilio did not accept the account SID and auth token. Check them, or whether "
                  "the token was rotated.");
    case 21211:
        return tr("The number is not a valid phone number.");
    case 21608:
        return tr("This is a trial account: it can only send to verified numbers.");
    case 21610:
        return tr("The recipient has opted out (replied STOP); Twilio will not deliver to them "
                  "until they reply START.");
    case 63016:
        return tr("Outside WhatsApp's 24-hour window: only an approved template can start the "
                  "conversation again.");
    case 30003:
        return tr("The recipient's phone is unreachable or switched off.");
    case 30005:
        return tr("The recipient's number does not exist or is no longer in service.");
    case 30006:
        return tr("The recipient's number cannot receive text messages (a landline?).");
    case 30007:
        return tr("The carrier filtered the message as spam.");
    default:
        return {};
    }
}

} // namespace Sb::Providers::Twilio
