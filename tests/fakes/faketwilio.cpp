#include "faketwilio.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

namespace Sb::Fakes {

namespace {
using StatusCode = QHttpServerResponder::StatusCode;

QString formValue(const QHttpServerRequest &request, const QString &name)
{
    // Form values arrive percent-encoded, '+' for a space as browsers send it.
    QByteArray body = request.body();
    const QUrlQuery form(QString::fromUtf8(body.replace('+', ' ')));
    return form.queryItemValue(name, QUrl::FullyDecoded);
}

QByteArray methodName(const QHttpServerRequest &request)
{
    switch (request.method()) {
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    default:
        return "GET";
    }
}

QJsonObject twilioError(int code, const QString &message, int status)
{
    return {{QStringLiteral("code"), code},
            {QStringLiteral("message"), message},
            {QStringLiteral("more_info"),
             QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code)},
            {QStringLiteral("status"), status}};
}

void reply(QHttpServerResponder &responder, const QJsonObject &body, int status)
{
    responder.write(QJsonDocument(body), StatusCode(status));
}
} // namespace

FakeTwilio::FakeTwilio(Transport transport)
{
    m_masterSid = newSid("AC");
    m_accounts.insert(m_masterSid,
                      {m_masterSid, newSid("").right(32), QStringLiteral("Agency"), {}});
    m_server.setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(request, std::move(responder));
        });
    m_endpoint = listenOnLoopback(m_server, transport);
    m_storage.route(QStringLiteral("/media/<arg>"),
                    [this](const QString &sid, const QHttpServerRequest &request) {
                        if (!request.value("Authorization").isEmpty()) {
                            ++m_credentialsAtStorage;
                            return QHttpServerResponse(
                                QByteArrayLiteral("text/plain"),
                                QByteArrayLiteral("Only one auth mechanism allowed"),
                                QHttpServerResponder::StatusCode::BadRequest);
                        }
                        const auto found = m_media.constFind(sid);
                        if (found == m_media.cend()
                            || QUrlQuery(request.url()).queryItemValue(QStringLiteral("signature"))
                                   != sid.right(8)) {
                            return QHttpServerResponse(QHttpServerResponder::StatusCode::Forbidden);
                        }
                        ++m_mediaFetches;
                        return QHttpServerResponse(found->contentType, found->bytes);
                    });
    m_storageEndpoint = listenOnLoopback(m_storage, transport);
}

QString FakeTwilio::newSid(const char *prefix)
{
    return QLatin1String(prefix) + QStringLiteral("%1").arg(m_nextSid++, 32, 16, QLatin1Char('0'));
}

QList<FakeTwilio::Account> FakeTwilio::subaccounts() const
{
    QList<Account> found;
    for (const Account &account : m_accounts) {
        if (account.ownerSid == m_masterSid)
            found.append(account);
    }
    return found;
}

void FakeTwilio::removeNumber(const QString &sid)
{
    m_numbersOf[m_numbers.value(sid).accountSid].removeOne(sid);
    m_numbers.remove(sid);
}

FakeTwilio::Account FakeTwilio::createSubaccount(const QString &friendlyName)
{
    Account account{newSid("AC"), newSid("").right(32), friendlyName, m_masterSid};
    m_accounts.insert(account.sid, account);
    for (int i = 0; i < m_numbersPerSubaccount; ++i)
        addNumber(account.sid, QStringLiteral("+1617%1").arg(m_nextPhone++, 7, 10, QLatin1Char('0')));
    return account;
}

FakeTwilio::Number FakeTwilio::addNumber(const QString &accountSid, const QString &e164)
{
    Number number{newSid("PN"), accountSid, e164, {}, {}, {}};
    m_numbers.insert(number.sid, number);
    m_numbersOf[accountSid].append(number.sid);
    return number;
}

void FakeTwilio::throttleNext(int count, int retryAfterSeconds)
{
    m_throttled = count;
    m_retryAfter = retryAfterSeconds;
}

QString FakeTwilio::authenticate(const QHttpServerRequest &request) const
{
    const QByteArray header = request.value("Authorization");
    if (!header.startsWith("Basic "))
        return {};
    const QByteArray credentials = QByteArray::fromBase64(header.mid(6));
    const qsizetype colon = credentials.indexOf(':');
    const QString sid = QString::fromLatin1(credentials.left(colon));
    const auto account = m_accounts.constFind(sid);
    if (colon < 0 || account == m_accounts.cend()
        || account->authToken.toLatin1() != credentials.mid(colon + 1)
        || account->status != u"active")
        return {};
    return sid;
}

