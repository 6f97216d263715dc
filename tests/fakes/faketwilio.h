#pragma once

#include "loopbackendpoint.h"

#include <QHttpServer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QNetworkAccessManager>
#include <QSet>
#include <QString>
#include <QUrl>

#include <functional>

class QHttpServerRequest;
class QHttpServerResponder;
class QUrlQuery;

namespace Sb::Fakes {

// A loopback Twilio REST API (2010-04-01) as ../shared/providers.md §1 describes it: Basic auth
// refused with 401/20003 exactly as Twilio refuses it, parent credentials reaching their
// subaccounts and no further, subaccounts with fresh tokens, incoming numbers with real
// PageToken paging, number callback updates, outbound messages with Twilio's error bodies, and
// a 429/20429 on demand. Records what it was sent.
class FakeTwilio final
{
public:
    struct Account
    {
        QString sid;
        QString authToken;
        QString friendlyName;
        QString ownerSid; // empty for the master account
        QString status = QStringLiteral("active");
    };
    struct Number
    {
        QString sid;
        QString accountSid;
        QString phoneNumber;
        QString smsUrl;
        QString voiceUrl;
        QString statusCallback;
    };
    struct Seen
    {
        QString method;
        QString path;
        QString account; // whose credentials; empty if refused
    };

    explicit FakeTwilio(Transport transport = Transport::Http);
    quint16 port() const { return m_endpoint.port; }
    // http(s)://127.0.0.1:port (stands for https://api.twilio.com)
    QString baseUrl() const { return m_endpoint.baseUrl(); }
    QSslCertificate certificate() const { return m_endpoint.certificate; } // null over HTTP

    Account master() const { return m_accounts.value(m_masterSid); }
    Account account(const QString &sid) const { return m_accounts.value(sid); }
    QList<Account> subaccounts() const;
    // A subaccount of the master, as POST /Accounts.json makes it (with its numbers).
    Account createSubaccount(const QString &friendlyName);
    // A number owned by an account, as if bought earlier.
    Number addNumber(const QString &accountSid, const QString &e164);
    Number number(const QString &sid) const { return m_numbers.value(sid); }
    void removeNumber(const QString &sid); // released elsewhere
    QList<QJsonObject> messages() const { return m_messages; }
    // A call the account had (for the call list), and a recording of it (media needs auth).
    QString addCall(const QString &accountSid,
                    const QString &from,
                    const QString &to,
                    const QString &status,
                    int durationSeconds);
    QString addRecording(const QString &accountSid, const QString &callSid);
    QByteArray recordingAudio(const QString &sid) const { return m_recordings.value(sid).audio; }
    // A picture or file of a message (MMS), served only with the account's credentials; its
    // address as Twilio's webhook names it (MediaUrlN).
    QString addMedia(const QString &accountSid,
                     const QString &messageSid,
                     const QByteArray &contentType,
                     const QByteArray &bytes);
    int mediaFetches() const { return m_mediaFetches; } // served by the storage
    // Requests that reached the storage carrying an Authorization header (refused there).
    int credentialsAtStorage() const { return m_credentialsAtStorage; }
    void optOut(const QString &e164) { m_optedOut.insert(e164); }
    // Every subaccount created from now on owns this many numbers (as if bought at once).
    void giveNewSubaccountsNumbers(int count) { m_numbersPerSubaccount = count; }
    // The next `count` requests get 429 with Retry-After: seconds.
    void throttleNext(int count, int retryAfterSeconds);
    const QList<Seen> &seen() const { return m_seen; }

    // Status callbacks: each accepted message's StatusCallback URL gets the statuses Twilio
    // would send (sent, delivered; failed with 63016 for WhatsApp outside the window), form-
    // encoded and signed with the sending account's token over that URL exactly as configured,
    // but delivered to `localBase` (scheme, host and port replaced, as a TLS proxy would).
    void sendCallbacksTo(const QUrl &localBase) { m_callbackTarget = localBase; }
    // How long after the 201 the first callback leaves (default 20 ms).
    void setCallbackDelay(int milliseconds) { m_callbackDelayMs = milliseconds; }
    // The 201 is held back until every status callback was answered: the sender hears of the
    // message after the ingest server did (it happens on slow networks).
    void answerAfterCallbacks(bool enabled) { m_answerAfterCallbacks = enabled; }
    // WhatsApp recipients who wrote in during the last 24 hours: free-form messages reach them.
    void openWhatsAppWindow(const QString &e164) { m_whatsAppWindow.insert(e164); }
    struct Callback
    {
        QString messageSid;
        QString status;
        int httpStatus = 0; // what the receiver answered; 0: no answer
    };
    const QList<Callback> &callbacks() const { return m_callbacks; }

private:
    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    QString authenticate(const QHttpServerRequest &request) const;
    QJsonObject accountJson(const Account &account, bool withToken) const;
    QJsonObject numberJson(const Number &number) const;
    // One page of a list resource, with PageToken paging as Twilio does it.
    void replyPage(const QHttpServerRequest &request,
                   QHttpServerResponder &responder,
                   qsizetype total,
                   const QString &listKey,
                   const std::function<QJsonObject(qsizetype)> &itemAt);
    void replyRecording(QHttpServerResponder &responder,
                        const QString &accountSid,
                        const QString &recordingSid,
                        const QString &extension);
    QString newSid(const char *prefix);
    // Posts the message's status callbacks, then runs finished.
    void sendStatusCallbacks(const QJsonObject &message,
                             const QString &callbackUrl,
                             std::function<void()> finished);
    void postCallback(const QString &url,
                      QList<QUrlQuery> pending,
                      const QString &authToken,
                      std::function<void()> finished);

    QHttpServer m_server;
    LoopbackEndpoint m_endpoint;
    // Where Twilio keeps media: another origin that a media request is redirected to, with a
    // signed address; like a storage service it refuses a request that carries credentials.
    QHttpServer m_storage;
    LoopbackEndpoint m_storageEndpoint;
    QString m_masterSid;
    QMap<QString, Account> m_accounts;
    QMap<QString, Number> m_numbers; // by PN sid, in creation order of their sids
    QHash<QString, QStringList> m_numbersOf; // account SID → its PN sids, oldest first
    QList<QJsonObject> m_messages;
    QList<QJsonObject> m_calls;
    struct Recording
    {
        QString accountSid;
        QString callSid;
        QByteArray audio;
    };
    QMap<QString, Recording> m_recordings;
    struct Media
    {
        QString accountSid;
        QString messageSid;
        QByteArray contentType;
        QByteArray bytes;
    };
    QMap<QString, Media> m_media;
    int m_mediaFetches = 0;
    int m_credentialsAtStorage = 0;
    QSet<QString> m_optedOut;
    QMap<QString, int> m_pageTokens; // issued PageToken → index of the page's first item
    int m_numbersPerSubaccount = 0;
    int m_throttled = 0;
    int m_retryAfter = 1;
    quint64 m_nextSid = 1;
    int m_nextPhone = 5552000; // +1 617 555 2000…: valid North American numbers
    QList<Seen> m_seen;
    QUrl m_callbackTarget;
    int m_callbackDelayMs = 20;
    bool m_answerAfterCallbacks = false;
    QSet<QString> m_whatsAppWindow;
    QList<Callback> m_callbacks;
    QNetworkAccessManager m_network;
};

} // namespace Sb::Fakes
