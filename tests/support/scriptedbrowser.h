#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QUrl>

namespace Sb::Test {

// "http://HOST:PORT/PATH" at a port free on 127.0.0.1 now: a redirect URI for a sign-in to
// listen on (a fixed one may be taken by any program's outgoing connection meanwhile).
QString freeRedirectUri(const QString &host = QStringLiteral("127.0.0.1"), const QString &path = QStringLiteral("/callback"));

// The user at the browser, scripted over real HTTP: opens the authorization page, answers the
// consent form the fake served (the form's fields are the page's own query, plus the
// decision), and follows the redirect to the loopback listener like a browser. Used as the
// flow's "open the system browser" hook; what the listener answered is kept.
class ScriptedBrowser final : public QObject
{
    Q_OBJECT

public:
    enum class Act {
        Grant, // consents
        Deny, // presses Cancel
        TamperState, // the redirect's state changed on the way (another tab, an attacker)
        FaviconFirst, // asks the listener for /favicon.ico first, as browsers do
        WalkAway, // opens the page and does nothing more
    };

    explicit ScriptedBrowser(Act act, QObject *parent = nullptr);

    // The hook: starts at once, answers true.
    bool open(const QUrl &authorizeUrl);

    bool isDone() const { return m_isDone; }
    QUrl authorizeUrl() const { return m_authorizeUrl; }
    QUrl redirectedTo() const { return m_redirect; }
    QString listenerPage() const { return m_listenerPage; } // the tab's last text
    QString faviconAnswer() const { return m_faviconAnswer; }
    QString problem() const { return m_problem; } // what went wrong on the way, if anything

signals:
    void done();

private:
    void submit(const QUrl &authorizeUrl);
    void follow(const QUrl &redirect);
    void fail(const QString &why);

    Act m_act;
    QNetworkAccessManager m_network;
    QUrl m_authorizeUrl;
    QUrl m_redirect;
    QString m_listenerPage;
    QString m_faviconAnswer;
    QString m_problem;
    bool m_isDone = false;
};

} // namespace Sb::Test
