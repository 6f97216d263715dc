#pragma once

#include <core/crm/contactsync.h>
#include <core/net/httpclient.h>
#include <core/oauth/authorizationserver.h>
#include <core/store/contactstore.h>
#include <core/store/oauthgrantstore.h>

#include <QGroupBox>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QWidget;

namespace Sb::Ui {

// What the console knows of one CRM for the tenant shown.
struct CrmState
{
    QString platform; // "hubspot"
    bool hasApp = false;
    QString clientId;
    QString redirectUri;
    QString dataCentre; // Zoho's, as the admin chose it
    std::optional<Store::StoredGrant> grant;
    std::optional<Store::CrmSyncState> sync;
    int contacts = 0;
};

// What an admin typed in a card's app form.
struct CrmAppForm
{
    QString clientId;
    QString clientSecret; // empty: keep the one in the vault
    QString redirectUri;
    QString dataCentre; // empty where the CRM has none
};

// One CRM on the Connections page: its state in words (connected, needs reconnecting, not
// connected, syncing n of m), what to do about it (connect, sync, disconnect), and for owners
// and admins the clinic's own app (client id, a masked secret that is never shown again, the
// redirect URI and the scopes to register at the CRM, Zoho's data centre). It shows and asks;
// the page acts.
class CrmCard final : public QGroupBox
{
    Q_OBJECT

public:
    CrmCard(const QString &platform, const QStringList &scopes, const QStringList &dataCentres, QWidget *parent = nullptr);

    void showState(const CrmState &state, bool mayAdminister);
    void showSigningIn(); // waiting for the browser
    void showSyncing(const Crm::SyncProgress &progress);
    // Another Switchboard program (switchboardctl, another console) is syncing: where it is.
    void showSyncingElsewhere(const Store::CrmSyncState &sync);
    // Whether Switchboard is held back from the CRM: its rate limit, or not answering.
    void showLane(const Net::HttpClient::LaneStatus &status);
    QString laneText() const;
    QString progressText() const; // the progress bar's words while it shows
    void showProblem(const QString &message); // under the buttons, until the next state

    QPushButton *connectButton() const { return m_connect; }
    QPushButton *syncButton() const { return m_sync; }
    QPushButton *disconnectButton() const { return m_disconnect; }
    QPushButton *saveAppButton() const { return m_saveApp; }
    QLineEdit *clientIdEdit() const { return m_clientId; }
    QLineEdit *clientSecretEdit() const { return m_clientSecret; }
    QLineEdit *redirectUriEdit() const { return m_redirectUri; }
    QComboBox *dataCentreBox() const { return m_dataCentre; } // null where the CRM has none
    QString stateText() const;
    // "Europe (zoho.eu)": a data centre as a person knows it.
    static QString dataCentreName(const QString &code);
    QString detailText() const;

signals:
    void saveAppRequested(const Sb::Ui::CrmAppForm &form);
    void connectRequested();
    void cancelRequested();
    void syncRequested();
    void disconnectRequested();

private:
    QString m_platform;
    bool m_isSigningIn = false;
    QLabel *m_state;
    QLabel *m_detail;
    QProgressBar *m_progress;
    QLabel *m_problem;
    QLabel *m_lane;
    QPushButton *m_connect;
    QPushButton *m_sync;
    QPushButton *m_disconnect;
    QWidget *m_appForm;
    QLineEdit *m_clientId;
    QLineEdit *m_clientSecret;
    QLineEdit *m_redirectUri;
    QComboBox *m_dataCentre = nullptr;
    QPushButton *m_saveApp;
};

} // namespace Sb::Ui
