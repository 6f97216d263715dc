#include "zohocontacts.h"

#include <core/net/httpclient.h>
#include <core/net/providererrors.h>
#include <core/oauth/accesstokens.h>
#include <core/oauth/authorizedrequest.h>

#include <QDateTime>
#include <QJsonArray>
#include <QUrlQuery>

namespace Sb::Providers::Zoho {

namespace {
const QString kFields = QStringLiteral("First_Name,Last_Name,Email,Phone,Mobile,Modified_Time");
constexpr int kPerPage = 200; // Zoho's most per page
constexpr int kPagedRecords = 2'000; // past these, `page` stops and `page_token` goes on
const QString kDeletedCursor = QStringLiteral("deleted:");

// The cursor: "page:3" while numbered pages reach, then "token:…".
struct PageCursor
{
    int page = 1;
    QString token;
    static PageCursor parse(const QString &cursor)
    {
        if (cursor.startsWith(u"token:"))
            return {0, cursor.mid(6)};
        if (cursor.startsWith(u"page:"))
            return {std::max(1, cursor.mid(5).toInt()), {}};
        return {};
    }
};

qint64 millisOf(const QJsonValue &value)
{
    const QDateTime at = QDateTime::fromString(value.toString(), Qt::ISODate); // "2025-01-02T08:00:00+05:30"
    return at.isValid() ? at.toMSecsSinceEpoch() : 0;
}
} // namespace

ZohoContacts::ZohoContacts(Net::HttpClient &http,
                           OAuth::AccessTokens &tokens,
                           Store::TenantScope tenant,
                           ZohoDataCentres centres,
                           QString region,
                           QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_tokens(tokens)
    , m_tenant(std::move(tenant))
    , m_centres(std::move(centres))
    , m_region(std::move(region))
{}

Store::CrmRecord ZohoContacts::recordOf(const QJsonObject &record)
{
    Store::CrmRecord contact;
    contact.recordId = record.value(u"id").toString();
    contact.name = (record.value(u"First_Name").toString() + u' ' + record.value(u"Last_Name").toString()).simplified();
    contact.email = record.value(u"Email").toString().trimmed().toCaseFolded();
    contact.phone = record.value(u"Phone").toString().trimmed();
    if (contact.phone.isEmpty())
        contact.phone = record.value(u"Mobile").toString().trimmed();
    contact.modifiedAt = millisOf(record.value(u"Modified_Time"));
    return contact;
}

void ZohoContacts::call(const Call &call, Answer done)
{
    auto request = [this, call](const OAuth::AccessToken &token) -> Result<Net::HttpRequest> {
        // Every request carries the token: only to an address that is Zoho's.
        const QUrl api(token.extras.value(QStringLiteral("api_domain")).toString());
        if (!m_centres.byApiDomain(api)) {
            return Error{ErrorCode::ProviderRefused,
                         tr("The Zoho CRM connection names an API address that is not Zoho's (\"%1\"): "
                            "connect again.")
                             .arg(api.toString())};
        }
        Net::HttpRequest http;
        http.key = {m_tenant.tenantId().value(), platform(), {}};
        http.method = call.method;
        http.url = api.resolved(QUrl(call.pathAndQuery));
        http.setHeader("Authorization", "Zoho-oauthtoken " + token.token.reveal());
        if (call.ifModifiedSince > 0) {
            http.setHeader("If-Modified-Since",
                           QDateTime::fromMSecsSinceEpoch(call.ifModifiedSince, Qt::UTC)
                               .toOffsetFromUtc(0)
                               .toString(Qt::ISODate)
                               .toLatin1());
        }
        if (call.method == "POST")
            http.setJson(call.body); // a create: sent once (POST is not retried)
        // A create's refusals (DUPLICATE_DATA names the record there) and a page token's are
        // read by the caller.
        http.deliversClientErrors = call.method == "POST" || call.readsClientErrors;
        return http;
    };
    OAuth::sendAuthorized(m_http, m_tokens, m_tenant, {platform(), StaffId()}, this, request, std::move(done));
}

void ZohoContacts::estimateTotal(std::function<void(Result<int>)> done)
{
    call({"GET", QStringLiteral("/crm/v3/Contacts/actions/count"), {}, 0}, [done](Result<Net::HttpResponse> answer) {
        if (!answer)
            return done(answer.error());
        done(answer->status == 204 ? 0 : answer->json().value(u"count").toVariant().toInt());
    });
}

Result<Crm::ContactPage> ZohoContacts::pageOf(const Net::HttpResponse &answer, int pageNumber) const
{
    Crm::ContactPage page;
    if (answer.status == 204 || answer.status == 304) // nothing there, nothing changed
        return page;
    const QJsonObject body = answer.json();
    if (!body.contains(u"data"))
        return Error{ErrorCode::ProviderRefused, tr("Zoho CRM answered a list without its records.")};
    for (const QJsonValue &record : body.value(u"data").toArray())
        page.records.append(recordOf(record.toObject()));
    const QJsonObject info = body.value(u"info").toObject();
    if (!info.value(u"more_records").toBool())
        return page;
    // Numbered pages reach the first 2,000 records; the token goes on from anywhere.
    if (pageNumber > 0 && (pageNumber + 1) * kPerPage <= kPagedRecords)
        page.nextCursor = QStringLiteral("page:") + QString::number(pageNumber + 1);
    else if (const QString token = info.value(u"next_page_token").toString(); !token.isEmpty())
        page.nextCursor = QStringLiteral("token:") + token;
    else
        return Error{ErrorCode::ProviderRefused, tr("Zoho CRM said more records follow but gave no way to them.")};
    return page;
}

void ZohoContacts::page(const QString &cursor, qint64 since, PageDone done)
{
    const PageCursor at = PageCursor::parse(cursor);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("fields"), kFields);
    query.addQueryItem(QStringLiteral("per_page"), QString::number(kPerPage));
    // A full pass in the order records were made; changes oldest first.
    query.addQueryItem(QStringLiteral("sort_by"), since > 0 ? QStringLiteral("Modified_Time") : QStringLiteral("id"));
    query.addQueryItem(QStringLiteral("sort_order"), QStringLiteral("asc"));
    if (at.token.isEmpty())
        query.addQueryItem(QStringLiteral("page"), QString::number(at.page));
    else
        query.addQueryItem(QStringLiteral("page_token"), at.token);
    call({"GET", QStringLiteral("/crm/v3/Contacts?") + query.toString(QUrl::FullyEncoded), {}, since, !at.token.isEmpty()},
         [this, done, pageNumber = at.token.isEmpty() ? at.page : 0](Result<Net::HttpResponse> answer) {
             if (!answer)
                 return done(answer.error());
             if (answer->status >= 400) {
                 // A page token lives about a day: one from a sync stopped longer ago is
                 // refused, and the pass starts again.
                 if (pageNumber == 0 && answer->status == 400) {
                     Crm::ContactPage restart;
                     restart.restartPass = true;
                     return done(restart);
                 }
                 const auto text = Net::readProviderError(platform(), *answer);
                 const ErrorCode kind = answer->status == 401 || answer->status == 403 ? ErrorCode::AuthenticationFailed
                                                                                       : ErrorCode::ProviderRefused;
                 return done(Error{kind, QStringLiteral("zoho: HTTP %1, code %2: %3").arg(answer->status).arg(text.code, text.message)});
             }
             done(pageOf(*answer, pageNumber));
         });
}

void ZohoContacts::listPage(const QString &cursor, PageDone done)
{
    page(cursor, 0, std::move(done));
}

void ZohoContacts::changedPage(qint64 since, const QString &cursor, PageDone done)
{
    since = std::max<qint64>(since, 1);
    // After the changes, the records deleted since: a list of changes never shows them.
    if (cursor.startsWith(kDeletedCursor))
        return deletedPage(since, cursor.mid(kDeletedCursor.size()).toInt(), std::move(done));
    page(cursor, since, [done](Result<Crm::ContactPage> changed) {
        if (changed && changed->nextCursor.isEmpty())
            changed->nextCursor = kDeletedCursor + u'1';
        done(std::move(changed));
    });
}

void ZohoContacts::deletedPage(qint64 since, int pageNumber, PageDone done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("type"), QStringLiteral("all")); // the recycle bin and beyond
    query.addQueryItem(QStringLiteral("per_page"), QString::number(kPerPage));
    query.addQueryItem(QStringLiteral("page"), QString::number(std::max(1, pageNumber)));
    call({"GET", QStringLiteral("/crm/v3/Contacts/deleted?") + query.toString(QUrl::FullyEncoded), {}, since},
         [done, pageNumber](Result<Net::HttpResponse> answer) {
             if (!answer)
                 return done(answer.error());
             Crm::ContactPage page;
             if (answer->status == 204 || answer->status == 304)
                 return done(page);
             const QJsonObject body = answer->json();
             for (const QJsonValue &entry : body.value(u"data").toArray()) {
                 Store::CrmRecord gone;
                 gone.recordId = entry.toObject().value(u"id").toString();
                 gone.modifiedAt = millisOf(entry.toObject().value(u"deleted_time"));
                 gone.isDeleted = true;
                 if (!gone.recordId.isEmpty())
                     page.records.append(gone);
             }
             if (body.value(u"info").toObject().value(u"more_records").toBool())
                 page.nextCursor = kDeletedCursor + QString::number(pageNumber + 1);
             done(page);
         });
}

