#include "fakehubspot.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>

namespace Sb::Fakes {

namespace {
using StatusCode = QHttpServerResponder::StatusCode;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString value(const QUrlQuery &query, const char *name)
{
    return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
}

// HubSpot's error body.
void refuse(QHttpServerResponder &responder, int status, const QString &code, const QString &message)
{
    responder.write(QJsonDocument(QJsonObject{
                        {QStringLiteral("status"), code},
                        {QStringLiteral("message"), message},
                        {QStringLiteral("correlationId"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                    }),
                    StatusCode(status));
}

void page(QHttpServerResponder &responder, const QString &html, StatusCode status = StatusCode::Ok)
{
    responder.write(html.toUtf8(), "text/html; charset=utf-8", status);
}

QString hidden(const QString &name, const QString &value)
{
    return QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">")
        .arg(name, value.toHtmlEscaped());
}
} // namespace

QUrlQuery formOf(const QByteArray &body)
{
    QByteArray copy = body;
    copy.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(copy));
}

FakeHubSpot::FakeHubSpot(Transport transport)
{
    m_server.setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(request, std::move(responder));
        });
    m_endpoint = listenOnLoopback(m_server, transport);
}

QString FakeHubSpot::newToken(const QString &prefix)
{
    return prefix + QString::number(m_next++) + u'-'
        + QUuid::createUuid().toString(QUuid::Id128);
}

FakeHubSpot::App FakeHubSpot::addApp(const QString &redirectUri)
{
    App app{QUuid::createUuid().toString(QUuid::WithoutBraces),
            QUuid::createUuid().toString(QUuid::WithoutBraces),
            redirectUri};
    m_apps.insert(app.clientId, app);
    return app;
}

void FakeHubSpot::uninstall(const QString &clientId)
{
    auto drop = [&](QHash<QString, Token> &tokens) {
        for (auto it = tokens.begin(); it != tokens.end();)
            it = it->clientId == clientId ? tokens.erase(it) : std::next(it);
    };
    drop(m_accessTokens);
    drop(m_refreshTokens);
}

FakeHubSpot::Issued FakeHubSpot::issue(const QString &clientId, int lifetime)
{
    Issued issued{newToken(QStringLiteral("CKDZ-")), newToken(QStringLiteral("refresh-"))};
    m_accessTokens.insert(issued.accessToken, {clientId, nowMs() + qint64(lifetime) * 1000});
    m_refreshTokens.insert(issued.refreshToken, {clientId, 0});
    return issued;
}

void FakeHubSpot::expireAccessTokens()
{
    for (Token &token : m_accessTokens)
        token.expiresAtMs = nowMs() - 1;
}

bool FakeHubSpot::isAccessTokenValid(const QString &token) const
{
    const auto it = m_accessTokens.constFind(token);
    return it != m_accessTokens.cend() && it->expiresAtMs > nowMs();
}

void FakeHubSpot::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QString path = request.url().path();
    const auto method = request.method();
    if (path == u"/oauth/authorize" && method == QHttpServerRequest::Method::Get)
        return authorizePage(QUrlQuery(request.url()), responder);
    if (path == u"/oauth/authorize" && method == QHttpServerRequest::Method::Post)
        return decide(formOf(request.body()), responder);
    if (path == u"/oauth/v1/token" && method == QHttpServerRequest::Method::Post)
        return token(formOf(request.body()), responder);
    if (path.startsWith(u"/oauth/v1/refresh-tokens/") && method == QHttpServerRequest::Method::Delete) {
        const QString token = path.section(u'/', -1);
        if (!m_refreshTokens.remove(token))
            return refuse(responder, 404, QStringLiteral("error"), QStringLiteral("refresh token not found"));
        return responder.write(StatusCode::NoContent);
    }
    if (path.startsWith(u"/crm/v3/objects/contacts"))
        return api(request, responder);
    refuse(responder, 404, QStringLiteral("error"), QStringLiteral("Not found: ") + path);
}

