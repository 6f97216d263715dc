#pragma once

#include "hubspotauth.h"

#include <core/crm/contactsource.h>
#include <core/store/oauthgrantstore.h>
#include <core/store/tenantscope.h>

#include <QCoreApplication>
#include <QJsonObject>
#include <QObject>

namespace Sb::Net {
class HttpClient;
struct HttpResponse;
}
namespace Sb::OAuth {
class AccessTokens;
}

namespace Sb::Providers::HubSpot {

// A tenant's HubSpot contacts (CRM v3, ../shared/providers.md §4.2), as the clinic's grant
// allows: listed 100 at a time by the `after` cursor; changes found by searching
// lastmodifieddate, 200 at a time, the search started again from the last change seen before
// it reaches HubSpot's 10,000-result cap, then the archived records (a search never shows a
// deleted one), 100 at a time. Every request carries a token from AccessTokens;
// a 401 gets a newer one, once. HubSpot's rate-limit headers and 429s are the HTTP core's.
// Emails are case-folded; numbers come as HubSpot has them (ContactSync normalises them in
// numbersRegion()).
class HubSpotContacts final : public QObject, public Crm::ContactSource
{
    Q_OBJECT

public:
    HubSpotContacts(Net::HttpClient &http,
                    OAuth::AccessTokens &tokens,
                    Store::TenantScope tenant,
                    HubSpotBases bases = {},
                    QString region = QStringLiteral("US"),
                    QObject *parent = nullptr);

    QString platform() const override { return QStringLiteral("hubspot"); }
    QString numbersRegion() const override { return m_region; }
    void estimateTotal(std::function<void(Result<int>)> done) override;
    void listPage(const QString &cursor, PageDone done) override;
    void changedPage(qint64 since, const QString &cursor, PageDone done) override;
    void createContact(const NewContact &person, std::function<void(Result<QString>)> done) override;

    // A record as HubSpot sends it (for tests too).
    static Store::CrmRecord recordOf(const QJsonObject &result);

private:
    using Answer = std::function<void(Result<QJsonObject>)>;
    // With the grant's token; a 401 asks for a newer one and tries once more.
    void call(const QByteArray &method, const QString &pathAndQuery, const QJsonObject &body, Answer done);
    Crm::ContactPage pageOf(const QJsonObject &answer) const;
    // The archived records, a page after `after`: how a pass of changes learns of deletions.
    void archivedPage(const QString &after, PageDone done);

    Net::HttpClient &m_http;
    OAuth::AccessTokens &m_tokens;
    Store::TenantScope m_tenant;
    HubSpotBases m_bases;
    QString m_region;
};

} // namespace Sb::Providers::HubSpot
