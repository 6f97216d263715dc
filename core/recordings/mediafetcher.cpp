#include "mediafetcher.h"

#include <core/common/continuation.h>
#include <core/demo/demorecordings.h>
#include <core/net/httpclient.h>
#include <core/oauth/accesstokens.h>
#include <core/oauth/authorizedrequest.h>
#include <core/providers/ringcentral/ringcentralauth.h>
#include <core/providers/twilio/twilioaccounts.h>
#include <core/providers/twilio/twilioclient.h>
#include <core/store/database.h>
#include <core/vault/sealer.h>

#include <QHostAddress>
#include <QRegularExpression>
#include <QThreadPool>
#include <QtConcurrent>

namespace Sb::Recordings {

namespace {
// An hour of dual-channel 8 kHz WAV is about 115 MB: more than this is not a call's recording.
constexpr qint64 kMaxRecordingBytes = 512LL * 1024 * 1024;

// https://api.twilio.com/2010-04-01/Accounts/AC…/Recordings/RE…[.wav|.mp3|.json]
const QRegularExpression &twilioRecordingPath()
{
    static const QRegularExpression path(
        QStringLiteral("^/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Recordings/"
                       "(RE[0-9a-fA-F]{32})(\\.[a-z0-9]+)?$"));
    return path;
}

// https://api.twilio.com/2010-04-01/Accounts/AC…/Messages/MM…/Media/ME… (a text's picture or file)
const QRegularExpression &twilioMediaPath()
{
    static const QRegularExpression path(
        QStringLiteral("^/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Messages/"
                       "((?:MM|SM)[0-9a-fA-F]{32})/Media/(ME[0-9a-fA-F]{32})$"));
    return path;
}

bool isLoopback(const QUrl &url)
{
    const QHostAddress address(url.host());
    return url.host() == u"localhost" || (!address.isNull() && address.isLoopback());
}

// A text's medium is fetched under a key ending in "#.EXT"; a call's recording has none.
bool isMedium(const QString &key)
{
    return QUrl(key).fragment().startsWith(u'.');
}

QString notThereYet(const QString &key)
{
    if (isMedium(key))
        return MediaFetcher::tr("The file is not at the provider (any more).");
    return MediaFetcher::tr(
        "The recording is not available yet: it appears here once the provider has it ready.");
}

Error fetchError(const QString &key, const Net::ProviderError &error)
{
    if (error.httpStatus == 404)
        return Error{ErrorCode::NotFound, notThereYet(key)};
    if (isMedium(key))
        return Error{error.code, error.message};
    return Error{error.code,
                 MediaFetcher::tr("The recording could not be fetched: %1").arg(error.message)};
}
} // namespace

MediaFetcher::MediaFetcher(std::shared_ptr<Store::Database> database,
                                   Net::HttpClient &http,
                                   RecordingCache cache,
                                   QUrl twilioApiBase,
                                   QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_http(http)
    , m_cache(std::move(cache))
    , m_twilioApiBase(std::move(twilioApiBase))
{}

void MediaFetcher::setSealer(std::shared_ptr<const Vault::Sealer> sealer)
{
    m_sealer = std::move(sealer);
}

void MediaFetcher::setLineAccess(OAuth::AccessTokens *tokens, QList<QUrl> ringCentralHosts)
{
    m_lineTokens = tokens;
    m_ringCentralHosts = std::move(ringCentralHosts);
}

void MediaFetcher::fetch(const Store::TenantScope &tenant,
                             const QString &recordingUrl,
                             QObject *context,
                             Done done,
                             StaffId lineOwner)
{
    Done deliver = whileAlive(context, std::move(done));
    auto answer = [this, deliver](Result<QString> result) {
        // Always later, never from inside fetch(): callers may not expect re-entry.
        QMetaObject::invokeMethod(
            this, [deliver, result] { deliver(result); }, Qt::QueuedConnection);
    };
    if (recordingUrl.isEmpty()) {
        answer(Error{ErrorCode::NotFound, tr("This call has no recording.")});
        return;
    }
    const QUrl url(recordingUrl);
    if (url.scheme() == u"demo") {
        // A file of the demo folder, looked for on a worker (disk, not the GUI thread).
        onFinished(this,
                   QtConcurrent::run([url] { return Demo::DemoRecordings::pathOf(url); }),
                   [deliver, url](std::optional<QString> path) {
                       if (path)
                           deliver(*path);
                       else
                           deliver(Error{ErrorCode::NotFound,
                                         tr("The demo recording %1 is not on this computer: seed "
                                            "the demo again.")
                                             .arg(url.path())});
                   });
        return;
    }
    // The cache is on disk: looked at on a worker, the answer back here.
    const TenantId tenantId = tenant.tenantId();
    onFinished(this,
               QtConcurrent::run([cache = m_cache, tenantId, recordingUrl] {
                   return cache.find(tenantId, recordingUrl);
               }),
               [this, tenant, recordingUrl, lineOwner, deliver](std::optional<QString> cached) {
                   if (cached)
                       deliver(*cached);
                   else
                       download(tenant, recordingUrl, lineOwner, deliver);
               });
}

void MediaFetcher::forget(TenantId tenant, const QString &recordingUrl)
{
    if (recordingUrl.isEmpty())
        return;
    // A failure leaves the file to the retention purge, which removes it later anyway.
    QThreadPool::globalInstance()->start(
        [cache = m_cache, tenant, recordingUrl] { (void)cache.remove(tenant, recordingUrl); });
}

bool MediaFetcher::isRingCentral(const QUrl &url) const
{
    return std::any_of(m_ringCentralHosts.cbegin(), m_ringCentralHosts.cend(), [&](const QUrl &host) {
        return url.scheme() == host.scheme() && url.host() == host.host() && url.port() == host.port();
    });
}

// A RingCentral recording is the line owner's: their token, their rate-limit lane, and only
// to RingCentral's own hosts (the address came from RingCentral's call log).
void MediaFetcher::fetchAsLineOwner(const Store::TenantScope &tenant,
                                    const QString &recordingUrl,
                                    StaffId lineOwner,
                                    Done done)
{
    if (!m_lineTokens || !lineOwner.isValid()) {
        done(Error{ErrorCode::Unsupported,
                   tr("This recording is on a staff member's own RingCentral line: it plays once the vault is open, "
                      "for the staff member whose line it is.")});
        return;
    }
    const QUrl url(recordingUrl);
    auto request = [tenant, lineOwner, url](const OAuth::AccessToken &token) -> Result<Net::HttpRequest> {
        Net::HttpRequest get;
        get.key = {tenant.tenantId().value(), QStringLiteral("ringcentral"), QString::number(lineOwner.value())};
        get.url = url;
        get.timeout = std::chrono::minutes(5);
        get.maxResponseBytes = kMaxRecordingBytes;
        get.setHeader("Authorization", "Bearer " + token.token.reveal());
        return get;
    };
    OAuth::sendAuthorized(m_http, *m_lineTokens, tenant, Providers::RingCentral::grantOf(lineOwner), this, request,
                          [this, tenant, recordingUrl, done](Result<Net::HttpResponse> answer) {
                              if (!answer)
                                  return done(answer.error());
                              keep(tenant, recordingUrl, answer->body, done);
                          });
}

void MediaFetcher::download(const Store::TenantScope &tenant,
                                const QString &recordingUrl,
                                StaffId lineOwner,
                                Done done)
{
    // The key may end in "#.EXT" (a text's media: the file's type); the address is before it.
    const QUrl url = QUrl(recordingUrl).adjusted(QUrl::RemoveFragment);
    if (isRingCentral(url))
        return fetchAsLineOwner(tenant, recordingUrl, lineOwner, done);
    const bool isTwilio =
        url.host() == m_twilioApiBase.host() && url.port() == m_twilioApiBase.port();
    if (const auto twilio = twilioRecordingPath().match(url.path()); isTwilio && twilio.hasMatch()) {
        fetchFromTwilio(tenant,
                        recordingUrl,
                        twilio.captured(1),
                        [accountSid = twilio.captured(1),
                         recordingSid = twilio.captured(2)](const auto &client, auto got) {
                            client.fetchRecording(accountSid,
                                                  recordingSid,
                                                  QStringLiteral("wav"),
                                                  std::move(got));
                        },
                        done);
        return;
    }
    if (const auto media = twilioMediaPath().match(url.path()); isTwilio && media.hasMatch()) {
        fetchFromTwilio(tenant,
                        recordingUrl,
                        media.captured(1),
                        [accountSid = media.captured(1),
                         messageSid = media.captured(2),
                         mediaSid = media.captured(3)](const auto &client, auto got) {
                            client.fetchMedia(accountSid,
                                              messageSid,
                                              mediaSid,
                                              std::move(got));
                        },
                        done);
        return;
    }
    // Another provider's media (VAPI's storage): HTTPS, as given, with no credentials of ours.
    if (url.scheme() != u"https" && !(url.scheme() == u"http" && isLoopback(url))) {
        done(Error{ErrorCode::Unsupported,
                   tr("The recording's address is not one Switchboard fetches: %1")
                       .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery))});
        return;
    }
    Net::HttpRequest get;
    get.key = {tenant.tenantId().value(), url.host(), {}};
    get.url = url; // without the key's "#.EXT"
    get.timeout = std::chrono::minutes(5);
    get.maxResponseBytes = kMaxRecordingBytes;
    m_http.send(get, this, [this, tenant, recordingUrl, done](Net::HttpResult result) {
        if (!result)
            done(fetchError(recordingUrl, result.error()));
        else
            keep(tenant, recordingUrl, result->body, done);
    });
}

