#pragma once

#include <core/crypto/secret.h>
#include <core/net/httptypes.h>

#include <functional>
#include <optional>

namespace Sb::Net {
class HttpClient;
}

namespace Sb::Providers::Twilio {

// Credentials of the account a request is made as: the agency's master account (parent
// credentials reach its subaccounts) or a tenant's subaccount.
struct Credentials
{
    QString accountSid;
    Secret authToken;
};

struct Subaccount
{
    QString sid;
    QString friendlyName;
    QString status; // active, suspended, closed
    Secret authToken;
};

struct IncomingNumber
{
    QString sid; // PN…
    QString accountSid;
    QString e164;
    QString smsUrl;
    QString voiceUrl;
    QString statusCallback;
    bool canVoice = false;
    bool canSms = false;
    bool canMms = false;
};

struct NumberCallbacks
{
    QString smsUrl;
    QString voiceUrl;
    QString statusCallback; // call status for calls to this number

    // Where a number's webhooks point when the ingest server is reached at publicUrl.
    static NumberCallbacks ours(QString publicUrl);
};

struct OutboundMessage
{
    QString from; // the tenant's number; "whatsapp:+…" for WhatsApp
    QString to;
    QString body;
    QString statusCallback;
};

struct CallSummary
{
    QString sid; // CA…
    QString from;
    QString to;
    QString status;
    QString direction; // inbound, outbound-api, outbound-dial
    QString startTime; // RFC 2822, as Twilio gives it
    int durationSeconds = 0;
};

struct SentMessage
{
    QString sid;
    QString status; // queued, usually
    QString from;
    QString to;
};

// Twilio's REST API (2010-04-01) over the HTTP core: every call spends the quota of
// (tenant, "twilio", the account it is made as), so one tenant's burst leaves others alone.
// Asynchronous: done runs on the HttpClient's thread.
class TwilioClient final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Twilio::TwilioClient)

public:
    template<typename T>
    using Done = std::function<void(Result<T, Net::ProviderError>)>;

    // context: whose callbacks these are (a view, a model): once it is destroyed, replies are
    // dropped, never delivered to it. Null: the HttpClient's own lifetime.
    TwilioClient(Net::HttpClient &http,
                 qint64 tenantId,
                 Credentials credentials,
                 QUrl apiBase = QUrl(QStringLiteral("https://api.twilio.com")),
                 const QObject *context = nullptr);

    // The master account's subaccount with this friendly name, if there is one (adopting it
    // makes onboarding safe to run again).
    void findSubaccount(const QString &friendlyName, Done<std::optional<Subaccount>> done) const;
    void createSubaccount(const QString &friendlyName, Done<Subaccount> done) const;
    void fetchSubaccount(const QString &sid, Done<Subaccount> done) const;
    // Every page, following next_page_uri as Twilio gives it.
    void listIncomingNumbers(const QString &accountSid, Done<QList<IncomingNumber>> done) const;
    void setNumberCallbacks(const QString &accountSid,
                            const QString &numberSid,
                            const NumberCallbacks &callbacks,
                            Done<IncomingNumber> done) const;
    void sendMessage(const QString &accountSid,
                     const OutboundMessage &message,
                     Done<SentMessage> done) const;
    // Gives the number back to Twilio: it stops working at once and cannot be undone.
    void releaseNumber(const QString &accountSid, const QString &numberSid, Done<Ok> done) const;
    // Every page of the account's calls, newest first as Twilio lists them.
    void listCalls(const QString &accountSid, Done<QList<CallSummary>> done) const;
    // A message's picture or file (MMS, WhatsApp), as the account (media auth).
    void fetchMedia(const QString &accountSid,
                    const QString &messageSid,
                    const QString &mediaSid,
                    Done<QByteArray> done) const;
    // The recording's audio ("wav" or "mp3"). Made as the account, so media auth is satisfied.
    void fetchRecording(const QString &accountSid,
                        const QString &recordingSid,
                        const QString &format,
                        Done<QByteArray> done) const;

    // What a Twilio error code means for the person who caused it (21610, 63016, 21211, 21608,
    // …), as refusals and status callbacks carry it; empty if not known.
    static QString explain(const QString &code);
    // The error as shown to people: provider, HTTP status, code, Twilio's message, meaning.
    static Error toError(const Net::ProviderError &error);

private:
    Net::HttpRequest request(const QByteArray &method, const QString &pathOrUri) const;
    // A file of the account's (a recording, a text's medium), as it: media auth is satisfied.
    void fetchFile(const QString &path,
                   std::chrono::milliseconds timeout,
                   qint64 maxBytes,
                   Done<QByteArray> done) const;
    // Follows next_page_uri verbatim (hand-made tokens fail) until the last page.
    template<typename T>
    void collectPages(const QString &uri,
                      const QString &listKey,
                      T (*convert)(const QJsonObject &),
                      std::shared_ptr<QList<T>> collected,
                      Done<QList<T>> done) const;

    Net::HttpClient &m_http;
    const QObject *m_context;
    qint64 m_tenantId;
    Credentials m_credentials;
    QUrl m_apiBase;
};

} // namespace Sb::Providers::Twilio
