#include "hubspotcontacts.h"

#include <core/net/httpclient.h>
#include <core/oauth/accesstokens.h>
#include <core/oauth/authorizedrequest.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

namespace Sb::Providers::HubSpot {

namespace {
const QString kProperties = QStringLiteral(
    "firstname,lastname,email,phone,mobilephone,lastmodifieddate,hs_merged_object_ids");
constexpr int kListLimit = 100; // HubSpot's most per list page
constexpr int kSearchLimit = 200; // and per search page
constexpr int kSearchCap = 10'000; // results one search may page through
const QString kArchivedCursor = QStringLiteral("archived:");

qint64 millisOf(const QJsonValue &value)
{
    const QString text = value.toString();
    bool isNumber = false;
    const qint64 ms = text.toLongLong(&isNumber);
    if (isNumber)
        return ms;
    const QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    return at.isValid() ? at.toMSecsSinceEpoch() : 0;
}

// The search cursor: where this search started ("since") and how far it has paged.
struct SearchCursor
{
    qint64 since = 0;
    int after = 0;
    static SearchCursor parse(qint64 since, const QString &cursor)
    {
        SearchCursor c{since, 0};
        if (const QStringList parts = cursor.split(u':'); parts.size() == 2) {
            c.since = parts.at(0).toLongLong();
            c.after = parts.at(1).toInt();
        }
        return c;
    }
    QString toString() const { return QString::number(since) + u':' + QString::number(after); }
};
} // namespace

HubSpotContacts::HubSpotContacts(Net::HttpClient &http,
                                 OAuth::AccessTokens &tokens,
                                 Store::TenantScope tenant,
                                 HubSpotBases bases,
                                 QString region,
                                 QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_tokens(tokens)
    , m_tenant(std::move(tenant))
    , m_bases(std::move(bases))
    , m_region(std::move(region))
{}

Store::CrmRecord HubSpotContacts::recordOf(const QJsonObject &result)
{
    const QJsonObject properties = result.value(u"properties").toObject();
    Store::CrmRecord record;
    record.recordId = result.value(u"id").toString();
    record.name = (properties.value(u"firstname").toString() + u' ' + properties.value(u"lastname").toString())
                      .simplified();
    record.email = properties.value(u"email").toString().trimmed().toCaseFolded();
    record.phone = properties.value(u"phone").toString().trimmed();
    if (record.phone.isEmpty())
        record.phone = properties.value(u"mobilephone").toString().trimmed();
    record.modifiedAt = millisOf(properties.value(u"lastmodifieddate"));
    if (record.modifiedAt == 0)
        record.modifiedAt = millisOf(result.value(u"updatedAt"));
    record.isDeleted = result.value(u"archived").toBool();
    // "512;513": records merged into this one.
    for (const QString &merged : properties.value(u"hs_merged_object_ids").toString().split(u';', Qt::SkipEmptyParts)) {
        if (merged.trimmed() != record.recordId)
            record.mergedRecordIds.append(merged.trimmed());
    }
    return record;
}

Crm::ContactPage HubSpotContacts::pageOf(const QJsonObject &answer) const
{
    Crm::ContactPage page;
    for (const QJsonValue &result : answer.value(u"results").toArray())
        page.records.append(recordOf(result.toObject()));
    page.nextCursor = answer.value(u"paging").toObject().value(u"next").toObject().value(u"after").toString();
    return page;
}

void HubSpotContacts::call(const QByteArray &method, const QString &pathAndQuery, const QJsonObject &body, Answer done)
{
    auto request = [this, method, pathAndQuery, body](const OAuth::AccessToken &token) -> Result<Net::HttpRequest> {
        Net::HttpRequest request;
        request.key = {m_tenant.tenantId().value(), platform(), {}};
        request.method = method;
        request.url = m_bases.api.resolved(QUrl(pathAndQuery));
        request.setHeader("Authorization", "Bearer " + token.token.reveal());
        if (method == "POST") {
            request.setJson(body);
            // A search reads: sending it again is harmless. A create is sent once.
            request.idempotent = pathAndQuery.endsWith(u"/search");
        }
        return request;
    };
    OAuth::sendAuthorized(m_http, m_tokens, m_tenant, {platform(), StaffId()}, this, request,
                          [done](Result<Net::HttpResponse> answer) {
                              if (!answer)
                                  return done(answer.error());
                              done(answer->json());
                          });
}

void HubSpotContacts::estimateTotal(std::function<void(Result<int>)> done)
{
    call("POST", QStringLiteral("/crm/v3/objects/contacts/search"),
         QJsonObject{{QStringLiteral("limit"), 1}, {QStringLiteral("properties"), QJsonArray{QStringLiteral("email")}}},
         [done](Result<QJsonObject> answer) {
             if (!answer)
                 return done(answer.error());
             done(answer->value(u"total").toInt());
         });
}

void HubSpotContacts::listPage(const QString &cursor, PageDone done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(kListLimit));
    query.addQueryItem(QStringLiteral("properties"), kProperties);
    query.addQueryItem(QStringLiteral("archived"), QStringLiteral("false"));
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("after"), cursor);
    call("GET", QStringLiteral("/crm/v3/objects/contacts?") + query.toString(QUrl::FullyEncoded), {},
         [this, done](Result<QJsonObject> answer) {
             if (!answer)
                 return done(answer.error());
             done(pageOf(*answer));
         });
}

