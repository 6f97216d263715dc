#include "crmcard.h"

#include <ui/frame/tone.h>
#include <ui/frame/when.h>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace Sb::Ui {

namespace {
// Where Switchboard listens for the sign-in unless the admin registered another address.
const QString kDefaultRedirect = QStringLiteral("http://localhost:53682/callback");
} // namespace

QString CrmCard::dataCentreName(const QString &code)
{
    // Zoho's data centres, by the ending of their addresses.
    if (code == u"com")
        return tr("United States (zoho.com)");
    if (code == u"eu")
        return tr("Europe (zoho.eu)");
    if (code == u"in")
        return tr("India (zoho.in)");
    if (code == u"com.au")
        return tr("Australia (zoho.com.au)");
    if (code == u"jp")
        return tr("Japan (zoho.jp)");
    if (code == u"ca")
        return tr("Canada (zohocloud.ca)");
    if (code == u"sa")
        return tr("Saudi Arabia (zoho.sa)");
    if (code == u"com.cn")
        return tr("China (zoho.com.cn)");
    return code;
}

CrmCard::CrmCard(const QString &platform, const QStringList &scopes, const QStringList &dataCentres, QWidget *parent)
    : QGroupBox(OAuth::providerDisplayName(platform), parent)
    , m_platform(platform)
    , m_state(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_problem(new QLabel(this))
    , m_lane(new QLabel(this))
    , m_connect(new QPushButton(tr("Connect…"), this))
    , m_sync(new QPushButton(tr("Sync contacts now"), this))
    , m_disconnect(new QPushButton(tr("Disconnect…"), this))
    , m_appForm(new QWidget(this))
    , m_clientId(new QLineEdit(m_appForm))
    , m_clientSecret(new QLineEdit(m_appForm))
    , m_redirectUri(new QLineEdit(kDefaultRedirect, m_appForm))
    , m_saveApp(new QPushButton(tr("Save app"), m_appForm))
{
    setObjectName(platform);
    setMaximumWidth(880); // a form across a wide screen is hard to read
    QFont big = m_state->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    big.setBold(true);
    m_state->setFont(big);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setWordWrap(true);
    m_problem->hide();
    m_lane->setWordWrap(true);
    m_lane->hide();
    m_progress->hide();
    m_progress->setAccessibleName(tr("Contacts synced"));
    m_connect->setAccessibleName(tr("Connect %1").arg(title()));
    m_sync->setAccessibleName(tr("Sync %1 contacts now").arg(title()));
    m_disconnect->setAccessibleName(tr("Disconnect %1").arg(title()));

    m_clientId->setAccessibleName(tr("%1 client id").arg(title()));
    m_clientSecret->setAccessibleName(tr("%1 client secret").arg(title()));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_redirectUri->setAccessibleName(tr("%1 redirect URI").arg(title()));
    auto *scopeLine = new QLineEdit(scopes.join(u' '), m_appForm);
    scopeLine->setReadOnly(true);
    scopeLine->setAccessibleName(tr("Scopes to request"));
    auto *form = new QFormLayout(m_appForm);
    form->setContentsMargins(0, 8, 0, 0);
    auto *hint = new QLabel(tr("The clinic's own app at %1. Register the redirect URI below in "
                               "the app's settings, with these scopes.")
                                .arg(title()),
                            m_appForm);
    hint->setWordWrap(true);
    form->addRow(hint);
    form->addRow(tr("Client id"), m_clientId);
    form->addRow(tr("Client secret"), m_clientSecret);
    form->addRow(tr("Redirect URI"), m_redirectUri);
    if (!dataCentres.isEmpty()) {
        m_dataCentre = new QComboBox(m_appForm);
        m_dataCentre->setAccessibleName(tr("%1 data centre").arg(title()));
        for (const QString &centre : dataCentres)
            m_dataCentre->addItem(dataCentreName(centre), centre);
        m_dataCentre->setToolTip(tr("Where the clinic's %1 account is: the address you sign in at "
                                    "ends with it (zoho.eu: Europe).")
                                     .arg(title()));
        form->addRow(tr("Data centre"), m_dataCentre);
    }
    form->addRow(tr("Scopes"), scopeLine);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch(1);
    saveRow->addWidget(m_saveApp);
    form->addRow(saveRow);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_connect);
    buttons->addWidget(m_sync);
    buttons->addStretch(1);
    buttons->addWidget(m_disconnect);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_detail);
    layout->addWidget(m_progress);
    layout->addWidget(m_lane);
    layout->addLayout(buttons);
    layout->addWidget(m_problem);
    layout->addWidget(m_appForm);

    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (m_isSigningIn)
            emit cancelRequested();
        else
            emit connectRequested();
    });
    connect(m_sync, &QPushButton::clicked, this, &CrmCard::syncRequested);
    connect(m_disconnect, &QPushButton::clicked, this, &CrmCard::disconnectRequested);
    connect(m_saveApp, &QPushButton::clicked, this, [this] {
        emit saveAppRequested({m_clientId->text().trimmed(),
                               m_clientSecret->text(),
                               m_redirectUri->text().trimmed(),
                               m_dataCentre ? m_dataCentre->currentData().toString() : QString()});
    });
}

