#pragma once

#include <core/common/result.h>

#include <QCoreApplication>
#include <QOAuthHttpServerReplyHandler>
#include <QUrl>

namespace Sb::OAuth {

// Where the browser brings the user back (RFC 8252 §7.3): Qt 6.4's reply handler made safe.
// It listens on 127.0.0.1 only (6.4's default is every interface), at the redirect URI's port
// (0: one the system picks, for providers that accept any loopback port), and answers only
// its path (6.4 takes any path, so a browser's /favicon.ico would end the flow); callback()
// is the redirect URI as registered, host name included (HubSpot allows http only for
// "localhost"; 6.4 always says 127.0.0.1).
class LoopbackReplyHandler final : public QOAuthHttpServerReplyHandler
{
    Q_DECLARE_TR_FUNCTIONS(Sb::OAuth::LoopbackReplyHandler)

public:
    // A redirect URI Switchboard can listen for: http, localhost or 127.0.0.1, a path.
    static Status checkRedirectUri(const QUrl &redirectUri);

    // Check isListening(): the port may be taken.
    explicit LoopbackReplyHandler(const QUrl &redirectUri, QObject *parent = nullptr);

    QString callback() const override;
    quint16 requestedPort() const { return m_requestedPort; }

private:
    QUrl m_redirectUri;
    quint16 m_requestedPort = 0;
};

} // namespace Sb::OAuth