void FakeHubSpot::addContacts(int count, qint64 firstModified)
{
    static const QStringList first = {u"Ana"_qs, u"Bruno"_qs, u"Carmen"_qs, u"Dara"_qs, u"Eli"_qs, u"Farah"_qs, u"Gus"_qs, u"Hana"_qs};
    static const QStringList last = {u"López"_qs, u"Smith"_qs, u"Nguyen"_qs, u"O'Brien"_qs, u"Khan"_qs, u"Rossi"_qs};
    for (int i = 0; i < count; ++i) {
        Contact c;
        c.firstName = first.at(i % first.size());
        c.lastName = last.at((i / first.size()) % last.size()) + u'-' + QString::number(i);
        c.email = QStringLiteral("Patient.%1@Clinic.example").arg(i);
        const int line = 1000 + i % 9000;
        const int exchange = 200 + (i / 9000) % 700;
        switch (i % 3) { // as people write them
        case 0: c.phone = QStringLiteral("(617) %1-%2").arg(exchange).arg(line); break;
        case 1: c.phone = QStringLiteral("+1 617 %1 %2").arg(exchange).arg(line); break;
        default: c.phone = QStringLiteral("617.%1.%2").arg(exchange).arg(line); break;
        }
        c.modifiedAt = firstModified + qint64(i) * 1000;
        addContact(c);
    }
}

qint64 FakeHubSpot::addContact(Contact contact)
{
    contact.id = m_nextContactId++;
    if (contact.modifiedAt == 0)
        contact.modifiedAt = nowMs();
    m_contacts[contact.id] = contact;
    return contact.id;
}

FakeHubSpot::Contact *FakeHubSpot::contact(qint64 id)
{
    const auto it = m_contacts.find(id);
    return it == m_contacts.end() ? nullptr : &it->second;
}

QJsonObject FakeHubSpot::contactJson(const Contact &c) const
{
    auto orNull = [](const QString &v) { return v.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(v); };
    const QString modified = QDateTime::fromMSecsSinceEpoch(c.modifiedAt, Qt::UTC).toString(Qt::ISODateWithMs);
    return {{u"id"_qs, QString::number(c.id)},
            {u"properties"_qs,
             QJsonObject{{u"firstname"_qs, orNull(c.firstName)},
                         {u"lastname"_qs, orNull(c.lastName)},
                         {u"email"_qs, orNull(c.email)},
                         {u"phone"_qs, orNull(c.phone)},
                         {u"mobilephone"_qs, QJsonValue(QJsonValue::Null)},
                         {u"hs_merged_object_ids"_qs, orNull(c.mergedIds)},
                         {u"lastmodifieddate"_qs, modified},
                         {u"hs_object_id"_qs, QString::number(c.id)}}},
            {u"createdAt"_qs, modified},
            {u"updatedAt"_qs, modified},
            {u"archived"_qs, c.archived}};
}