QJsonObject FakeTwilio::accountJson(const Account &account, bool withToken) const
{
    QJsonObject json{{QStringLiteral("sid"), account.sid},
                     {QStringLiteral("owner_account_sid"),
                      account.ownerSid.isEmpty() ? account.sid : account.ownerSid},
                     {QStringLiteral("friendly_name"), account.friendlyName},
                     {QStringLiteral("status"), account.status},
                     {QStringLiteral("type"), QStringLiteral("Full")}};
    if (withToken)
        json.insert(QStringLiteral("auth_token"), account.authToken);
    return json;
}

QJsonObject FakeTwilio::numberJson(const Number &number) const
{
    return {{QStringLiteral("sid"), number.sid},
            {QStringLiteral("account_sid"), number.accountSid},
            {QStringLiteral("phone_number"), number.phoneNumber},
            {QStringLiteral("friendly_name"), number.phoneNumber},
            {QStringLiteral("sms_url"), number.smsUrl},
            {QStringLiteral("sms_method"), QStringLiteral("POST")},
            {QStringLiteral("voice_url"), number.voiceUrl},
            {QStringLiteral("voice_method"), QStringLiteral("POST")},
            {QStringLiteral("status_callback"), number.statusCallback},
            {QStringLiteral("capabilities"),
             QJsonObject{{QStringLiteral("voice"), true},
                         {QStringLiteral("sms"), true},
                         {QStringLiteral("mms"), false},
                         {QStringLiteral("fax"), false}}}};
}

