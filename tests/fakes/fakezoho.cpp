#include "fakezoho.h"

#include "fakehubspot.h" // formOf

#include <QCryptographicHash>
#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>
#include <vector>

namespace Sb::Fakes {

namespace {
using StatusCode = QHttpServerResponder::StatusCode;
constexpr int kPagedRecords = 2000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString value(const QUrlQuery &query, const char *name)
{
    return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
}

void json(QHttpServerResponder &responder, const QJsonObject &body, int status = 200)
{
    responder.write(QJsonDocument(body), StatusCode(status));
}

// Zoho's API error.
QJsonObject apiError(const QString &code, const QString &message, const QJsonObject &details = {})
{
    return {{u"code"_qs, code}, {u"details"_qs, details}, {u"message"_qs, message}, {u"status"_qs, u"error"_qs}};
}

void page(QHttpServerResponder &responder, const QString &html, StatusCode status = StatusCode::Ok)
{
    responder.write(html.toUtf8(), "text/html; charset=utf-8", status);
}

QString hidden(const QString &name, const QString &value)
{
    return QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">").arg(name, value.toHtmlEscaped());
}
} // namespace

struct FakeZoho::Centre
{
    QHttpServer server;
    LoopbackEndpoint endpoint;
};

FakeZoho::FakeZoho(const QStringList &dataCentres, Transport transport)
{
    for (const QString &code : dataCentres) {
        auto centre = std::make_unique<Centre>();
        centre->server.setMissingHandler([this, code](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(code, request, responder);
        });
        centre->endpoint = listenOnLoopback(centre->server, transport);
        m_centres[code] = std::move(centre);
    }
    m_accountCentre = dataCentres.value(0);
}

FakeZoho::~FakeZoho() = default;

QString FakeZoho::bases() const
{
    QStringList parts;
    for (const auto &[code, centre] : m_centres)
        parts.append(code + u'=' + centre->endpoint.baseUrl());
    return parts.join(u',');
}

QString FakeZoho::baseUrl(const QString &dataCentre) const
{
    const auto it = m_centres.find(dataCentre);
    return it == m_centres.end() ? QString() : it->second->endpoint.baseUrl();
}

QSslCertificate FakeZoho::certificate() const
{
    return m_centres.empty() ? QSslCertificate() : m_centres.begin()->second->endpoint.certificate;
}

QString FakeZoho::newToken(const QString &prefix)
{
    return prefix + QString::number(m_next++) + u'.' + QUuid::createUuid().toString(QUuid::Id128);
}

FakeZoho::App FakeZoho::addApp(const QString &redirectUri)
{
    App app{QStringLiteral("1000.") + QUuid::createUuid().toString(QUuid::Id128).left(30).toUpper(),
            QUuid::createUuid().toString(QUuid::Id128),
            redirectUri};
    m_apps.insert(app.clientId, app);
    return app;
}

void FakeZoho::expireAccessTokens()
{
    for (Token &token : m_accessTokens)
        token.expiresAtMs = nowMs() - 1;
}

void FakeZoho::addContacts(int count, qint64 firstModified)
{
    static const QStringList first = {u"Inés"_qs, u"Jon"_qs, u"Kemal"_qs, u"Lina"_qs, u"Mateo"_qs, u"Noor"_qs};
    static const QStringList last = {u"García"_qs, u"Brown"_qs, u"Yilmaz"_qs, u"Silva"_qs, u"Ahmed"_qs};
    for (int i = 0; i < count; ++i) {
        Contact c;
        c.firstName = first.at(i % first.size());
        c.lastName = last.at((i / first.size()) % last.size()) + u'-' + QString::number(i);
        c.email = QStringLiteral("zoho.patient.%1@clinic.example").arg(i);
        c.phone = i % 2 ? QStringLiteral("+1 (415) 555-%1").arg(1000 + i % 9000) : QString();
        c.mobile = i % 2 ? QString() : QStringLiteral("415-556-%1").arg(1000 + i % 9000);
        c.modifiedAt = firstModified + qint64(i) * 1000;
        addContact(c);
    }
}

QString FakeZoho::addContact(Contact contact)
{
    contact.id = QString::number(m_nextContactId++);
    if (contact.modifiedAt == 0)
        contact.modifiedAt = nowMs();
    m_contacts[contact.id] = contact;
    return contact.id;
}

FakeZoho::Contact *FakeZoho::contact(const QString &id)
{
    const auto it = m_contacts.find(id);
    return it == m_contacts.end() ? nullptr : &it->second;
}