void FakeHubSpot::api(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    ++m_apiRequests;
    // The window's budget, as HubSpot reports it on every answer.
    const qint64 now = nowMs();
    if (now - m_windowStart >= m_rateWindowMs) {
        m_windowStart = now;
        m_windowUsed = 0;
    }
    ++m_windowUsed;
    const int remaining = std::max(0, m_rateMax - m_windowUsed);
    QHttpServerResponder::HeaderList headers{
        {"X-HubSpot-RateLimit-Max", QByteArray::number(m_rateMax)},
        {"X-HubSpot-RateLimit-Remaining", QByteArray::number(remaining)},
        {"X-HubSpot-RateLimit-Interval-Milliseconds", QByteArray::number(m_rateWindowMs)},
        {"Content-Type", "application/json;charset=utf-8"}};
    auto answer = [&](const QJsonObject &body, int status) {
        responder.write(QJsonDocument(body).toJson(QJsonDocument::Compact), headers, StatusCode(status));
    };
    auto error = [&](int status, const QString &category, const QString &message) {
        answer({{u"status"_qs, u"error"_qs}, {u"message"_qs, message}, {u"category"_qs, category},
                {u"correlationId"_qs, QUuid::createUuid().toString(QUuid::WithoutBraces)}}, status);
    };
    if (m_windowUsed > m_rateMax || (m_failApi > 0 && m_failApiStatus == 429)) {
        if (m_failApi > 0)
            --m_failApi;
        ++m_rateLimited;
        return answer({{u"status"_qs, u"error"_qs}, {u"message"_qs, u"You have reached your ten_secondly_rolling limit."_qs},
                       {u"errorType"_qs, u"RATE_LIMIT"_qs}, {u"policyName"_qs, u"TEN_SECONDLY_ROLLING"_qs},
                       {u"correlationId"_qs, QUuid::createUuid().toString(QUuid::WithoutBraces)}}, 429);
    }
    if (m_answerBeforeFailing == 0)
        m_failApi = 1'000'000; // down from now on
    if (m_answerBeforeFailing >= 0)
        --m_answerBeforeFailing;
    if (m_failApi > 0) {
        --m_failApi;
        return error(m_failApiStatus, u"INTERNAL_ERROR"_qs, u"Internal error"_qs);
    }
    const QByteArray authorization = request.value("Authorization");
    const QString token = QString::fromLatin1(authorization.mid(7));
    if (!authorization.startsWith("Bearer ") || !m_accessTokens.contains(token))
        return error(401, u"INVALID_AUTHENTICATION"_qs, u"Authentication credentials not found."_qs);
    if (!isAccessTokenValid(token)) {
        const qint64 ago = (now - m_accessTokens.value(token).expiresAtMs) / 1000;
        return error(401, u"EXPIRED_AUTHENTICATION"_qs,
                     u"The OAuth token used to make this call expired %1 second(s) ago."_qs.arg(ago));
    }
    const QString path = request.url().path();
    const bool isPost = request.method() == QHttpServerRequest::Method::Post;
    if (path == u"/crm/v3/objects/contacts" && !isPost) {
        const QUrlQuery query(request.url());
        const int limit = query.queryItemValue(u"limit"_qs).isEmpty() ? 10 : query.queryItemValue(u"limit"_qs).toInt();
        if (limit < 1 || limit > 100)
            return error(400, u"VALIDATION_ERROR"_qs, u"limit must be between 1 and 100"_qs);
        const bool archived = query.queryItemValue(u"archived"_qs) == u"true";
        const qint64 after = query.queryItemValue(u"after"_qs).toLongLong();
        QJsonArray results;
        auto it = m_contacts.upper_bound(after - 1);
        for (; it != m_contacts.end() && results.size() < limit; ++it) {
            if (it->second.archived == archived)
                results.append(contactJson(it->second));
        }
        while (it != m_contacts.end() && it->second.archived != archived)
            ++it;
        QJsonObject body{{u"results"_qs, results}};
        if (it != m_contacts.end())
            body.insert(u"paging"_qs, QJsonObject{{u"next"_qs, QJsonObject{{u"after"_qs, QString::number(it->first)},
                                                                        {u"link"_qs, baseUrl() + path}}}});
        return answer(body, 200);
    }
    if (path == u"/crm/v3/objects/contacts/search" && isPost) {
        const QJsonObject ask = QJsonDocument::fromJson(request.body()).object();
        const int limit = ask.value(u"limit"_qs).toInt(10);
        const int after = ask.value(u"after"_qs).toString().toInt();
        if (limit < 1 || limit > 200)
            return error(400, u"VALIDATION_ERROR"_qs, u"limit must be between 1 and 200"_qs);
        if (after + limit > 10'000)
            return error(400, u"VALIDATION_ERROR"_qs, u"Search results are limited to 10,000; narrow the query."_qs);
        qint64 since = 0;
        const QJsonArray groups = ask.value(u"filterGroups"_qs).toArray();
        for (const QJsonValue &filter : groups.first().toObject().value(u"filters"_qs).toArray()) {
            if (filter[u"propertyName"_qs].toString() == u"lastmodifieddate" && filter[u"operator"_qs].toString() == u"GTE")
                since = filter[u"value"_qs].toString().toLongLong();
        }
        std::vector<const Contact *> matching;
        for (const auto &[id, c] : m_contacts) {
            if (!c.archived && c.modifiedAt >= since)
                matching.push_back(&c);
        }
        std::stable_sort(matching.begin(), matching.end(),
                         [](const Contact *a, const Contact *b) { return a->modifiedAt < b->modifiedAt; });
        QJsonArray results;
        for (int i = after; i < int(matching.size()) && results.size() < limit; ++i)
            results.append(contactJson(*matching.at(i)));
        QJsonObject body{{u"total"_qs, int(matching.size())}, {u"results"_qs, results}};
        if (after + limit < int(matching.size()))
            body.insert(u"paging"_qs, QJsonObject{{u"next"_qs, QJsonObject{{u"after"_qs, QString::number(after + limit)}}}});
        return answer(body, 200);
    }
    if (path == u"/crm/v3/objects/contacts" && isPost) {
        const QJsonObject properties = QJsonDocument::fromJson(request.body()).object().value(u"properties"_qs).toObject();
        const QString email = properties.value(u"email"_qs).toString();
        for (const auto &[id, c] : m_contacts) {
            if (!email.isEmpty() && c.email.compare(email, Qt::CaseInsensitive) == 0)
                return answer({{u"status"_qs, u"error"_qs}, {u"message"_qs, u"Contact already exists. Existing ID: %1"_qs.arg(id)},
                               {u"category"_qs, u"CONFLICT"_qs}, {u"correlationId"_qs, QUuid::createUuid().toString(QUuid::WithoutBraces)}}, 409);
        }
        Contact c{0, properties.value(u"firstname"_qs).toString(), properties.value(u"lastname"_qs).toString(), email,
                  properties.value(u"phone"_qs).toString(), 0, false, {}};
        const qint64 id = addContact(c);
        return answer(contactJson(m_contacts.at(id)), 201);
    }
    error(404, u"OBJECT_NOT_FOUND"_qs, u"Not found: "_qs + path);
}

void FakeHubSpot::authorizePage(const QUrlQuery &query, QHttpServerResponder &responder)
{
    m_authorizeRequests.append(query);
    const auto app = m_apps.constFind(value(query, "client_id"));
    if (app == m_apps.cend())
        return page(responder, QStringLiteral("<h1>Unknown app</h1>"), StatusCode::BadRequest);
    if (value(query, "redirect_uri") != app->redirectUri) {
        return page(responder,
                    QStringLiteral("<h1>Authorization failed because the redirect URL doesn't "
                                   "match the one registered for this app</h1>"),
                    StatusCode::BadRequest);
    }
    QString fields;
    for (const char *name : {"client_id", "redirect_uri", "scope", "state", "code_challenge",
                             "code_challenge_method"})
        fields += hidden(QLatin1String(name), value(query, name));
    const QString html = QStringLiteral(
        "<!doctype html><html><head><title>Log in to HubSpot</title></head><body>"
        "<h1>Connect Switchboard to your HubSpot account</h1>"
        "<p>Switchboard asks to: %1</p>"
        "<form id=\"grant\" method=\"post\" action=\"/oauth/authorize\">%2"
        "<label>Email <input name=\"email\" value=\"admin@clinic.example\"></label>"
        "<label>Password <input type=\"password\" name=\"password\"></label>"
        "<input type=\"hidden\" name=\"decision\" value=\"grant\">"
        "<button type=\"submit\">Connect app</button></form>"
        "<form method=\"post\" action=\"/oauth/authorize\">%2"
        "<input type=\"hidden\" name=\"decision\" value=\"deny\">"
        "<button type=\"submit\">Cancel</button></form>%3</body></html>")
        .arg(value(query, "scope").toHtmlEscaped(),
             fields,
             m_autoGrant ? QStringLiteral("<script>document.getElementById('grant').submit();</script>")
                         : QString());
    page(responder, html);
}

void FakeHubSpot::decide(const QUrlQuery &form, QHttpServerResponder &responder)
{
    const auto app = m_apps.constFind(value(form, "client_id"));
    if (app == m_apps.cend() || value(form, "redirect_uri") != app->redirectUri)
        return page(responder, QStringLiteral("<h1>Unknown app</h1>"), StatusCode::BadRequest);
    QUrl target(app->redirectUri);
    QUrlQuery answer;
    if (value(form, "decision") == u"grant") {
        const QString code = newToken(QStringLiteral("code-"));
        m_codes.insert(code,
                       {app->clientId, app->redirectUri, value(form, "code_challenge"),
                        nowMs() + 60'000});
        answer.addQueryItem(QStringLiteral("code"), code);
    } else {
        answer.addQueryItem(QStringLiteral("error"), QStringLiteral("access_denied"));
        answer.addQueryItem(QStringLiteral("error_description"),
                            QStringLiteral("The user denied access"));
    }
    answer.addQueryItem(QStringLiteral("state"),
                        QString::fromLatin1(QUrl::toPercentEncoding(value(form, "state"))));
    target.setQuery(answer);
    responder.write(QByteArray(),
                    {{"Location", target.toEncoded()}, {"Content-Type", "text/html"}},
                    StatusCode::Found);
}

void FakeHubSpot::token(const QUrlQuery &form, QHttpServerResponder &responder)
{
    m_tokenBodies.append(form);
    const QString grantType = value(form, "grant_type");
    m_tokenRequests[grantType] += 1;
    if (m_failTokens > 0) {
        --m_failTokens;
        return refuse(responder, m_failTokenStatus, QStringLiteral("error"), QStringLiteral("Service Unavailable"));
    }
    const auto app = m_apps.constFind(value(form, "client_id"));
    if (app == m_apps.cend())
        return refuse(responder, 400, QStringLiteral("BAD_CLIENT_ID"), QStringLiteral("missing or unknown client id"));
    if (value(form, "client_secret") != app->clientSecret)
        return refuse(responder, 400, QStringLiteral("BAD_CLIENT_SECRET"), QStringLiteral("missing or invalid client secret"));

    QString refreshToken;
    if (grantType == u"authorization_code") {
        const Code code = m_codes.take(value(form, "code")); // single use
        if (code.clientId != app->clientId || code.expiresAtMs < nowMs())
            return refuse(responder, 400, QStringLiteral("BAD_AUTH_CODE"), QStringLiteral("missing or unknown auth code"));
        if (value(form, "redirect_uri") != code.redirectUri)
            return refuse(responder, 400, QStringLiteral("BAD_REDIRECT_URI"), QStringLiteral("redirect_uri does not match"));
        if (!code.challenge.isEmpty()) {
            const QByteArray verifier = value(form, "code_verifier").toLatin1();
            const QString challenge = QString::fromLatin1(
                QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
            if (challenge != code.challenge)
                return refuse(responder, 400, QStringLiteral("BAD_AUTH_CODE"), QStringLiteral("code_verifier does not match"));
        }
        refreshToken = newToken(QStringLiteral("refresh-"));
        m_refreshTokens.insert(refreshToken, {app->clientId, 0});
    } else if (grantType == u"refresh_token") {
        refreshToken = value(form, "refresh_token");
        const auto known = m_refreshTokens.constFind(refreshToken);
        if (known == m_refreshTokens.cend() || known->clientId != app->clientId) {
            QJsonObject body{{QStringLiteral("status"), QStringLiteral("BAD_REFRESH_TOKEN")},
                             {QStringLiteral("message"), QStringLiteral("missing or unknown refresh token")},
                             {QStringLiteral("error"), QStringLiteral("invalid_grant")},
                             {QStringLiteral("correlationId"), QUuid::createUuid().toString(QUuid::WithoutBraces)}};
            return responder.write(QJsonDocument(body), StatusCode::BadRequest);
        }
        if (m_rotateRefreshTokens) {
            m_refreshTokens.remove(refreshToken);
            refreshToken = newToken(QStringLiteral("refresh-"));
            m_refreshTokens.insert(refreshToken, {app->clientId, 0});
        }
    } else {
        return refuse(responder, 400, QStringLiteral("BAD_GRANT_TYPE"), QStringLiteral("unknown grant_type"));
    }
    const QString access = newToken(QStringLiteral("CKDZ-"));
    m_lastIssued = {access, refreshToken};
    m_accessTokens.insert(access, {app->clientId, nowMs() + qint64(m_accessTokenLifetime) * 1000});
    responder.write(QJsonDocument(QJsonObject{
        {QStringLiteral("token_type"), QStringLiteral("bearer")},
        {QStringLiteral("access_token"), access},
        {QStringLiteral("refresh_token"), refreshToken},
        {QStringLiteral("expires_in"), m_accessTokenLifetime},
        {QStringLiteral("hub_id"), 1234567},
        {QStringLiteral("user_id"), 7654321},
        {QStringLiteral("scopes"), QJsonArray{QStringLiteral("crm.objects.contacts.read"),
                                              QStringLiteral("crm.objects.contacts.write"),
                                              QStringLiteral("oauth")}},
    }));
}

} // namespace Sb::Fakes
