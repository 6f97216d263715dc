#include "scriptedbrowser.h"

#include <QTcpServer>

#include <QNetworkReply>
#include <QUrlQuery>

namespace Sb::Test {

QString freeRedirectUri(const QString &host, const QString &path)
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return QStringLiteral("http://%1:%2%3").arg(host).arg(probe.serverPort()).arg(path);
}

ScriptedBrowser::ScriptedBrowser(Act act, QObject *parent)
    : QObject(parent)
    , m_act(act)
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

bool ScriptedBrowser::open(const QUrl &authorizeUrl)
{
    m_authorizeUrl = authorizeUrl;
    QNetworkReply *reply = m_network.get(QNetworkRequest(authorizeUrl));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QString html = QString::fromUtf8(reply->readAll());
        if (status != 200 || !html.contains(u"<form"))
            return fail(QStringLiteral("the authorization page answered %1: %2").arg(status).arg(html));
        if (m_act == Act::WalkAway) {
            m_isDone = true;
            emit done();
            return;
        }
        submit(m_authorizeUrl);
    });
    return true;
}

void ScriptedBrowser::submit(const QUrl &authorizeUrl)
{
    QUrlQuery form(authorizeUrl);
    form.addQueryItem(QStringLiteral("decision"),
                      m_act == Act::Deny ? QStringLiteral("deny") : QStringLiteral("grant"));
    QUrl action = authorizeUrl;
    action.setQuery(QString());
    QNetworkRequest request(action);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QStringLiteral("application/x-www-form-urlencoded"));
    QNetworkReply *reply = m_network.post(request, form.toString(QUrl::FullyEncoded).toLatin1());
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QUrl location = QUrl::fromEncoded(reply->rawHeader("Location"));
        if (status != 302 || !location.isValid())
            return fail(QStringLiteral("the consent form answered %1 without a redirect").arg(status));
        m_redirect = location;
        if (m_act == Act::TamperState) {
            QUrlQuery query(m_redirect);
            query.removeQueryItem(QStringLiteral("state"));
            query.addQueryItem(QStringLiteral("state"), QStringLiteral("forged-state"));
            m_redirect.setQuery(query);
        }
        if (m_act != Act::FaviconFirst)
            return follow(m_redirect);
        QUrl favicon = m_redirect;
        favicon.setPath(QStringLiteral("/favicon.ico"));
        favicon.setQuery(QString());
        QNetworkReply *icon = m_network.get(QNetworkRequest(favicon));
        connect(icon, &QNetworkReply::finished, this, [this, icon] {
            icon->deleteLater();
            m_faviconAnswer = QString::fromUtf8(icon->readAll());
            follow(m_redirect);
        });
    });
}

void ScriptedBrowser::follow(const QUrl &redirect)
{
    QNetworkReply *reply = m_network.get(QNetworkRequest(redirect));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_listenerPage = QString::fromUtf8(reply->readAll());
        m_isDone = true;
        emit done();
    });
}

void ScriptedBrowser::fail(const QString &why)
{
    m_problem = why;
    m_isDone = true;
    emit done();
}

} // namespace Sb::Test