void FakeZoho::deleteContact(const QString &id)
{
    if (m_contacts.erase(id))
        m_deleted[id] = nowMs();
}

void FakeZoho::handle(const QString &centre, const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const QString path = request.url().path();
    const bool isPost = request.method() == QHttpServerRequest::Method::Post;
    // Zoho's documentation puts token parameters in the query; form bodies work too.
    QUrlQuery parameters(request.url());
    for (const auto &[name, value] : formOf(request.body()).queryItems(QUrl::FullyEncoded))
        parameters.addQueryItem(name, value);
    if (path == u"/oauth/v2/auth" && !isPost)
        return authorizePage(QUrlQuery(request.url()), responder);
    if (path == u"/oauth/v2/auth" && isPost)
        return decide(formOf(request.body()), responder);
    if (path == u"/oauth/v2/token" && isPost)
        return token(centre, parameters, responder);
    if (path == u"/oauth/v2/token/revoke" && isPost) {
        const QString token = value(parameters, "token");
        if (!m_refreshTokens.remove(token))
            return json(responder, {{u"error"_qs, u"invalid_token"_qs}});
        return json(responder, {{u"status"_qs, u"success"_qs}});
    }
    if (path.startsWith(u"/crm/"))
        return api(centre, request, responder);
    json(responder, apiError(u"INVALID_URL_PATTERN"_qs, u"Please check if the URL trying to access is a correct one"_qs), 404);
}

void FakeZoho::authorizePage(const QUrlQuery &query, QHttpServerResponder &responder)
{
    m_authorizeRequests.append(query);
    const auto app = m_apps.constFind(value(query, "client_id"));
    if (app == m_apps.cend())
        return page(responder, QStringLiteral("<h1>Invalid Client</h1>"), StatusCode::BadRequest);
    if (value(query, "redirect_uri") != app->redirectUri)
        return page(responder, QStringLiteral("<h1>Invalid Redirect Uri</h1>"), StatusCode::BadRequest);
    QString fields;
    for (const char *name : {"client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"})
        fields += hidden(QLatin1String(name), value(query, name));
    const QString html =
        QStringLiteral("<!doctype html><html><head><title>Zoho Accounts</title></head><body>"
                       "<h1>Switchboard would like to access your Zoho CRM</h1><p>Scopes: %1</p>"
                       "<form id=\"grant\" method=\"post\" action=\"/oauth/v2/auth\">%2"
                       "<input type=\"hidden\" name=\"decision\" value=\"grant\">"
                       "<button type=\"submit\">Accept</button></form>"
                       "<form method=\"post\" action=\"/oauth/v2/auth\">%2"
                       "<input type=\"hidden\" name=\"decision\" value=\"deny\">"
                       "<button type=\"submit\">Reject</button></form>%3</body></html>")
            .arg(value(query, "scope").toHtmlEscaped(),
                 fields,
                 m_autoGrant ? QStringLiteral("<script>document.getElementById('grant').submit();</script>") : QString());
    page(responder, html);
}

