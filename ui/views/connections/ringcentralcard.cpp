#include "ringcentralcard.h"

#include <ui/frame/tone.h>
#include <ui/frame/when.h>

#include <core/numbering/phonenumberparser.h>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Sb::Ui {

namespace {
QString numberText(const QString &e164)
{
    return Numbering::PhoneNumberParser::formatInternational(e164);
}

QString lineState(const RingCentralLine &line)
{
    return line.needsReconnect ? RingCentralCard::tr("Needs reconnecting") : RingCentralCard::tr("Connected");
}
} // namespace

RingCentralCard::RingCentralCard(QWidget *parent)
    : QGroupBox(tr("RingCentral: your phone line"), parent)
    , m_state(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_lane(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_connect(new QPushButton(tr("Connect my RingCentral…"), this))
    , m_reset(new QPushButton(tr("Reset my connection…"), this))
    , m_syncCalls(new QPushButton(tr("Bring in my calls"), this))
    , m_calls(new QLabel(this))
    , m_numbers(new QWidget(this))
    , m_smsFrom(new QComboBox(m_numbers))
    , m_callerId(new QComboBox(m_numbers))
    , m_saveNumbers(new QPushButton(tr("Use these numbers"), m_numbers))
    , m_numbersNote(new QLabel(m_numbers))
    , m_colleagues(new QWidget(this))
    , m_colleagueTable(new QTableWidget(0, 4, m_colleagues))
    , m_resetColleague(new QPushButton(tr("Reset the selected connection…"), m_colleagues))
{
    setObjectName(QStringLiteral("ringcentral"));
    setMaximumWidth(880);
    QFont big = m_state->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    big.setBold(true);
    m_state->setFont(big);
    for (QLabel *label : {m_detail, m_calls, m_lane, m_problem, m_numbersNote}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_lane->hide();
    m_problem->hide();
    m_numbersNote->hide();
    m_connect->setAccessibleName(tr("Connect my RingCentral account"));
    m_reset->setAccessibleName(tr("Reset my RingCentral connection"));
    m_syncCalls->setAccessibleName(tr("Bring in my RingCentral calls"));
    m_syncCalls->setToolTip(tr("Your RingCentral call log into the clinic's calls: the last 30 days the first time, then "
                               "what is new."));
    m_smsFrom->setAccessibleName(tr("Number I text from"));
    m_callerId->setAccessibleName(tr("Number my calls show"));

    auto *form = new QFormLayout(m_numbers);
    form->setContentsMargins(0, 8, 0, 0);
    form->addRow(tr("Text from"), m_smsFrom);
    form->addRow(tr("Calls show"), m_callerId);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_numbersNote, 1);
    saveRow->addStretch(0);
    saveRow->addWidget(m_saveNumbers);
    m_saveNumbers->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    form->addRow(saveRow);
    m_numbers->hide();

    m_colleagueTable->setHorizontalHeaderLabels({tr("Staff member"), tr("RingCentral user"), tr("State"), tr("Texts from")});
    m_colleagueTable->setAccessibleName(tr("Colleagues' RingCentral connections"));
    m_colleagueTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_colleagueTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_colleagueTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_colleagueTable->verticalHeader()->hide();
    m_colleagueTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_colleagueTable->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    auto *colleagues = new QVBoxLayout(m_colleagues);
    colleagues->setContentsMargins(0, 8, 0, 0);
    auto *heading = new QLabel(tr("Your colleagues' RingCentral connections"), m_colleagues);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    colleagues->addWidget(heading);
    colleagues->addWidget(m_colleagueTable);
    auto *resetRow = new QHBoxLayout;
    resetRow->addStretch(1);
    resetRow->addWidget(m_resetColleague);
    colleagues->addLayout(resetRow);
    m_resetColleague->setEnabled(false);
    m_colleagues->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_connect);
    buttons->addWidget(m_syncCalls);
    buttons->addStretch(1);
    buttons->addWidget(m_reset);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_detail);
    layout->addWidget(m_calls);
    layout->addWidget(m_lane);
    layout->addLayout(buttons);
    layout->addWidget(m_problem);
    layout->addWidget(m_numbers);
    layout->addWidget(m_colleagues);

    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (m_isSigningIn)
            emit cancelRequested();
        else
            emit connectRequested();
    });
    connect(m_reset, &QPushButton::clicked, this, &RingCentralCard::resetRequested);
    connect(m_syncCalls, &QPushButton::clicked, this, &RingCentralCard::syncCallsRequested);
    connect(m_saveNumbers, &QPushButton::clicked, this, [this] {
        emit numbersChosen(m_smsFrom->currentData().toString(), m_callerId->currentData().toString());
    });
    connect(m_colleagueTable, &QTableWidget::itemSelectionChanged, this, [this] {
        m_resetColleague->setEnabled(!m_colleagueTable->selectedItems().isEmpty());
    });
    connect(m_resetColleague, &QPushButton::clicked, this, [this] {
        const int row = m_colleagueTable->currentRow();
        if (row < 0)
            return;
        const QTableWidgetItem *who = m_colleagueTable->item(row, 0);
        emit resetColleagueRequested(StaffId(who->data(Qt::UserRole).toLongLong()), who->text());
    });
}

