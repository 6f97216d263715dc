#pragma once

#include <core/store/tenant.h>
#include <core/store/tenantscope.h>

#include <QIcon>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

namespace Sb::Store {
class ChangeFeed;
class Database;
} // namespace Sb::Store
namespace Sb::Tenancy {
class StaffSession;
}
namespace Sb::Recordings {
class MediaFetcher;
}

namespace Sb::Ui {

class ProviderAccess;

// What every page is given: the signed-in store and session, and the feed of changes. Owned by
// the MainWindow, which outlives its pages.
struct ConsoleContext
{
    std::shared_ptr<Store::Database> database;
    const Tenancy::StaffSession *session = nullptr;
    Store::ChangeFeed *changes = nullptr;
    // Fetches and caches calls' recordings (null: this console plays none).
    Recordings::MediaFetcher *recordings = nullptr;
    // Providers' HTTP and the vault, for what pages send (null: this console sends nothing).
    ProviderAccess *providers = nullptr;
};

// The tenant the console shows, as the tenant switcher chose it.
struct CurrentTenant
{
    Store::TenantScope scope;
    QString name;
    Store::Role role = Store::Role::Staff; // the signed-in staff member's, in this tenant
    // Owners and admins may delete the clinic's records (a call, a lead); staff may not.
    bool mayDelete() const { return role != Store::Role::Staff; }
};

// Where a page may send the user: a call, a conversation or a lead, shown by the page that has
// them (Page::open).
struct Destination
{
    enum class Kind { Call, Conversation, Lead };
    Kind kind = Kind::Call;
    qint64 id = 0; // a call's or a lead's
    QString channel; // a conversation's: sms, whatsapp
    QString e164; // a conversation's person, or a call's
    QString name; // who that is, when known (a lead's name)
};

// One page of the console (Calls, Numbers, …). The MainWindow lists pages in registration
// order (ui/views/pages.cpp: Ctrl+1, Ctrl+2, … follow it), hands each the current tenant, and
// shows a page's problem as a banner above it with a Retry that calls retry(). A page never
// waits: it loads through AsyncStore and says busy meanwhile.
class Page : public QWidget
{
    Q_OBJECT

public:
    explicit Page(const ConsoleContext &context, QWidget *parent = nullptr);

    virtual QString title() const = 0;
    virtual QIcon icon() const { return {}; }
    // Follows the tenant switcher: this tenant's rows from now on, never another's.
    virtual void showTenant(const CurrentTenant &tenant) = 0;
    // The MainWindow's tenant switch. A page in view shows the tenant at once; a hidden page
    // leaves the old one (leaveTenant) and shows the new one when it is next shown, so a switch
    // reads only what the user looks at.
    void followTenant(const CurrentTenant &tenant);
    // A hidden page that has not shown the tenant followed yet does so now.
    void catchUp();
    bool isBehind() const { return m_followed.has_value(); }
    // Whether this page shows that kind of destination (then open() may take it).
    virtual bool opens(Destination::Kind kind) const;
    // After a problem: try again what failed (by default, load the tenant anew).
    virtual void retry();
    // Shows that destination if it is this page's kind (the MainWindow then shows the page).
    virtual bool open(const Destination &destination);

    bool isBusy() const { return m_isBusy; }
    const std::optional<QString> &problem() const { return m_problem; }
    const std::optional<CurrentTenant> &tenant() const { return m_tenant; }

signals:
    void busyChanged(bool isBusy);
    // A readable message (banner), or nullopt once it is solved.
    void problemChanged(const std::optional<QString> &message);
    // Another page should show this (a lead's call, a thread to text).
    void openRequested(const Sb::Ui::Destination &destination);

protected:
    void showEvent(QShowEvent *event) override;
    // Hidden at a tenant switch: stop what still speaks for the tenant left (a recording).
    virtual void leaveTenant() {}
    const ConsoleContext &context() const { return m_context; }
    void rememberTenant(const CurrentTenant &tenant) { m_tenant = tenant; }
    void setBusy(bool isBusy);
    void setProblem(const QString &message);
    void clearProblem();

private:
    ConsoleContext m_context;
    std::optional<CurrentTenant> m_tenant;
    std::optional<CurrentTenant> m_followed; // switched to while hidden, not shown yet
    bool m_isBusy = false;
    std::optional<QString> m_problem;
};

// How a page is made; the list of them is ui/views/pages.cpp.
using PageFactory = std::function<Page *(const ConsoleContext &context, QWidget *parent)>;

} // namespace Sb::Ui