void HubSpotContacts::changedPage(qint64 since, const QString &cursor, PageDone done)
{
    // After the changes, the archived (deleted) records: a search never returns them.
    if (cursor.startsWith(kArchivedCursor))
        return archivedPage(cursor.mid(kArchivedCursor.size()), std::move(done));
    const SearchCursor at = SearchCursor::parse(since, cursor);
    const QJsonObject body{
        {QStringLiteral("filterGroups"),
         QJsonArray{QJsonObject{{QStringLiteral("filters"),
                                 QJsonArray{QJsonObject{{QStringLiteral("propertyName"), QStringLiteral("lastmodifieddate")},
                                                        {QStringLiteral("operator"), QStringLiteral("GTE")},
                                                        {QStringLiteral("value"), QString::number(at.since)}}}}}}},
        {QStringLiteral("sorts"),
         QJsonArray{QJsonObject{{QStringLiteral("propertyName"), QStringLiteral("lastmodifieddate")},
                                {QStringLiteral("direction"), QStringLiteral("ASCENDING")}}}},
        {QStringLiteral("properties"), QJsonArray::fromStringList(kProperties.split(u','))},
        {QStringLiteral("limit"), kSearchLimit},
        {QStringLiteral("after"), QString::number(at.after)},
    };
    call("POST", QStringLiteral("/crm/v3/objects/contacts/search"), body, [this, done, at](Result<QJsonObject> answer) {
        if (!answer)
            return done(answer.error());
        Crm::ContactPage page = pageOf(*answer);
        if (page.nextCursor.isEmpty()) {
            page.nextCursor = kArchivedCursor; // the changes are read: now what was deleted
            return done(page);
        }
        SearchCursor next{at.since, page.nextCursor.toInt()};
        // Past HubSpot's cap the search fails: start it again from the last change seen (the
        // records at that instant come again, which changes nothing).
        if (next.after + kSearchLimit > kSearchCap && !page.records.isEmpty())
            next = {page.records.constLast().modifiedAt, 0};
        page.nextCursor = next.toString();
        done(page);
    });
}

void HubSpotContacts::archivedPage(const QString &after, PageDone done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(kListLimit));
    query.addQueryItem(QStringLiteral("properties"), kProperties);
    query.addQueryItem(QStringLiteral("archived"), QStringLiteral("true"));
    if (!after.isEmpty())
        query.addQueryItem(QStringLiteral("after"), after);
    call("GET", QStringLiteral("/crm/v3/objects/contacts?") + query.toString(QUrl::FullyEncoded), {},
         [this, done](Result<QJsonObject> answer) {
             if (!answer)
                 return done(answer.error());
             Crm::ContactPage page = pageOf(*answer);
             for (Store::CrmRecord &record : page.records)
                 record.isDeleted = true; // listed as archived: gone from the CRM
             if (!page.nextCursor.isEmpty())
                 page.nextCursor = kArchivedCursor + page.nextCursor;
             done(page);
         });
}

void HubSpotContacts::createContact(const NewContact &person, std::function<void(Result<QString>)> done)
{
    const QString first = person.name.section(u' ', 0, 0);
    const QString last = person.name.section(u' ', 1);
    QJsonObject properties{{QStringLiteral("firstname"), first}};
    if (!last.isEmpty())
        properties.insert(QStringLiteral("lastname"), last);
    if (!person.email.isEmpty())
        properties.insert(QStringLiteral("email"), person.email);
    if (!person.phoneE164.isEmpty())
        properties.insert(QStringLiteral("phone"), person.phoneE164);
    call("POST", QStringLiteral("/crm/v3/objects/contacts"), QJsonObject{{QStringLiteral("properties"), properties}},
         [done](Result<QJsonObject> answer) {
             if (answer)
                 return done(answer->value(u"id").toString());
             // 409 CONFLICT: "Contact already exists. Existing ID: 512" — that record is the person.
             static const QRegularExpression existing(QStringLiteral("Existing ID: (\\d+)"));
             if (const auto match = existing.match(answer.error().message); match.hasMatch())
                 return done(match.captured(1));
             done(answer.error());
         });
}

} // namespace Sb::Providers::HubSpot
