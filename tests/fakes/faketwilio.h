#pragma once

#include <QHttpServer>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

class QHttpServerRequest;
class QHttpServerResponder;

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

    FakeTwilio();
    quint16 port() const { return m_port; }
    QString baseUrl() const; // http://127.0.0.1:port (stands for https://api.twilio.com)

    Account master() const { return m_accounts.value(m_masterSid); }
    Account account(const QString &sid) const { return m_accounts.value(sid); }
    QList<Account> subaccounts() const;
    // A number owned by an account, as if bought earlier.
    Number addNumber(const QString &accountSid, const QString &e164);
    Number number(const QString &sid) const { return m_numbers.value(sid); }
    QList<QJsonObject> messages() const { return m_messages; }
    void optOut(const QString &e164) { m_optedOut.insert(e164); }
    // Every subaccount created from now on owns this many numbers (as if bought at once).
    void giveNewSubaccountsNumbers(int count) { m_numbersPerSubaccount = count; }
    // The next `count` requests get 429 with Retry-After: seconds.
    void throttleNext(int count, int retryAfterSeconds);
    const QList<Seen> &seen() const { return m_seen; }

private:
    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    QString authenticate(const QHttpServerRequest &request) const;
    QJsonObject accountJson(const Account &account, bool withToken) const;
    QJsonObject numberJson(const Number &number) const;
    QString newSid(const char *prefix);

    QHttpServer m_server;
    quint16 m_port = 0;
    QString m_masterSid;
    QMap<QString, Account> m_accounts;
    QMap<QString, Number> m_numbers; // by PN sid, in creation order of their sids
    QList<QJsonObject> m_messages;
    QSet<QString> m_optedOut;
    QMap<QString, int> m_pageTokens; // issued PageToken → index of the page's first item
    int m_numbersPerSubaccount = 0;
    int m_throttled = 0;
    int m_retryAfter = 1;
    quint64 m_nextSid = 1;
    QList<Seen> m_seen;
};

} // namespace Sb::Fakes
