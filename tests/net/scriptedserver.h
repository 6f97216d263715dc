#pragma once

#include <tests/fakes/loopbackendpoint.h>

#include <QElapsedTimer>
#include <QHttpServer>
#include <QList>
#include <QUrl>

#include <deque>
#include <memory>

class QHttpServerRequest;
class QHttpServerResponder;

namespace Sb::Test {

// A loopback server that answers from a script, one step per request, in the providers' real
// error shapes, and records what it was sent. Answers may be delayed or never come.
class ScriptedServer
{
public:
    struct Step
    {
        int status = 200;
        QByteArray body = "{}";
        QList<QPair<QByteArray, QByteArray>> headers;
        int delayMs = 0;
        bool isSilent = false; // never answers (a hung provider)
        // Only for a request whose query has for=this (empty: the next request without one):
        // answers that must not depend on the order requests arrive in.
        QString onlyFor;
    };
    struct Seen
    {
        QByteArray method;
        QByteArray authorization;
        qint64 atMs = 0;
        QString forWhom; // its for= query item
    };

    explicit ScriptedServer(Fakes::Transport transport = Fakes::Transport::Http);

    QUrl url() const { return QUrl(m_endpoint.baseUrl() + QStringLiteral("/api")); }
    QSslCertificate certificate() const { return m_endpoint.certificate; }
    void then(const Step &step) { m_script.push_back(step); }
    const QList<Seen> &seen() const { return m_seen; }
    int seenFor(const QString &who) const;
    int mostAtOnce() const { return m_mostAtOnce; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

private:
    void answer(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    QHttpServer m_server;
    Fakes::LoopbackEndpoint m_endpoint;
    QElapsedTimer m_clock;
    std::deque<Step> m_script;
    QList<Seen> m_seen;
    QList<std::shared_ptr<QHttpServerResponder>> m_silent;
    int m_atOnce = 0;
    int m_mostAtOnce = 0;
};

} // namespace Sb::Test
