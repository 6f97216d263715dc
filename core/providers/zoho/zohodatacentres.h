#pragma once

#include <core/common/result.h>

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Sb::Providers::Zoho {

// One of Zoho's data centres: an account lives in one, and its sign-in, tokens and records
// are served there only (../shared/providers.md §5.1).
struct ZohoDataCentre
{
    QString code; // "com", "eu", "in", "com.au", "jp", "ca", "sa", "com.cn"
    QUrl accounts; // the accounts server: sign-in and tokens
    QUrl api; // the api_domain of its tokens
    QUrl crm; // the CRM's web app, for record links
};

// The data centres Switchboard talks to, and the test of every address Zoho names: a sign-in
// that comes back naming an accounts server, and a token that names an api_domain, are
// believed only when the address is one of these (else the client secret or the tokens would
// go wherever a forged redirect or answer pointed).
class ZohoDataCentres final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Zoho::ZohoDataCentres)

public:
    // Zoho's own, as published.
    static ZohoDataCentres published();
    // Fakes (tests, by hand): "com=http://127.0.0.1:4001,eu=http://127.0.0.1:4002", each
    // data centre's accounts server, API and web app at one base.
    static Result<ZohoDataCentres> parse(const QString &text);

    QStringList codes() const;
    const ZohoDataCentre *byCode(const QString &code) const;
    const ZohoDataCentre *byAccountsServer(const QUrl &url) const;
    const ZohoDataCentre *byApiDomain(const QUrl &url) const;

private:
    QList<ZohoDataCentre> m_centres;
};

} // namespace Sb::Providers::Zoho
