#include "zohodatacentres.h"

namespace Sb::Providers::Zoho {

namespace {
// The same server: scheme, host and port; nothing but a bare path; no user name.
bool isServer(const QUrl &url, const QUrl &known)
{
    return url.isValid() && url.userInfo().isEmpty() && url.query().isEmpty() && url.fragment().isEmpty()
        && (url.path().isEmpty() || url.path() == u"/") && url.scheme() == known.scheme()
        && url.host().compare(known.host(), Qt::CaseInsensitive) == 0
        && url.port(url.scheme() == u"https" ? 443 : 80) == known.port(known.scheme() == u"https" ? 443 : 80);
}

ZohoDataCentre publishedCentre(const QString &code, const QString &accounts, const QString &suffix, const QString &crm)
{
    return {code,
            QUrl(QStringLiteral("https://") + accounts),
            QUrl(QStringLiteral("https://www.zohoapis.") + suffix),
            QUrl(QStringLiteral("https://") + crm)};
}
} // namespace

ZohoDataCentres ZohoDataCentres::published()
{
    ZohoDataCentres centres;
    centres.m_centres = {
        publishedCentre(QStringLiteral("com"), QStringLiteral("accounts.zoho.com"), QStringLiteral("com"), QStringLiteral("crm.zoho.com")),
        publishedCentre(QStringLiteral("eu"), QStringLiteral("accounts.zoho.eu"), QStringLiteral("eu"), QStringLiteral("crm.zoho.eu")),
        publishedCentre(QStringLiteral("in"), QStringLiteral("accounts.zoho.in"), QStringLiteral("in"), QStringLiteral("crm.zoho.in")),
        publishedCentre(QStringLiteral("com.au"), QStringLiteral("accounts.zoho.com.au"), QStringLiteral("com.au"), QStringLiteral("crm.zoho.com.au")),
        publishedCentre(QStringLiteral("jp"), QStringLiteral("accounts.zoho.jp"), QStringLiteral("jp"), QStringLiteral("crm.zoho.jp")),
        publishedCentre(QStringLiteral("ca"), QStringLiteral("accounts.zohocloud.ca"), QStringLiteral("ca"), QStringLiteral("crm.zohocloud.ca")),
        publishedCentre(QStringLiteral("sa"), QStringLiteral("accounts.zoho.sa"), QStringLiteral("sa"), QStringLiteral("crm.zoho.sa")),
        publishedCentre(QStringLiteral("com.cn"), QStringLiteral("accounts.zoho.com.cn"), QStringLiteral("com.cn"), QStringLiteral("crm.zoho.com.cn")),
    };
    return centres;
}

Result<ZohoDataCentres> ZohoDataCentres::parse(const QString &text)
{
    ZohoDataCentres centres;
    for (const QString &entry : text.split(u',', Qt::SkipEmptyParts)) {
        const QString code = entry.section(u'=', 0, 0).trimmed().toLower();
        const QUrl base(entry.section(u'=', 1).trimmed());
        if (code.isEmpty() || !base.isValid() || base.host().isEmpty())
            return Error{ErrorCode::InvalidArgument,
                         tr("\"%1\" is not a data centre and its address (eu=https://host:port).").arg(entry)};
        centres.m_centres.append({code, base, base, base});
    }
    if (centres.m_centres.isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("No Zoho data centre was named.")};
    return centres;
}

QStringList ZohoDataCentres::codes() const
{
    QStringList codes;
    for (const ZohoDataCentre &centre : m_centres)
        codes.append(centre.code);
    return codes;
}

const ZohoDataCentre *ZohoDataCentres::byCode(const QString &code) const
{
    for (const ZohoDataCentre &centre : m_centres) {
        if (centre.code == code)
            return &centre;
    }
    return nullptr;
}

const ZohoDataCentre *ZohoDataCentres::byAccountsServer(const QUrl &url) const
{
    for (const ZohoDataCentre &centre : m_centres) {
        if (isServer(url, centre.accounts))
            return &centre;
    }
    return nullptr;
}

const ZohoDataCentre *ZohoDataCentres::byApiDomain(const QUrl &url) const
{
    for (const ZohoDataCentre &centre : m_centres) {
        if (isServer(url, centre.api))
            return &centre;
    }
    return nullptr;
}

} // namespace Sb::Providers::Zoho
