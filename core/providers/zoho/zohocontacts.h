#pragma once

#include "zohodatacentres.h"

#include <core/crm/contactsource.h>
#include <core/store/tenantscope.h>

#include <QCoreApplication>
#include <QJsonObject>
#include <QObject>

#include <optional>

namespace Sb::Net {
class HttpClient;
struct HttpResponse;
}
namespace Sb::OAuth {
class AccessTokens;
}

namespace Sb::Providers::Zoho {

// A tenant's Zoho CRM contacts (records API v3, ../shared/providers.md §5.3), as the clinic's
// grant allows, at the api_domain of its latest token (checked to be Zoho's before a token is
// sent there), with `Authorization: Zoho-oauthtoken`. Listed 200 a time by `page` for the
// first 2,000 records and by `page_token` past them; changes found with If-Modified-Since,
// oldest first, then the records deleted since (/Contacts/deleted). An empty list is a 204, nothing changed a 304: both are an empty last page.
// A 401 gets a newer token, once. Emails are case-folded; numbers come as Zoho has them
// (ContactSync normalises them in numbersRegion()).
class ZohoContacts final : public QObject, public Crm::ContactSource
{
    Q_OBJECT

public:
    ZohoContacts(Net::HttpClient &http,
                 OAuth::AccessTokens &tokens,
                 Store::TenantScope tenant,
                 ZohoDataCentres centres,
                 QString region,
                 QObject *parent = nullptr);

    QString platform() const override { return QStringLiteral("zoho"); }
    QString numbersRegion() const override { return m_region; }
    void estimateTotal(std::function<void(Result<int>)> done) override;
    void listPage(const QString &cursor, PageDone done) override;
    void changedPage(qint64 since, const QString &cursor, PageDone done) override;
    void createContact(const NewContact &person, std::function<void(Result<QString>)> done) override;

    // A record as Zoho sends it (for tests too).
    static Store::CrmRecord recordOf(const QJsonObject &record);

private:
    using Answer = std::function<void(Result<Net::HttpResponse>)>;
    struct Call
    {
        QByteArray method;
        QString pathAndQuery;
        QJsonObject body;
        qint64 ifModifiedSince = 0; // epoch ms; 0: none
        bool readsClientErrors = false; // a 4xx comes back as a response
    };
    // With the grant's token at its api_domain; a 401 asks for a newer token and tries once more.
    void call(const Call &call, Answer done);
    void page(const QString &cursor, qint64 since, PageDone done);
    // The records deleted since `since`, a numbered page at a time: how a pass of changes
    // learns of deletions.
    void deletedPage(qint64 since, int pageNumber, PageDone done);
    Result<Crm::ContactPage> pageOf(const Net::HttpResponse &answer, int pageNumber) const;

    Net::HttpClient &m_http;
    OAuth::AccessTokens &m_tokens;
    Store::TenantScope m_tenant;
    ZohoDataCentres m_centres;
    QString m_region;
};

} // namespace Sb::Providers::Zoho