void CrmCard::showState(const CrmState &state, bool mayAdminister)
{
    m_isSigningIn = false;
    m_problem->hide();
    m_progress->hide();
    const QLocale locale;
    QPalette colours = m_state->palette();
    QStringList details;
    if (state.grant && !state.grant->needsReconnect) {
        m_state->setText(tr("Connected"));
        colours.setColor(QPalette::WindowText, toneColour(Tone::Good, palette()));
        if (const QString portal = state.grant->extras.value(QStringLiteral("hub_id")).toString(); !portal.isEmpty())
            details.append(tr("Portal %1, connected by %2 (%3).").arg(portal, state.grant->connectedBy, shortWhen(state.grant->connectedAt)));
        else if (const QString centre = state.grant->extras.value(QStringLiteral("dataCentre")).toString(); !centre.isEmpty())
            details.append(tr("%1 data centre, connected by %2 (%3).")
                               .arg(dataCentreName(centre), state.grant->connectedBy, shortWhen(state.grant->connectedAt)));
        else
            details.append(tr("Connected by %1 (%2).").arg(state.grant->connectedBy, shortWhen(state.grant->connectedAt)));
    } else if (state.grant) {
        m_state->setText(tr("Needs reconnecting"));
        colours.setColor(QPalette::WindowText, toneColour(Tone::Bad, palette()));
        details.append(state.grant->problem);
    } else {
        m_state->setText(state.hasApp ? tr("Not connected") : tr("Not set up"));
        colours = palette();
        details.append(state.hasApp ? tr("Connect to bring the clinic's contacts in.")
                                    : tr("An owner or admin first saves the clinic's own %1 app below.").arg(title()));
    }
    m_state->setPalette(colours);
    if (state.sync && state.sync->finishedAt > 0) {
        details.append(tr("%1 contacts from %2; last synced %3.")
                           .arg(locale.toString(state.contacts), title(), shortWhen(state.sync->finishedAt)));
    } else if (state.sync && state.sync->isRunning()) {
        details.append(tr("A sync stopped at %1 of about %2 contacts: the next one goes on from there.")
                           .arg(locale.toString(state.sync->fetched), locale.toString(state.sync->estimatedTotal)));
    }
    m_detail->setText(details.join(u' '));
    const bool isConnected = state.grant && !state.grant->needsReconnect;
    m_connect->setText(state.grant ? tr("Reconnect…") : tr("Connect…"));
    m_connect->setEnabled(mayAdminister && state.hasApp);
    m_connect->setVisible(mayAdminister);
    m_sync->setEnabled(isConnected);
    m_disconnect->setEnabled(bool(state.grant));
    m_disconnect->setVisible(mayAdminister);
    m_appForm->setVisible(mayAdminister);
    if (state.hasApp) {
        m_clientId->setText(state.clientId);
        m_redirectUri->setText(state.redirectUri);
        if (m_dataCentre && !state.dataCentre.isEmpty())
            m_dataCentre->setCurrentIndex(std::max(0, m_dataCentre->findData(state.dataCentre)));
    }
    // The secret is never shown again: typing replaces it, an empty field keeps it.
    m_clientSecret->clear();
    m_clientSecret->setPlaceholderText(state.hasApp ? tr("Kept in the vault; type to replace it") : QString());
}