void FakeTwilio::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const bool isPost = request.method() == QHttpServerRequest::Method::Post;
    const QString path = request.url().path();
    const QString caller = authenticate(request);
    m_seen.append({QString::fromLatin1(methodName(request)), path, caller});
    if (m_throttled > 0) {
        --m_throttled;
        responder.write(QJsonDocument(twilioError(20429, QStringLiteral("Too Many Requests"), 429)),
                        {{"Retry-After", QByteArray::number(m_retryAfter)}},
                        StatusCode::TooManyRequests);
        return;
    }
    if (caller.isEmpty()) {
        QJsonObject refused = twilioError(20003, QStringLiteral("Authenticate"), 401);
        refused.insert(QStringLiteral("detail"),
                       QStringLiteral("Your AccountSid or AuthToken was incorrect."));
        reply(responder, refused, 401);
        return;
    }
    static const QRegularExpression accountPath(
        QStringLiteral("^/2010-04-01/Accounts/(AC[0-9a-f]{32})(\\.json|/.*)$"));
    if (path == u"/2010-04-01/Accounts.json") {
        if (isPost) {
            const QString name = formValue(request, QStringLiteral("FriendlyName"));
            if (caller != m_masterSid || name.size() > 64) {
                reply(responder, twilioError(20003, QStringLiteral("Authenticate"), 401), 401);
                return;
            }
            reply(responder, accountJson(createSubaccount(name), true), 201);
            return;
        }
        const QString name =
            QUrlQuery(request.url())
                .queryItemValue(QStringLiteral("FriendlyName"), QUrl::FullyDecoded);
        QJsonArray accounts;
        for (const Account &account : std::as_const(m_accounts)) {
            if ((account.sid == caller || account.ownerSid == caller)
                && (name.isEmpty() || account.friendlyName == name))
                accounts.append(accountJson(account, true));
        }
        reply(responder,
              {{QStringLiteral("accounts"), accounts},
               {QStringLiteral("next_page_uri"), QJsonValue::Null},
               {QStringLiteral("page"), 0},
               {QStringLiteral("page_size"), 50}},
              200);
        return;
    }
    const auto match = accountPath.match(path);
    const Account target = m_accounts.value(match.captured(1));
    // Credentials reach their own account and, for a parent, its subaccounts; nothing else.
    if (!match.hasMatch() || target.sid.isEmpty()
        || (target.sid != caller && target.ownerSid != caller)) {
        reply(responder, twilioError(20003, QStringLiteral("Authenticate"), 401), 401);
        return;
    }
    const QString rest = match.captured(2);
    if (rest == u".json" && !isPost) {
        reply(responder, accountJson(target, true), 200);
        return;
    }
    static const QRegularExpression numberPath(
        QStringLiteral("^/IncomingPhoneNumbers/(PN[0-9a-f]{32})\\.json$"));
    if (rest == u"/IncomingPhoneNumbers.json" && !isPost) {
        // Indexed by account: a page costs its own items only, so benchmarks measure the client.
        const QStringList owned = m_numbersOf.value(target.sid);
        replyPage(request, responder, owned.size(), QStringLiteral("incoming_phone_numbers"),
                  [&](qsizetype i) { return numberJson(m_numbers.value(owned.at(i))); });
        return;
    }
    if (rest == u"/Calls.json" && !isPost) {
        QList<QJsonObject> owned;
        for (const QJsonObject &call : std::as_const(m_calls)) {
            if (call.value(u"account_sid").toString() == target.sid)
                owned.append(call);
        }
        replyPage(request, responder, owned.size(), QStringLiteral("calls"),
                  [&](qsizetype i) { return owned.at(i); });
        return;
    }
    static const QRegularExpression mediaPath(
        QStringLiteral("^/Messages/((?:MM|SM)[0-9a-f]{32})/Media/(ME[0-9a-f]{32})$"));
    if (const auto media = mediaPath.match(rest); media.hasMatch() && !isPost) {
        const auto found = m_media.constFind(media.captured(2));
        if (found == m_media.cend() || found->accountSid != target.sid
            || found->messageSid != media.captured(1)) {
            reply(responder,
                  twilioError(20404, QStringLiteral("The requested resource was not found"), 404),
                  404);
            return;
        }
        // Twilio sends a media request on to where the file is kept, for a short while.
        const QByteArray location = (m_storageEndpoint.baseUrl() + QStringLiteral("/media/")
                                     + media.captured(2) + QStringLiteral("?signature=")
                                     + media.captured(2).right(8))
                                        .toUtf8();
        responder.write(QByteArray(), {{"Location", location}},
                        QHttpServerResponder::StatusCode::TemporaryRedirect);
        return;
    }
    static const QRegularExpression recordingPath(
        QStringLiteral("^/Recordings/(RE[0-9a-f]{32})(\\.json|\\.wav|\\.mp3|)$"));
    if (const auto recording = recordingPath.match(rest); recording.hasMatch() && !isPost) {
        replyRecording(responder, target.sid, recording.captured(1), recording.captured(2));
        return;
    }
    if (const auto numberMatch = numberPath.match(rest);
        numberMatch.hasMatch() && request.method() == QHttpServerRequest::Method::Delete) {
        const auto number = m_numbers.constFind(numberMatch.captured(1));
        if (number == m_numbers.cend() || number->accountSid != target.sid) {
            reply(responder,
                  twilioError(20404, QStringLiteral("The requested resource was not found"), 404),
                  404);
            return;
        }
        removeNumber(numberMatch.captured(1));
        responder.write(StatusCode::NoContent);
        return;
    }
    if (const auto numberMatch = numberPath.match(rest); numberMatch.hasMatch() && isPost) {
        auto number = m_numbers.find(numberMatch.captured(1));
        if (number == m_numbers.end() || number->accountSid != target.sid) {
            reply(responder,
                  twilioError(20404, QStringLiteral("The requested resource was not found"), 404),
                  404);
            return;
        }
        for (const auto &[field, member] :
             {std::pair{QStringLiteral("SmsUrl"), &Number::smsUrl},
              std::pair{QStringLiteral("VoiceUrl"), &Number::voiceUrl},
              std::pair{QStringLiteral("StatusCallback"), &Number::statusCallback}}) {
            const QString value = formValue(request, field);
            if (!value.isEmpty())
                (*number).*member = value;
        }
        reply(responder, numberJson(*number), 200);
        return;
    }
    if (rest == u"/Messages.json" && isPost) {
        const QString to = formValue(request, QStringLiteral("To"));
        const QString from = formValue(request, QStringLiteral("From"));
        static const QRegularExpression e164(QStringLiteral("^(whatsapp:)?\\+[1-9][0-9]{7,14}$"));
        if (!e164.match(to).hasMatch()) {
            reply(responder,
                  twilioError(
                      21211,
                      QStringLiteral("The 'To' number %1 is not a valid phone number.").arg(to),
                      400),
                  400);
            return;
        }
        if (m_optedOut.contains(QString(to).remove(QStringLiteral("whatsapp:")))) {
            reply(responder,
                  twilioError(
                      21610, QStringLiteral("Attempt to send to unsubscribed recipient"), 400),
                  400);
            return;
        }
        QJsonObject message{{QStringLiteral("sid"), newSid("SM")},
                            {QStringLiteral("account_sid"), target.sid},
                            {QStringLiteral("from"), from},
                            {QStringLiteral("to"), to},
                            {QStringLiteral("body"), formValue(request, QStringLiteral("Body"))},
                            {QStringLiteral("status"), QStringLiteral("queued")},
                            {QStringLiteral("direction"), QStringLiteral("outbound-api")},
                            {QStringLiteral("num_segments"), QStringLiteral("1")},
                            {QStringLiteral("num_media"), QStringLiteral("0")},
                            {QStringLiteral("error_code"), QJsonValue::Null},
                            {QStringLiteral("price"), QJsonValue::Null}};
        QJsonObject recorded = message;
        const QString callback = formValue(request, QStringLiteral("StatusCallback"));
        recorded.insert(QStringLiteral("status_callback"), callback);
        m_messages.append(recorded);
        if (m_answerAfterCallbacks && !callback.isEmpty() && !m_callbackTarget.isEmpty()) {
            auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
            sendStatusCallbacks(message, callback, [held, message] { reply(*held, message, 201); });
            return;
        }
        reply(responder, message, 201);
        QTimer::singleShot(m_callbackDelayMs, &m_network, [this, message, callback] {
            sendStatusCallbacks(message, callback, [] {});
        });
        return;
    }
    reply(responder,
          twilioError(20404, QStringLiteral("The requested resource was not found"), 404),
          404);
}

