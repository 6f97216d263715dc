#pragma once

#include "recordingcache.h"

#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace Sb::Net {
class HttpClient;
struct ProviderError;
}
namespace Sb::OAuth {
class AccessTokens;
}
namespace Sb::Providers::Twilio {
class TwilioClient;
}
namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Recordings {

// Gets a call's recording (or a text's picture or file: its key ends in "#.EXT", the file's
// type) to a file this computer can play or open, without the GUI waiting: from the
// cache when fetched before; from Twilio as the tenant's own subaccount (media auth, pitfall 12),
// its token opened from the vault on a store thread; from another provider's HTTPS address
// (VAPI's storage) as given; a demo call's from the demo recordings folder. The tenant's
// credentials go only to the Twilio API's own host, never to an address a webhook named.
class MediaFetcher final : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Result<QString>)>; // the file's path, or why not

    MediaFetcher(std::shared_ptr<Store::Database> database,
                     Net::HttpClient &http,
                     RecordingCache cache,
                     QUrl twilioApiBase = QUrl(QStringLiteral("https://api.twilio.com")),
                     QObject *parent = nullptr);

    // The vault, once open (provider credentials wait for it).
    void setSealer(std::shared_ptr<const Vault::Sealer> sealer);
    // Recordings of a staff member's own line (RingCentral's) are fetched with that member's
    // token, and only from these hosts (the platform's, and RingCentral's media host).
    void setLineAccess(OAuth::AccessTokens *tokens, QList<QUrl> ringCentralHosts);

    // done runs on this object's thread, only while context lives. lineOwner: the staff member
    // whose own line the call was on (CallRecord::ownerStaff), for a recording only their
    // token fetches.
    void fetch(const Store::TenantScope &tenant,
               const QString &recordingUrl,
               QObject *context,
               Done done,
               StaffId lineOwner = {});

    // The call is gone: its cached file goes too (on a worker; nothing to wait for).
    void forget(TenantId tenant, const QString &recordingUrl);

    const RecordingCache &cache() const { return m_cache; }

private:
    void download(const Store::TenantScope &tenant, const QString &recordingUrl, StaffId lineOwner, Done done);
    bool isRingCentral(const QUrl &url) const;
    void fetchAsLineOwner(const Store::TenantScope &tenant, const QString &recordingUrl, StaffId lineOwner, Done done);
    // What to ask Twilio, as the tenant's account that the URL names.
    using TwilioFetch = std::function<void(
        const Providers::Twilio::TwilioClient &client,
        std::function<void(Result<QByteArray, Net::ProviderError>)> got)>;
    void fetchFromTwilio(const Store::TenantScope &tenant,
                         const QString &recordingUrl,
                         const QString &accountSid,
                         TwilioFetch fetch,
                         Done done);
    void keep(const Store::TenantScope &tenant,
              const QString &recordingUrl,
              const QByteArray &audio,
              Done done);

    std::shared_ptr<Store::Database> m_database;
    Net::HttpClient &m_http;
    RecordingCache m_cache;
    QUrl m_twilioApiBase;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    OAuth::AccessTokens *m_lineTokens = nullptr;
    QList<QUrl> m_ringCentralHosts;
};

} // namespace Sb::Recordings
