#pragma once

#include "webhookendpoint.h"

namespace Sb::Ingest {

// The endpoint behind a path, for requests handled again later: the spool drain and quarantine
// replay. They go through the same verification and routing as live requests. Blocking: a store
// thread.
class WebhookDispatch final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Ingest::WebhookDispatch)

public:
    WebhookDispatch(const WebhookEndpoints &endpoints, WebhookServices services);

    // An error for a path no endpoint serves.
    Result<Verdict> judge(const QString &path, const WebhookRequest &request) const;
    // Verified, routed and stored in a transaction of its own.
    WebhookReply handle(const QString &path, const WebhookRequest &request) const;
    // A kept event's request (quarantine): what its kept headers carry in place of the
    // credential, as the endpoint of its path reads them.
    Result<WebhookRequest> fromKept(const QString &path,
                                    const QString &publicUrl,
                                    const QByteArray &body,
                                    const QByteArray &headersJson) const;

private:
    Error noEndpoint(const QString &path) const;

    const WebhookEndpoints &m_endpoints;
    WebhookServices m_services;
};

} // namespace Sb::Ingest
