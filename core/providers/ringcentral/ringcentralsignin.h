#pragma once

#include "ringcentralauth.h"

#include <core/common/result.h>
#include <core/oauth/authorizationflow.h>
#include <core/oauth/oauthapps.h>
#include <core/store/ringcentraluserstore.h>
#include <core/store/tenant.h>

#include <QCoreApplication>
#include <QObject>
#include <QPointer>

#include <memory>

namespace Sb::Net {
class HttpClient;
}
namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Providers::RingCentral {

// What a finished sign-in connected.
struct SignedIn
{
    Store::RingCentralUser user;
    Store::AppLevel appLevel = Store::AppLevel::Installation; // whose app signed them in
};

// One staff member connecting their own RingCentral account: the app that serves them (their
// own, else their clinic's, else the installation's), the code flow with PKCE through the
// system browser, the extension they signed in as read with the new token, then the grant
// sealed and their row kept (the same extension keeps its chosen numbers). Store work runs on
// store threads; done on this object's thread, once. switchboardctl and the console both use it.
class RingCentralSignIn final : public QObject
{
    Q_OBJECT

public:
    RingCentralSignIn(std::shared_ptr<Store::Database> database,
                      std::shared_ptr<const Vault::Sealer> sealer,
                      Net::HttpClient &http,
                      Store::TenantScope tenant,
                      Store::StaffMember staff,
                      OAuth::AuthorizationFlow::OpenBrowser openBrowser,
                      QUrl platform = platformUrl(),
                      QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void setConnectedBy(const QString &who) { m_connectedBy = who; } // default: the staff member
    void start(std::function<void(Result<SignedIn>)> done);
    void cancel();

private:
    void signIn(const OAuth::OAuthApps::Registered &app);
    void readExtension(const OAuth::OAuthApps::Registered &app, OAuth::TokenGrant grant);
    void keep(const OAuth::OAuthApps::Registered &app, OAuth::TokenGrant grant, Store::RingCentralUser user);
    void finish(Result<SignedIn> result);

    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    Net::HttpClient &m_http;
    Store::TenantScope m_tenant;
    Store::StaffMember m_staff;
    OAuth::AuthorizationFlow::OpenBrowser m_openBrowser;
    QUrl m_platform;
    std::chrono::milliseconds m_timeout{std::chrono::minutes(5)};
    QString m_connectedBy;
    QPointer<OAuth::AuthorizationFlow> m_flow;
    std::function<void(Result<SignedIn>)> m_done;
};

} // namespace Sb::Providers::RingCentral
