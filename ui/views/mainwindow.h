#pragma once

#include <core/store/databaseurl.h>
#include <core/tenancy/signin.h>

#include <QMainWindow>

#include <optional>

class QComboBox;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace Sb::Ui {

class NumbersView;

// The console: a tenant switcher limited to the signed-in staff member's tenants, the
// navigation, and one page per area. Sign-in runs off the GUI thread.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    enum Page { Dashboard, Calls, Messages, Leads, Contacts, Numbers, Connections, Events };

    explicit MainWindow(QWidget *parent = nullptr);

    void signIn(const Store::DatabaseUrl &url, const QString &staffName);
    QComboBox *tenantSwitcher() const { return m_tenantSwitcher; }
    NumbersView *numbersView() const { return m_numbersView; }
    QLabel *vaultStatus() const { return m_vaultLabel; }
    void showPage(Page page);

signals:
    void signedIn();
    void signInFailed(const QString &message);
    void vaultChecked();

private:
    void buildConsole(Tenancy::SignedIn signedIn);
    void showCentralMessage(const QString &text);
    void switchTenant(int index);
    void checkVault();

    std::optional<Tenancy::SignedIn> m_signedIn;
    QComboBox *m_tenantSwitcher;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    NumbersView *m_numbersView = nullptr;
    QLabel *m_statusLabel;
    QLabel *m_vaultLabel;
};

} // namespace Sb::Ui