void ZohoContacts::createContact(const NewContact &person, std::function<void(Result<QString>)> done)
{
    // Zoho requires a last name: a one-word name is that.
    const QString simplified = person.name.simplified();
    const int split = simplified.lastIndexOf(u' ');
    QJsonObject record{{QStringLiteral("Last_Name"), split < 0 ? simplified : simplified.mid(split + 1)}};
    if (split > 0)
        record.insert(QStringLiteral("First_Name"), simplified.left(split));
    if (record.value(u"Last_Name").toString().isEmpty())
        record.insert(QStringLiteral("Last_Name"), person.email.isEmpty() ? person.phoneE164 : person.email);
    if (!person.email.isEmpty())
        record.insert(QStringLiteral("Email"), person.email);
    if (!person.phoneE164.isEmpty())
        record.insert(QStringLiteral("Phone"), person.phoneE164);
    const QJsonObject body{{QStringLiteral("data"), QJsonArray{record}},
                           {QStringLiteral("trigger"), QJsonArray{QStringLiteral("workflow")}}};
    call({"POST", QStringLiteral("/crm/v3/Contacts"), body, 0}, [done](Result<Net::HttpResponse> answer) {
        if (!answer)
            return done(answer.error());
        // One record sent: its outcome is the first of "data", whatever the HTTP status.
        const QJsonObject outcome = answer->json().value(u"data").toArray().first().toObject();
        const QJsonObject details = outcome.value(u"details").toObject();
        if (outcome.value(u"status").toString() == u"success" && !details.value(u"id").toString().isEmpty())
            return done(details.value(u"id").toString());
        // A person Zoho already has: that record is the person.
        if (outcome.value(u"code").toString() == u"DUPLICATE_DATA") {
            QString existing = details.value(u"id").toString();
            if (existing.isEmpty())
                existing = details.value(u"duplicate_record").toObject().value(u"id").toString();
            if (!existing.isEmpty())
                return done(existing);
        }
        const QJsonObject refusal = outcome.isEmpty() ? answer->json() : outcome;
        const QString message = refusal.value(u"message").toString();
        done(Error{answer->status == 401 ? ErrorCode::AuthenticationFailed : ErrorCode::ProviderRefused,
                   tr("Zoho CRM did not create the contact: %1 (%2).")
                       .arg(message.isEmpty() ? tr("HTTP %1").arg(answer->status) : message,
                            refusal.value(u"code").toString())});
    });
}

} // namespace Sb::Providers::Zoho