void FakeTwilio::replyPage(const QHttpServerRequest &request,
                           QHttpServerResponder &responder,
                           qsizetype total,
                           const QString &listKey,
                           const std::function<QJsonObject(qsizetype)> &itemAt)
{
    const QUrlQuery query(request.url());
    const int pageSize = qBound(1, query.queryItemValue(QStringLiteral("PageSize")).toInt(), 1000);
    const QString token = query.queryItemValue(QStringLiteral("PageToken"));
    if (!token.isEmpty() && !m_pageTokens.contains(token)) {
        reply(responder, twilioError(21481, QStringLiteral("Invalid PageToken"), 400), 400);
        return;
    }
    const int first = token.isEmpty() ? 0 : m_pageTokens.value(token);
    QJsonArray page;
    for (qsizetype i = first; i < qMin(total, qsizetype(first) + pageSize); ++i)
        page.append(itemAt(i));
    QJsonValue next = QJsonValue::Null;
    if (first + pageSize < total) {
        const QString nextToken =
            QStringLiteral("PA") + itemAt(first + pageSize).value(u"sid").toString();
        m_pageTokens.insert(nextToken, first + pageSize);
        next = QStringLiteral("%1?PageSize=%2&Page=%3&PageToken=%4")
                   .arg(request.url().path())
                   .arg(pageSize)
                   .arg(first / pageSize + 1)
                   .arg(nextToken);
    }
    reply(responder,
          {{listKey, page},
           {QStringLiteral("next_page_uri"), next},
           {QStringLiteral("page"), first / pageSize},
           {QStringLiteral("page_size"), pageSize}},
          200);
}

QString FakeTwilio::addCall(const QString &accountSid,
                            const QString &from,
                            const QString &to,
                            const QString &status,
                            int durationSeconds)
{
    const QString sid = newSid("CA");
    m_calls.append(
        {{QStringLiteral("sid"), sid},
         {QStringLiteral("account_sid"), accountSid},
         {QStringLiteral("from"), from},
         {QStringLiteral("to"), to},
         {QStringLiteral("status"), status},
         {QStringLiteral("direction"), QStringLiteral("inbound")},
         {QStringLiteral("duration"), QString::number(durationSeconds)},
         {QStringLiteral("start_time"), QStringLiteral("Thu, 30 Jul 2015 20:00:00 +0000")},
         {QStringLiteral("price"), QJsonValue::Null}});
    return sid;
}

QString FakeTwilio::addRecording(const QString &accountSid, const QString &callSid)
{
    const QString sid = newSid("RE");
    // A short WAV header and silence: enough to tell it was served whole.
    QByteArray wav("RIFF");
    wav.append(QByteArray(4000, '\0'));
    m_recordings.insert(sid, {accountSid, callSid, wav});
    return sid;
}

QString FakeTwilio::addMedia(const QString &accountSid,
                             const QString &messageSid,
                             const QByteArray &contentType,
                             const QByteArray &bytes)
{
    const QString sid = newSid("ME");
    m_media.insert(sid, {accountSid, messageSid, contentType, bytes});
    return baseUrl() + QStringLiteral("/2010-04-01/Accounts/") + accountSid
        + QStringLiteral("/Messages/") + messageSid + QStringLiteral("/Media/") + sid;
}

void FakeTwilio::replyRecording(QHttpServerResponder &responder,
                                const QString &accountSid,
                                const QString &recordingSid,
                                const QString &extension)
{
    const auto recording = m_recordings.constFind(recordingSid);
    if (recording == m_recordings.cend() || recording->accountSid != accountSid) {
        reply(responder,
              twilioError(20404, QStringLiteral("The requested resource was not found"), 404),
              404);
        return;
    }
    if (extension == u".json") {
        reply(responder,
              {{QStringLiteral("sid"), recordingSid},
               {QStringLiteral("account_sid"), accountSid},
               {QStringLiteral("call_sid"), recording->callSid},
               {QStringLiteral("duration"), QStringLiteral("12")},
               {QStringLiteral("channels"), 1}},
              200);
        return;
    }
    const bool isMp3 = extension == u".mp3";
    responder.write(isMp3 ? QByteArray("ID3") + recording->audio : recording->audio,
                    isMp3 ? QByteArrayLiteral("audio/mpeg") : QByteArrayLiteral("audio/x-wav"));
}

} // namespace Sb::Fakes
