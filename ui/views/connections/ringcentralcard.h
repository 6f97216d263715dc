#pragma once

#include <core/net/httpclient.h>
#include <core/oauth/oauthapps.h>
#include <core/providers/ringcentral/ringcentralaccount.h>
#include <core/store/ringcentraluserstore.h>

#include <QGroupBox>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace Sb::Ui {

// A staff member's RingCentral connection as the page shows it.
struct RingCentralLine
{
    Store::RingCentralUser user;
    bool needsReconnect = false;
    QString problem;
};

// What the console knows of RingCentral for the signed-in staff member and, for owners and
// admins, their colleagues.
struct RingCentralState
{
    std::optional<OAuth::AppLevel> appLevel; // the app that would sign them in; none: not set up
    QString clientId;
    std::optional<RingCentralLine> mine;
    QList<RingCentralLine> colleagues; // owners and admins only
};

// RingCentral on the Connections page: "your phone line". The staff member's own account (not
// connected, connected as which extension, needs reconnecting), which app signs them in and
// whose it is, connect through the system browser, the numbers they text from and their calls
// show (only numbers that can do that are offered), a reset of their own connection, and for
// owners and admins each colleague's state with a reset. It shows and asks; the page acts.
class RingCentralCard final : public QGroupBox
{
    Q_OBJECT

public:
    explicit RingCentralCard(QWidget *parent = nullptr);

    void showState(const RingCentralState &state, bool mayAdminister);
    void showSigningIn();
    void showNumbers(const QList<Providers::RingCentral::UserNumber> &numbers, const QString &smsFrom, const QString &callerId);
    void showNumbersUnavailable(const QString &why);
    void showLane(const Net::HttpClient::LaneStatus &status);
    void showProblem(const QString &message); // until the next state
    void showNote(const QString &message); // a quiet line (what a reset could not do)
    void showCallSync(int read, int added); // a sync of the call log under way
    void showCallSyncDone(int read, int added);

    QString stateText() const;
    QString detailText() const;
    QString problemText() const;
    QString laneText() const;
    QString callsText() const;

signals:
    void connectRequested();
    void cancelRequested();
    void resetRequested();
    void syncCallsRequested();
    void numbersChosen(const QString &smsFrom, const QString &callerId);
    void resetColleagueRequested(Sb::StaffId staff, const QString &name);

private:
    void setStateText(const QString &text, std::optional<bool> good);

    QLabel *m_state;
    QLabel *m_detail;
    QLabel *m_lane;
    QLabel *m_problem;
    QPushButton *m_connect;
    QPushButton *m_reset;
    QPushButton *m_syncCalls;
    QLabel *m_calls;
    QWidget *m_numbers;
    QComboBox *m_smsFrom;
    QComboBox *m_callerId;
    QPushButton *m_saveNumbers;
    QLabel *m_numbersNote;
    QWidget *m_colleagues;
    QTableWidget *m_colleagueTable;
    QPushButton *m_resetColleague;
    bool m_isSigningIn = false;
};

} // namespace Sb::Ui