void MediaFetcher::fetchFromTwilio(const Store::TenantScope &tenant,
                                       const QString &recordingUrl,
                                       const QString &accountSid,
                                       TwilioFetch fetch,
                                       Done done)
{
    if (!m_sealer) {
        done(Error{ErrorCode::KeychainUnavailable,
                   tr("Twilio's recordings and files need the clinic's Twilio credentials, "
                      "which wait for the vault: it is not open on this computer.")});
        return;
    }
    // The account must be one this tenant has connected: the URL came from a webhook.
    onFinished(
        this,
        m_database->run([database = m_database, sealer = m_sealer, tenant, accountSid] {
            return Providers::Twilio::TwilioAccounts(*database, *sealer)
                .account(tenant, accountSid);
        }),
        [this, tenant, recordingUrl, fetch, done](
            Result<Providers::Twilio::TenantAccount> account) {
            if (!account) {
                done(account.error());
                return;
            }
            const Providers::Twilio::TwilioClient client(
                m_http, tenant.tenantId().value(), account->credentials, m_twilioApiBase, this);
            fetch(client,
                  [this, tenant, recordingUrl, done](Result<QByteArray, Net::ProviderError> bytes) {
                      if (!bytes)
                          done(fetchError(recordingUrl, bytes.error()));
                      else
                          keep(tenant, recordingUrl, *bytes, done);
                  });
        });
}

void MediaFetcher::keep(const Store::TenantScope &tenant,
                            const QString &recordingUrl,
                            const QByteArray &audio,
                            Done done)
{
    if (audio.isEmpty()) {
        done(Error{ErrorCode::NotFound, notThereYet(recordingUrl)});
        return;
    }
    onFinished(
        this,
        QtConcurrent::run([cache = m_cache, tenantId = tenant.tenantId(), recordingUrl, audio] {
            return cache.put(tenantId, recordingUrl, audio);
        }),
        [done](Result<QString> kept) { done(kept); });
}

} // namespace Sb::Recordings
