#include "loopbackreplyhandler.h"

#include <QHostAddress>

#include <algorithm>

namespace Sb::OAuth {

Status LoopbackReplyHandler::checkRedirectUri(const QUrl &redirectUri)
{
    const QString host = redirectUri.host().toLower();
    if (!redirectUri.isValid() || redirectUri.scheme() != u"http"
        || (host != u"localhost" && host != u"127.0.0.1")) {
        return Error{ErrorCode::InvalidArgument,
                     tr("The redirect URI must come back to this computer, as "
                        "http://localhost:PORT/PATH or http://127.0.0.1:PORT/PATH, not \"%1\".")
                         .arg(redirectUri.toString())};
    }
    if (redirectUri.path().size() < 2) {
        return Error{ErrorCode::InvalidArgument,
                     tr("The redirect URI needs a path (such as /callback): \"%1\".")
                         .arg(redirectUri.toString())};
    }
    return ok();
}

LoopbackReplyHandler::LoopbackReplyHandler(const QUrl &redirectUri, QObject *parent)
    : QOAuthHttpServerReplyHandler(QHostAddress(QHostAddress::LocalHost),
                                   quint16(std::clamp(redirectUri.port(0), 0, 65535)),
                                   parent)
    , m_redirectUri(redirectUri)
    , m_requestedPort(quint16(std::clamp(redirectUri.port(0), 0, 65535)))
{
    setCallbackPath(redirectUri.path());
}

QString LoopbackReplyHandler::callback() const
{
    QUrl url = m_redirectUri;
    if (m_requestedPort == 0 && isListening())
        url.setPort(port());
    return url.toString(QUrl::FullyEncoded);
}

} // namespace Sb::OAuth
