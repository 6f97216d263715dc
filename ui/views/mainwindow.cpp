#include "mainwindow.h"

#include "emptystateview.h"
#include "numbersview.h"

#include <core/common/continuation.h>
#include <core/vault/vaultopener.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QtConcurrent>

namespace Sb::Ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_tenantSwitcher(new QComboBox(this))
    , m_statusLabel(new QLabel(this))
    , m_vaultLabel(new QLabel(this))
{
    setWindowTitle(tr("Switchboard"));
    resize(1100, 700);
    auto *toolBar = addToolBar(tr("Tenant"));
    toolBar->setMovable(false);
    auto *tenantLabel = new QLabel(tr("Tenant:"), toolBar);
    tenantLabel->setBuddy(m_tenantSwitcher);
    toolBar->addWidget(tenantLabel);
    m_tenantSwitcher->setAccessibleName(tr("Tenant"));
    m_tenantSwitcher->setMinimumContentsLength(24);
    m_tenantSwitcher->setEnabled(false);
    toolBar->addWidget(m_tenantSwitcher);
    statusBar()->addWidget(m_statusLabel);
    m_vaultLabel->setAccessibleName(tr("Vault status"));
    statusBar()->addPermanentWidget(m_vaultLabel);
    showCentralMessage(tr("Opening the store…"));
}

void MainWindow::showCentralMessage(const QString &text)
{
    auto *label = new QLabel(text, this);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setMargin(24);
    setCentralWidget(label);
}

void MainWindow::signIn(const Store::DatabaseUrl &url, const QString &staffName)
{
    auto signingIn =
        QtConcurrent::run([url, staffName] { return Tenancy::signIn(url, staffName); });
    onFinished(this, std::move(signingIn), [this](Result<Tenancy::SignedIn> result) {
        if (!result) {
            showCentralMessage(result.error().message);
            emit signInFailed(result.error().message);
            return;
        }
        buildConsole(std::move(*result));
        emit signedIn();
    });
}

void MainWindow::buildConsole(Tenancy::SignedIn signedIn)
{
    m_signedIn = std::move(signedIn);
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    m_navigation = new QListWidget(central);
    m_navigation->setAccessibleName(tr("Navigation"));
    m_navigation->setFixedWidth(180);
    m_navigation->setSpacing(3);
    m_pages = new QStackedWidget(central);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);

    const QString later = tr("This view arrives in a later version of Switchboard. It stays empty "
                             "rather than show sample data.");
    const QList<std::pair<QString, QString>> pages = {
        {tr("Dashboard"), later},
        {tr("Calls"), later},
        {tr("Messages"), later},
        {tr("Leads"), later},
        {tr("Contacts"), later},
        {tr("Numbers"), {}},
        {tr("Connections"), later},
        {tr("Events"), later},
    };
    for (const auto &[title, explanation] : pages) {
        m_navigation->addItem(title);
        if (explanation.isEmpty()) {
            m_numbersView = new NumbersView(m_signedIn->database, m_pages);
            m_pages->addWidget(m_numbersView);
        } else {
            m_pages->addWidget(new EmptyStateView(title, explanation, m_pages));
        }
    }
    connect(
        m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    setCentralWidget(central);

    const auto &memberships = m_signedIn->session.memberships();
    for (const Store::Membership &membership : memberships)
        m_tenantSwitcher->addItem(membership.tenant.displayName,
                                  QVariant::fromValue(membership.tenant.id.value()));
    m_tenantSwitcher->setEnabled(!memberships.isEmpty());
    connect(m_tenantSwitcher, &QComboBox::currentIndexChanged, this, &MainWindow::switchTenant);
    m_statusLabel->setText(
        tr("Signed in as %1 · %2")
            .arg(m_signedIn->session.staff().name, m_signedIn->database->url().toString()));
    showPage(Numbers);
    checkVault();
    if (memberships.isEmpty()) {
        showCentralMessage(tr("%1 is not a member of any tenant yet. An administrator can add "
                              "one with: switchboardctl staff add %1 --tenant TENANT --role staff")
                               .arg(m_signedIn->session.staff().name));
        return;
    }
    switchTenant(m_tenantSwitcher->currentIndex());
}

void MainWindow::checkVault()
{
    m_vaultLabel->setText(tr("Vault: opening…"));
    auto *opener = new Vault::VaultOpener(m_signedIn->database, this);
    connect(opener, &Vault::VaultOpener::opened, this, [this, opener] {
        m_vaultLabel->setText(tr("Vault: ready"));
        m_vaultLabel->setToolTip({});
        opener->deleteLater();
        emit vaultChecked();
    });
    connect(opener, &Vault::VaultOpener::notSetUp, this, [this, opener] {
        m_vaultLabel->setText(tr("Vault: not set up"));
        m_vaultLabel->setToolTip(tr("An administrator sets it up with: switchboardctl vault init"));
        opener->deleteLater();
        emit vaultChecked();
    });
    connect(opener, &Vault::VaultOpener::failed, this, [this, opener](const QString &message) {
        // Nothing falls back to plaintext: provider features wait until the vault opens.
        m_vaultLabel->setText(tr("Vault: unavailable"));
        m_vaultLabel->setToolTip(message);
        statusBar()->showMessage(message, 30000);
        opener->deleteLater();
        emit vaultChecked();
    });
    opener->open();
}

void MainWindow::showPage(Page page)
{
    if (m_navigation)
        m_navigation->setCurrentRow(page);
}

void MainWindow::switchTenant(int index)
{
    if (!m_signedIn || index < 0)
        return;
    const TenantId id(m_tenantSwitcher->itemData(index).toLongLong());
    auto scope = m_signedIn->session.scope(id);
    if (!scope) {
        statusBar()->showMessage(scope.error().message, 10000);
        return;
    }
    setWindowTitle(tr("%1 — Switchboard").arg(m_tenantSwitcher->itemText(index)));
    m_numbersView->showTenant(*scope, m_tenantSwitcher->itemText(index));
}

} // namespace Sb::Ui