void FakeZoho::decide(const QUrlQuery &form, QHttpServerResponder &responder)
{
    const auto app = m_apps.constFind(value(form, "client_id"));
    if (app == m_apps.cend() || value(form, "redirect_uri") != app->redirectUri)
        return page(responder, QStringLiteral("<h1>Invalid Client</h1>"), StatusCode::BadRequest);
    QUrl target(app->redirectUri);
    QUrlQuery answer;
    answer.addQueryItem(QStringLiteral("state"), QString::fromLatin1(QUrl::toPercentEncoding(value(form, "state"))));
    if (value(form, "decision") == u"grant") {
        const QString code = newToken(QStringLiteral("1000."));
        m_codes.insert(code, {app->clientId, app->redirectUri, value(form, "code_challenge"), nowMs() + 60'000});
        answer.addQueryItem(QStringLiteral("code"), code);
        // Multi-DC: where the account lives.
        answer.addQueryItem(QStringLiteral("location"), m_accountCentre);
        answer.addQueryItem(QStringLiteral("accounts-server"),
                            QString::fromLatin1(QUrl::toPercentEncoding(baseUrl(m_accountCentre))));
    } else {
        answer.addQueryItem(QStringLiteral("error"), QStringLiteral("access_denied"));
    }
    target.setQuery(answer);
    responder.write(QByteArray(), {{"Location", target.toEncoded()}, {"Content-Type", "text/html"}}, StatusCode::Found);
}

void FakeZoho::token(const QString &centre, const QUrlQuery &form, QHttpServerResponder &responder)
{
    const QString grantType = value(form, "grant_type");
    m_tokenRequests[grantType] += 1;
    m_tokenRequestsAt[centre] += 1;
    auto refuse = [&](const QString &error) { json(responder, {{u"error"_qs, error}}); }; // HTTP 200
    const auto app = m_apps.constFind(value(form, "client_id"));
    if (app == m_apps.cend())
        return refuse(u"invalid_client"_qs);
    if (value(form, "client_secret") != app->clientSecret)
        return refuse(u"invalid_client_secret"_qs);
    QJsonObject body{{u"api_domain"_qs, baseUrl(centre)},
                     {u"token_type"_qs, u"Bearer"_qs},
                     {u"expires_in"_qs, m_accessTokenLifetime},
                     {u"scope"_qs, u"ZohoCRM.modules.contacts.ALL"_qs}};
    if (grantType == u"authorization_code") {
        if (centre != m_accountCentre) // the account is not here: Zoho knows no such client here
            return refuse(u"invalid_client"_qs);
        const Code code = m_codes.take(value(form, "code")); // single use
        if (code.clientId != app->clientId || code.expiresAtMs < nowMs())
            return refuse(u"invalid_code"_qs);
        if (value(form, "redirect_uri") != code.redirectUri)
            return refuse(u"invalid_redirect_uri"_qs);
        if (!code.challenge.isEmpty()) {
            const QString challenge = QString::fromLatin1(
                QCryptographicHash::hash(value(form, "code_verifier").toLatin1(), QCryptographicHash::Sha256)
                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
            if (challenge != code.challenge)
                return refuse(u"invalid_code"_qs);
        }
        const QString refresh = newToken(QStringLiteral("1000."));
        m_refreshTokens.insert(refresh, {app->clientId, centre, 0});
        m_lastRefreshToken = refresh;
        body.insert(u"refresh_token"_qs, refresh);
    } else if (grantType == u"refresh_token") {
        const auto known = m_refreshTokens.constFind(value(form, "refresh_token"));
        if (known != m_refreshTokens.cend() && known->centre != centre)
            return refuse(u"invalid_client"_qs);
        if (known == m_refreshTokens.cend() || known->clientId != app->clientId)
            return refuse(u"invalid_code"_qs);
        const qint64 now = nowMs();
        m_refreshTimes.erase(std::remove_if(m_refreshTimes.begin(), m_refreshTimes.end(),
                                            [now](qint64 at) { return at < now - 60'000; }),
                             m_refreshTimes.end());
        if (m_refreshTimes.size() >= m_refreshLimit) {
            return json(responder,
                        {{u"error_description"_qs, u"You have made too many requests continuously. Please try again after some time."_qs},
                         {u"error"_qs, u"Access Denied"_qs},
                         {u"status"_qs, u"failure"_qs}},
                        400);
        }
        m_refreshTimes.append(now);
        // No refresh_token in the answer: Zoho's never change.
    } else {
        return refuse(u"unsupported_grant_type"_qs);
    }
    const QString access = newToken(QStringLiteral("1000."));
    m_accessTokens.insert(access, {app->clientId, centre, nowMs() + qint64(m_accessTokenLifetime) * 1000});
    body.insert(u"access_token"_qs, access);
    json(responder, body);
}

QJsonObject FakeZoho::contactJson(const Contact &c, const QStringList &fields) const
{
    auto orNull = [](const QString &v) { return v.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(v); };
    // Zoho writes times in the account's zone, with its offset.
    const QString modified = QDateTime::fromMSecsSinceEpoch(c.modifiedAt, Qt::UTC)
                                 .toOffsetFromUtc(5 * 3600 + 1800)
                                 .toString(Qt::ISODate);
    const QJsonObject all{{u"First_Name"_qs, orNull(c.firstName)}, {u"Last_Name"_qs, c.lastName},
                          {u"Email"_qs, orNull(c.email)},          {u"Phone"_qs, orNull(c.phone)},
                          {u"Mobile"_qs, orNull(c.mobile)},        {u"Modified_Time"_qs, modified}};
    QJsonObject record{{u"id"_qs, c.id}};
    for (const QString &field : fields) {
        if (all.contains(field))
            record.insert(field, all.value(field));
    }
    return record;
}

void FakeZoho::api(const QString &centre, const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    ++m_apiRequests;
    auto answer = [&](const QJsonObject &body, int status) {
        m_statuses.append(status);
        json(responder, body, status);
    };
    if (m_answerBeforeFailing == 0)
        m_failApi = 1'000'000; // down from now on
    if (m_answerBeforeFailing >= 0)
        --m_answerBeforeFailing;
    if (m_failApi > 0) {
        --m_failApi;
        if (m_failApiStatus == 429)
            return answer(apiError(u"TOO_MANY_REQUESTS"_qs, u"You have exceeded the rate limit for this API."_qs), 429);
        return answer(apiError(u"INTERNAL_ERROR"_qs, u"Internal Server Error"_qs), m_failApiStatus);
    }
    const QByteArray authorization = request.value("Authorization");
    const auto token = m_accessTokens.constFind(QString::fromLatin1(authorization.mid(16)));
    if (!authorization.startsWith("Zoho-oauthtoken ") || token == m_accessTokens.cend() || token->centre != centre
        || token->expiresAtMs < nowMs())
        return answer(apiError(u"INVALID_TOKEN"_qs, u"invalid oauth token"_qs), 401);
    const QString path = request.url().path();
    const bool isPost = request.method() == QHttpServerRequest::Method::Post;
    if (path == u"/crm/v3/Contacts/actions/count" && !isPost)
        return answer({{u"count"_qs, int(m_contacts.size())}}, 200);
    if (path == u"/crm/v3/Contacts" && !isPost)
        return list(request, responder);
    if (path == u"/crm/v3/Contacts/deleted" && !isPost) {
        const QUrlQuery query(request.url());
        const QByteArray ifModified = request.value("If-Modified-Since");
        const qint64 since = ifModified.isEmpty() ? 0 : QDateTime::fromString(QString::fromLatin1(ifModified), Qt::ISODate).toMSecsSinceEpoch();
        const int perPage = value(query, "per_page").isEmpty() ? 200 : value(query, "per_page").toInt();
        const int pageNumber = std::max(1, value(query, "page").toInt());
        QJsonArray data;
        int matching = 0;
        for (const auto &[id, at] : m_deleted) {
            if (at < since)
                continue;
            if (matching >= (pageNumber - 1) * perPage && data.size() < perPage)
                data.append(QJsonObject{{u"id"_qs, id}, {u"type"_qs, u"recycle"_qs},
                                        {u"deleted_time"_qs, QDateTime::fromMSecsSinceEpoch(at, Qt::UTC).toString(Qt::ISODate)},
                                        {u"display_name"_qs, u"Deleted contact"_qs}});
            ++matching;
        }
        if (data.isEmpty()) {
            m_statuses.append(ifModified.isEmpty() ? 204 : 304);
            return responder.write(StatusCode(ifModified.isEmpty() ? 204 : 304));
        }
        return answer({{u"data"_qs, data},
                       {u"info"_qs, QJsonObject{{u"per_page"_qs, perPage}, {u"count"_qs, data.size()}, {u"page"_qs, pageNumber},
                                                {u"more_records"_qs, matching > pageNumber * perPage}}}},
                      200);
    }
    if (path == u"/crm/v3/Contacts" && isPost) {
        const QJsonArray records = QJsonDocument::fromJson(request.body()).object().value(u"data"_qs).toArray();
        const QJsonObject record = records.first().toObject();
        QJsonObject outcome;
        int status = 201;
        const QString email = record.value(u"Email"_qs).toString();
        const auto duplicate = std::find_if(m_contacts.cbegin(), m_contacts.cend(), [&](const auto &entry) {
            return !email.isEmpty() && entry.second.email.compare(email, Qt::CaseInsensitive) == 0;
        });
        if (record.value(u"Last_Name"_qs).toString().isEmpty()) {
            outcome = apiError(u"MANDATORY_NOT_FOUND"_qs, u"required field not found"_qs,
                               {{u"api_name"_qs, u"Last_Name"_qs}});
            status = 400;
        } else if (duplicate != m_contacts.cend()) {
            outcome = apiError(u"DUPLICATE_DATA"_qs, u"duplicate data"_qs,
                               {{u"api_name"_qs, u"Email"_qs}, {u"id"_qs, duplicate->first}});
            status = 400;
        } else {
            Contact c;
            c.firstName = record.value(u"First_Name"_qs).toString();
            c.lastName = record.value(u"Last_Name"_qs).toString();
            c.email = email;
            c.phone = record.value(u"Phone"_qs).toString();
            const QString id = addContact(c);
            outcome = {{u"code"_qs, u"SUCCESS"_qs},
                       {u"details"_qs, QJsonObject{{u"id"_qs, id}, {u"Created_Time"_qs, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}}},
                       {u"message"_qs, u"record added"_qs},
                       {u"status"_qs, u"success"_qs}};
        }
        return answer({{u"data"_qs, QJsonArray{outcome}}}, status);
    }
    answer(apiError(u"INVALID_URL_PATTERN"_qs, u"Please check if the URL trying to access is a correct one"_qs), 404);
}

void FakeZoho::list(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    auto answer = [&](const QJsonObject &body, int status) {
        m_statuses.append(status);
        if (status == 204 || status == 304)
            return responder.write(StatusCode(status));
        json(responder, body, status);
    };
    const QUrlQuery query(request.url());
    const QStringList fields = value(query, "fields").split(u',', Qt::SkipEmptyParts);
    if (fields.isEmpty())
        return answer(apiError(u"REQUIRED_PARAM_MISSING"_qs, u"One of the expected parameter is missing"_qs,
                               {{u"param"_qs, u"fields"_qs}}),
                      400);
    const int perPage = value(query, "per_page").isEmpty() ? 200 : value(query, "per_page").toInt();
    if (perPage < 1 || perPage > 200)
        return answer(apiError(u"INVALID_DATA"_qs, u"invalid data"_qs, {{u"param"_qs, u"per_page"_qs}}), 400);
    const QString pageToken = value(query, "page_token");
    Paging paging{value(query, "sort_by").isEmpty() ? u"id"_qs : value(query, "sort_by"), 0, 0};
    const QByteArray ifModified = request.value("If-Modified-Since");
    m_ifModifiedSince.append(ifModified);
    if (!ifModified.isEmpty()) {
        const QDateTime since = QDateTime::fromString(QString::fromLatin1(ifModified), Qt::ISODate);
        if (!since.isValid() || !ifModified.contains('T'))
            return answer(apiError(u"INVALID_DATA"_qs, u"invalid If-Modified-Since"_qs), 400);
        paging.since = since.toMSecsSinceEpoch();
    }
    int pageNumber = 0;
    if (!pageToken.isEmpty()) {
        if (query.hasQueryItem(u"page"_qs))
            return answer(apiError(u"INVALID_REQUEST"_qs, u"page and page_token cannot be given together"_qs), 400);
        if (!m_pageTokens.contains(pageToken))
            return answer(apiError(u"INVALID_DATA"_qs, u"the page token is invalid or expired"_qs), 400);
        paging = m_pageTokens.value(pageToken);
    } else {
        pageNumber = value(query, "page").isEmpty() ? 1 : value(query, "page").toInt();
        if (pageNumber * perPage > kPagedRecords)
            return answer(apiError(u"DISCRETE_PAGINATION_LIMIT_EXCEEDED"_qs,
                                   u"cannot fetch more than 2000 records with page; use page_token"_qs),
                          400);
        paging.offset = (pageNumber - 1) * perPage;
    }
    std::vector<const Contact *> matching;
    for (const auto &[id, c] : m_contacts) {
        if (c.modifiedAt >= paging.since)
            matching.push_back(&c);
    }
    if (paging.sortBy == u"Modified_Time")
        std::stable_sort(matching.begin(), matching.end(), [](const Contact *a, const Contact *b) {
            return a->modifiedAt < b->modifiedAt;
        });
    if (matching.empty() || paging.offset >= int(matching.size()))
        return answer({}, ifModified.isEmpty() ? 204 : 304);
    QJsonArray data;
    for (int i = paging.offset; i < int(matching.size()) && data.size() < perPage; ++i)
        data.append(contactJson(*matching.at(i), fields));
    const bool more = paging.offset + perPage < int(matching.size());
    QJsonObject info{{u"per_page"_qs, perPage}, {u"count"_qs, data.size()}, {u"more_records"_qs, more}};
    info.insert(u"page"_qs, pageNumber > 0 ? pageNumber : QJsonValue(QJsonValue::Null));
    if (more) {
        const QString next = newToken(QStringLiteral("pt."));
        m_pageTokens.insert(next, {paging.sortBy, paging.since, paging.offset + perPage});
        info.insert(u"next_page_token"_qs, next);
        info.insert(u"page_token_expiry"_qs, QDateTime::currentDateTimeUtc().addSecs(86400).toString(Qt::ISODate));
    }
    answer({{u"data"_qs, data}, {u"info"_qs, info}}, 200);
}

} // namespace Sb::Fakes