void RingCentralCard::setStateText(const QString &text, std::optional<bool> good)
{
    showToned(m_state, text, good ? std::optional<Tone>(*good ? Tone::Good : Tone::Bad) : std::nullopt);
}

void RingCentralCard::showState(const RingCentralState &state, bool mayAdminister)
{
    m_isSigningIn = false;
    m_problem->hide();
    m_connect->setText(tr("Connect my RingCentral…"));
    QStringList details;
    const QString app = state.appLevel
        ? tr("Signs in with %1 (client id %2).").arg(OAuth::appLevelDescription(*state.appLevel), state.clientId)
        : QString();
    if (state.mine && !state.mine->needsReconnect) {
        const Store::RingCentralUser &me = state.mine->user;
        setStateText(tr("Connected as %1 (extension %2)").arg(me.extensionName, me.extensionNumber), true);
        details.append(tr("Connected since %1.").arg(shortWhen(me.connectedAt)));
        m_connect->setText(tr("Reconnect…"));
    } else if (state.mine) {
        setStateText(tr("Needs reconnecting"), false);
        details.append(state.mine->problem);
        m_connect->setText(tr("Reconnect…"));
    } else if (state.appLevel) {
        setStateText(tr("Not connected"), std::nullopt);
        details.append(tr("Connect your own RingCentral account to text and call from your numbers."));
    } else {
        setStateText(tr("Not set up"), std::nullopt);
        details.append(tr("No RingCentral app is set up yet: an administrator registers one "
                          "(switchboardctl ringcentral app set)."));
    }
    if (!app.isEmpty())
        details.append(app);
    m_detail->setText(details.join(u' '));
    m_connect->setEnabled(bool(state.appLevel));
    m_reset->setEnabled(bool(state.mine));
    const bool connected = state.mine && !state.mine->needsReconnect;
    m_syncCalls->setVisible(connected);
    m_syncCalls->setEnabled(connected);
    m_calls->setVisible(connected);
    if (connected) {
        m_calls->setText(state.mine->user.callLogSyncedAt > 0
                             ? tr("Calls last brought in: %1.").arg(shortWhen(state.mine->user.callLogSyncedAt))
                             : tr("Your RingCentral calls are not here yet: bring them in."));
    }
    m_numbers->setVisible(bool(state.mine) && !state.mine->needsReconnect);
    m_colleagues->setVisible(mayAdminister && !state.colleagues.isEmpty());
    m_colleagueTable->setRowCount(0);
    for (const RingCentralLine &line : state.colleagues) {
        const int row = m_colleagueTable->rowCount();
        m_colleagueTable->insertRow(row);
        auto *who = new QTableWidgetItem(line.user.staffName);
        who->setData(Qt::UserRole, line.user.staff.value());
        m_colleagueTable->setItem(row, 0, who);
        m_colleagueTable->setItem(row, 1,
                                  new QTableWidgetItem(tr("%1 (ext. %2)").arg(line.user.extensionName, line.user.extensionNumber)));
        m_colleagueTable->setItem(row, 2, new QTableWidgetItem(lineState(line)));
        m_colleagueTable->setItem(row, 3,
                                  new QTableWidgetItem(line.user.smsFrom.isEmpty() ? tr("not chosen") : numberText(line.user.smsFrom)));
    }
    // As tall as its rows (up to eight), not a box of empty space.
    const int rows = std::clamp(m_colleagueTable->rowCount(), 1, 8);
    m_colleagueTable->setFixedHeight(m_colleagueTable->horizontalHeader()->sizeHint().height()
                                     + rows * m_colleagueTable->verticalHeader()->defaultSectionSize()
                                     + 2 * m_colleagueTable->frameWidth());
    m_resetColleague->setEnabled(false);
}

