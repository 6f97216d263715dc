#include "scriptedserver.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

namespace Sb::Test {

ScriptedServer::ScriptedServer(Fakes::Transport transport)
{
    m_clock.start();
    m_server.route(QStringLiteral("/api"), [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        answer(request, std::move(responder));
    });
    m_endpoint = Fakes::listenOnLoopback(m_server, transport);
}

int ScriptedServer::seenFor(const QString &who) const
{
    return int(std::count_if(m_seen.cbegin(), m_seen.cend(), [&](const Seen &seen) { return seen.forWhom == who; }));
}

void ScriptedServer::answer(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QString target = QUrlQuery(request.url()).queryItemValue(QStringLiteral("for"));
    m_seen.append({request.method() == QHttpServerRequest::Method::Post ? "POST" : "GET",
                   request.value("Authorization"),
                   m_clock.elapsed(),
                   target});
    const auto scripted = std::find_if(m_script.begin(), m_script.end(), [&](const Step &s) {
        return s.onlyFor == target;
    });
    const Step step = scripted == m_script.end() ? Step{} : *scripted;
    if (scripted != m_script.end())
        m_script.erase(scripted);
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    if (step.isSilent) {
        m_silent.append(held);
        return;
    }
    m_mostAtOnce = qMax(m_mostAtOnce, ++m_atOnce);
    // A delayed answer goes only to a client still there (Qt 6.4 would write to a freed
    // socket): the client may have given up, or abandoned the request.
    QPointer<QTcpSocket> socket = held->socket();
    auto reply = [this, held, step, socket] {
        --m_atOnce;
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return;
        // Qt 6.4's write() takes headers only as an initializer list: written one by one.
        held->writeStatusLine(QHttpServerResponder::StatusCode(step.status));
        held->writeHeader("Content-Type", "application/json");
        held->writeHeader("Content-Length", QByteArray::number(step.body.size()));
        for (const auto &[name, value] : step.headers)
            held->writeHeader(name, value);
        held->writeBody(step.body);
    };
    if (step.delayMs > 0)
        QTimer::singleShot(step.delayMs, reply);
    else
        reply();
}

} // namespace Sb::Test