void CrmCard::showSigningIn()
{
    m_isSigningIn = true;
    m_problem->hide();
    m_state->setText(tr("Signing in…"));
    m_state->setPalette(palette());
    m_detail->setText(tr("Finish signing in to %1 in your browser; Switchboard is waiting for it.").arg(title()));
    m_connect->setText(tr("Cancel sign-in"));
    m_connect->setEnabled(true);
    m_sync->setEnabled(false);
    m_disconnect->setEnabled(false);
}

void CrmCard::showSyncing(const Crm::SyncProgress &progress)
{
    const QLocale locale;
    m_progress->show();
    m_sync->setEnabled(false);
    m_progress->setRange(0, std::max(progress.estimatedTotal, 1));
    m_progress->setValue(progress.fetched);
    QString text = progress.isIncremental
        ? tr("Syncing changes: %1 read").arg(locale.toString(progress.fetched))
        : tr("Syncing: %1 of about %2 contacts").arg(locale.toString(progress.fetched), locale.toString(progress.estimatedTotal));
    if (const qint64 left = progress.remainingMs(); left >= 0)
        text += tr(", about %1 s left").arg((left + 999) / 1000);
    m_progress->setFormat(text);
    m_progress->setTextVisible(true);
}

void CrmCard::showSyncingElsewhere(const Store::CrmSyncState &sync)
{
    const QLocale locale;
    m_progress->show();
    m_sync->setEnabled(false); // one sync at a time: that one goes on
    m_progress->setRange(0, std::max(sync.estimatedTotal, 1));
    m_progress->setValue(sync.fetched);
    m_progress->setFormat(sync.isIncremental
                              ? tr("Another Switchboard program is syncing changes: %1 read").arg(locale.toString(sync.fetched))
                              : tr("Another Switchboard program is syncing: %1 of about %2 contacts")
                                    .arg(locale.toString(sync.fetched), locale.toString(sync.estimatedTotal)));
    m_progress->setTextVisible(true);
}

void CrmCard::showLane(const Net::HttpClient::LaneStatus &status)
{
    using Kind = Net::HttpClient::LaneStatus::Kind;
    const qint64 seconds = (status.left.count() + 999) / 1000;
    if (status.kind == Kind::Normal) {
        m_lane->hide();
        return;
    }
    showToned(m_lane,
              status.kind == Kind::RateLimited
                  ? tr("Rate-limited: %1 asked Switchboard to slow down; it goes on in %2 s.").arg(title()).arg(seconds)
                  : tr("%1 is not answering: Switchboard stopped calling it and tries again in %2 s.")
                        .arg(title())
                        .arg(seconds),
              Tone::Bad);
}

QString CrmCard::progressText() const
{
    return m_progress->isVisible() ? m_progress->text() : QString();
}

QString CrmCard::laneText() const
{
    return m_lane->isVisible() ? m_lane->text() : QString();
}

void CrmCard::showProblem(const QString &message)
{
    showToned(m_problem, message, Tone::Bad);
}

QString CrmCard::stateText() const
{
    return m_state->text();
}

QString CrmCard::detailText() const
{
    return m_detail->text();
}

} // namespace Sb::Ui