void RingCentralCard::showCallSync(int read, int added)
{
    m_syncCalls->setEnabled(false);
    m_calls->setText(tr("Bringing in your calls: %1 read, %2 new…").arg(read).arg(added));
    m_calls->show();
}

void RingCentralCard::showCallSyncDone(int read, int added)
{
    m_syncCalls->setEnabled(true);
    m_calls->setText(added == 1 ? tr("Your calls are in: %1 read, 1 new.").arg(read)
                                : tr("Your calls are in: %1 read, %2 new.").arg(read).arg(added));
    m_calls->show();
}

QString RingCentralCard::callsText() const
{
    return m_calls->isVisible() ? m_calls->text() : QString();
}

void RingCentralCard::showSigningIn()
{
    m_isSigningIn = true;
    m_problem->hide();
    setStateText(tr("Signing in…"), std::nullopt);
    m_detail->setText(tr("Finish signing in to RingCentral in your browser, as yourself."));
    m_connect->setText(tr("Cancel sign-in"));
    m_connect->setEnabled(true);
    m_reset->setEnabled(false);
    m_syncCalls->setEnabled(false);
}

void RingCentralCard::showNumbers(const QList<Providers::RingCentral::UserNumber> &numbers,
                                  const QString &smsFrom,
                                  const QString &callerId)
{
    const auto fill = [](QComboBox *box, const QList<Providers::RingCentral::UserNumber> &numbers,
                         bool (Providers::RingCentral::UserNumber::*can)() const, const QString &chosen) {
        box->clear();
        box->addItem(tr("Choose a number"), QString());
        for (const auto &number : numbers) {
            if ((number.*can)())
                box->addItem(numberText(number.e164), number.e164);
        }
        box->setCurrentIndex(std::max(0, box->findData(chosen)));
        box->setEnabled(box->count() > 1);
    };
    fill(m_smsFrom, numbers, &Providers::RingCentral::UserNumber::canText, smsFrom);
    fill(m_callerId, numbers, &Providers::RingCentral::UserNumber::canBeCallerId, callerId);
    m_saveNumbers->setEnabled(m_smsFrom->isEnabled() || m_callerId->isEnabled());
    if (m_smsFrom->count() == 1 && m_callerId->count() == 1) {
        showNumbersUnavailable(tr("Your RingCentral extension has no numbers that can text or be shown to callers."));
    } else if (m_smsFrom->count() == 1) {
        m_numbersNote->setText(tr("None of your numbers can send texts."));
        m_numbersNote->show();
    } else {
        m_numbersNote->hide();
    }
}

void RingCentralCard::showNumbersUnavailable(const QString &why)
{
    m_smsFrom->clear();
    m_callerId->clear();
    m_smsFrom->setEnabled(false);
    m_callerId->setEnabled(false);
    m_saveNumbers->setEnabled(false);
    m_numbersNote->setText(why);
    m_numbersNote->show();
}

void RingCentralCard::showLane(const Net::HttpClient::LaneStatus &status)
{
    using Kind = Net::HttpClient::LaneStatus::Kind;
    const qint64 seconds = (status.left.count() + 999) / 1000;
    if (status.kind == Kind::Normal) {
        m_lane->hide();
        return;
    }
    showToned(m_lane,
              status.kind == Kind::RateLimited
                  ? tr("Rate-limited: RingCentral asked Switchboard to slow down for you; it goes on in %1 s.").arg(seconds)
                  : tr("RingCentral is not answering for you: Switchboard stopped calling it and tries again in %1 s.")
                        .arg(seconds),
              Tone::Bad);
}

void RingCentralCard::showProblem(const QString &message)
{
    showToned(m_problem, message, Tone::Bad);
}

void RingCentralCard::showNote(const QString &message)
{
    showToned(m_problem, message, std::nullopt);
}

QString RingCentralCard::stateText() const
{
    return m_state->text();
}

QString RingCentralCard::detailText() const
{
    return m_detail->text();
}

QString RingCentralCard::problemText() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

QString RingCentralCard::laneText() const
{
    return m_lane->isVisible() ? m_lane->text() : QString();
}

} // namespace Sb::Ui
