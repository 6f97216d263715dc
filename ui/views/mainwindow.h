#pragma once

#include <ui/frame/page.h>

#include <core/store/databaseurl.h>
#include <core/tenancy/signin.h>

#include <QMainWindow>

#include <memory>

#include <optional>

class QAction;
class QComboBox;
class QFrame;
class QLabel;
class QListWidget;
class QProgressBar;
class QStackedWidget;

namespace Sb::Store {
class ChangeFeed;
}

namespace Sb::Ui {

class Banner;
class ActivityNotifier;
class DesktopNotifier;
class ProviderAccess;

// The console's frame: the tenant switcher (only the signed-in staff member's tenants) under a
// band of the tenant's colour, the navigation, and the pages of ui/views/pages.cpp, each with
// its banner for problems. Sign-in runs off the GUI thread; geometry, the splitter, the last
// tenant and page are kept in QSettings (never a secret).
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    MainWindow(QList<PageFactory> pages, QWidget *parent);
    ~MainWindow() override;

    // password: the staff login's on PostgreSQL (empty: libpq's pass file). A PostgreSQL
    // sign-in that needs a password asks for it (SignInView).
    void
    signIn(const Store::DatabaseUrl &url, const QString &staffName, const QString &password = {});
    // The console's start: on PostgreSQL a password kept in the keychain (at the user's wish,
    // earlier) is read first, without waiting; then signIn.
    void start(const Store::DatabaseUrl &url, const QString &staffName);
    QComboBox *tenantSwitcher() const { return m_tenantSwitcher; }
    QLabel *vaultStatus() const { return m_vaultLabel; }
    // The page of that type, once signed in.
    template<typename P>
    P *page() const
    {
        for (Page *page : m_pages) {
            if (auto *wanted = qobject_cast<P *>(page))
                return wanted;
        }
        return nullptr;
    }
    void showPage(int index);
    // Shows the page of that type, as its entry in the navigation would.
    template<typename P>
    P *showPage()
    {
        P *wanted = page<P>();
        if (wanted)
            showPage(int(m_pages.indexOf(wanted)));
        return wanted;
    }
    Page *currentPage() const;
    // What the current page's banner says (or the store's, when it cannot be reached); empty
    // when there is no problem.
    QString bannerText() const;

    // Where the demo clinic is kept (the user's data folder, beside the default store).
    static QString demoStorePath();

signals:
    void signedIn();
    void signInFailed(const QString &message);
    void vaultChecked();
    void passwordKept(bool isKept);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildConsole(Tenancy::SignedIn signedIn);
    void addPage(const PageFactory &factory);
    void showCentralMessage(const QString &text);
    void showWelcome(const QString &why);
    void showSignIn(const Store::DatabaseUrl &url, const QString &why);
    void signInFailedWith(const Store::DatabaseUrl &url,
                          const QString &password,
                          const QString &message);
    void keepPassword(const Store::DatabaseUrl &url, const QString &password);
    // The demo clinic, made on first use in a store of its own, then signed into.
    void openDemo();
    void switchTenant(int index);
    void startProviders();
    void saveSettings() const;
    void retryAllPages();

    QList<PageFactory> m_factories;
    QString m_staffName; // as the last sign-in asked for
    bool m_isRememberingPassword = false; // keep the password once it signed in
    std::optional<Tenancy::SignedIn> m_signedIn;
    std::unique_ptr<Store::ChangeFeed> m_changes;
    std::unique_ptr<ProviderAccess> m_providers; // the console's requests to providers
    QList<ActivityNotifier *> m_notifiers; // call reports, texts: to the tray
    ConsoleContext m_context;
    QFrame *m_band;
    QComboBox *m_tenantSwitcher;
    QAction *m_switcherAction = nullptr;
    QAction *m_notifyAction = nullptr; // call-report notifications on or off
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    QList<Page *> m_pages;
    QList<Banner *> m_banners; // one per page, same order
    Banner *m_connectionBanner; // the store cannot be reached: above every page
    QProgressBar *m_busy;
    QLabel *m_statusLabel;
    QLabel *m_vaultLabel;
    DesktopNotifier *m_desktop; // the tray
};

} // namespace Sb::Ui
