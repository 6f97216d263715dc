#include "mainwindow.h"

#include "pages.h"

#include <ui/frame/aboutbox.h>
#include <ui/frame/banner.h>
#include <ui/frame/callreportnotifier.h>
#include <ui/frame/desktopnotifier.h>
#include <ui/frame/language.h>
#include <ui/frame/provideraccess.h>
#include <ui/frame/tenantcolour.h>
#include <ui/views/signin/signinview.h>
#include <ui/views/welcome/welcomeview.h>

#include <core/common/continuation.h>
#include <core/demo/demoseed.h>
#include <core/net/httpclient.h>
#include <core/store/changefeed.h>
#include <core/vault/secretkey.h>
#include <core/vault/secretstore.h>

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPixmap>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace Sb::Ui {

namespace {
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kSplitter = QStringLiteral("window/splitter");
const QString kTenant = QStringLiteral("console/tenant");
const QString kPage = QStringLiteral("console/view"); // the page's object name
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : MainWindow(consolePages(), parent)
{}

MainWindow::MainWindow(QList<PageFactory> pages, QWidget *parent)
    : QMainWindow(parent)
    , m_factories(std::move(pages))
    , m_band(new QFrame(this))
    , m_tenantSwitcher(new QComboBox(this))
    , m_connectionBanner(new Banner(this))
    , m_busy(new QProgressBar(this))
    , m_statusLabel(new QLabel(this))
    , m_vaultLabel(new QLabel(this))
    , m_desktop(new DesktopNotifier(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Switchboard"));
    resize(1280, 800);
    auto *toolBar = addToolBar(tr("Tenant"));
    toolBar->setObjectName(QStringLiteral("tenantToolBar"));
    toolBar->setMovable(false);
    // The band in the tenant's colour across the window, under the switcher: where the eye
    // starts, so nobody answers a patient in the wrong clinic's name.
    m_band->setFixedHeight(qMax(4, fontMetrics().height() / 4));
    m_band->setAutoFillBackground(true);
    m_band->setAccessibleName(tr("Tenant colour"));
    m_band->hide();
    m_tenantSwitcher->setAccessibleName(tr("Tenant"));
    m_tenantSwitcher->setToolTip(tr("The clinic whose calls and messages are shown"));
    m_tenantSwitcher->setMinimumContentsLength(24);
    m_tenantSwitcher->setEnabled(false);
    QFont bold = m_tenantSwitcher->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_tenantSwitcher->setFont(bold);
    // Shown once there are tenants to switch between (not on the welcome page).
    m_switcherAction = toolBar->addWidget(m_tenantSwitcher);
    m_switcherAction->setVisible(false);
    auto *spacer = new QWidget(toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    // New call reports and texts from the tray while the user works elsewhere, unless turned
    // off here; shown once there is a clinic to hear from (not on sign-in or welcome).
    m_notifyAction = DesktopNotifier::callReportsToggle(toolBar);
    m_notifyAction->setVisible(false);
    toolBar->addAction(m_notifyAction);
    toolBar->addAction(languageMenu(toolBar, [this](const QString &message) {
        statusBar()->showMessage(message, 10000);
    }));
    toolBar->addAction(aboutAction(this));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    // A thin line while a page loads; it never blanks what is shown.
    m_busy->setRange(0, 0);
    m_busy->setMaximumHeight(fontMetrics().height() / 4);
    m_busy->setTextVisible(false);
    m_busy->setAccessibleName(tr("Loading"));
    m_busy->hide();
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_busy);
    m_vaultLabel->setAccessibleName(tr("Vault status"));
    statusBar()->addPermanentWidget(m_vaultLabel);
    const QSettings settings;
    if (!restoreGeometry(settings.value(kGeometry).toByteArray())) {
        // First start: most of the screen, centred.
        if (const QScreen *screen = QGuiApplication::primaryScreen()) {
            const QRect available = screen->availableGeometry();
            resize(available.size() * 0.9);
            move(available.center() - rect().center());
        }
    }
    restoreState(settings.value(kState).toByteArray());
    showCentralMessage(tr("Opening the store…"));
}

MainWindow::~MainWindow() = default;

void MainWindow::showCentralMessage(const QString &text)
{
    auto *label = new QLabel(text, this);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setMargin(24);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setCentralWidget(label);
}

QString MainWindow::demoStorePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/demo.db");
}

void MainWindow::showWelcome(const QString &why)
{
    auto *welcome = new WelcomeView(why, this);
    connect(welcome, &WelcomeView::demoRequested, this, &MainWindow::openDemo);
    setCentralWidget(welcome);
}

void MainWindow::openDemo()
{
    auto *welcome = qobject_cast<WelcomeView *>(centralWidget());
    if (welcome)
        welcome->showProgress(tr("Making the demo clinic…"));
    const QString staff = m_staffName;
    const QString path = demoStorePath();
    auto made =
        QtConcurrent::run([path, staff] { return Demo::DemoSeed::openOrMake(path, staff); });
    onFinished(this, std::move(made), [this, staff](Result<Store::DatabaseUrl> url) {
        if (!url) {
            if (auto *shown = qobject_cast<WelcomeView *>(centralWidget()))
                shown->showProblem(tr("The demo could not be made: %1").arg(url.error().message));
            return;
        }
        signIn(*url, staff);
    });
}

void MainWindow::signIn(const Store::DatabaseUrl &url,
                        const QString &staffName,
                        const QString &password)
{
    m_staffName = staffName;
    auto signingIn = QtConcurrent::run(
        [url, staffName, password] { return Tenancy::signIn(url, staffName, password); });
    onFinished(this, std::move(signingIn), [this, url, password](Result<Tenancy::SignedIn> result) {
        if (!result) {
            signInFailedWith(url, password, result.error().message);
            return;
        }
        if (m_isRememberingPassword && !password.isEmpty())
            keepPassword(url, password);
        m_isRememberingPassword = false;
        buildConsole(std::move(*result));
        emit signedIn();
    });
}

namespace {
Vault::SecretKey passwordKeyOf(const Store::DatabaseUrl &url)
{
    return Vault::SecretKey::forStaffLogin(
        url.host() + u':' + QString::number(url.port()) + u'/' + url.databaseName(), url.user());
}
} // namespace

void MainWindow::signInFailedWith(const Store::DatabaseUrl &url,
                                  const QString &password,
                                  const QString &message)
{
    m_isRememberingPassword = false;
    // PostgreSQL wants the staff login's password: ask for it, never a dead end.
    if (url.backend() == Store::Backend::Postgres
        && message.contains(u"password", Qt::CaseInsensitive)) {
        showSignIn(url,
                   password.isEmpty() ? tr("This server needs the password of your staff login.")
                                      : tr("The password was not accepted: %1").arg(message));
    } else {
        showWelcome(message);
    }
    emit signInFailed(message);
}

void MainWindow::keepPassword(const Store::DatabaseUrl &url, const QString &password)
{
    onFinished(this,
               Vault::SecretStore().write(passwordKeyOf(url), Secret(password.toUtf8())),
               [this](Status kept) {
                   statusBar()->showMessage(
                       kept ? tr("The password is kept in this computer's keychain")
                            : tr("The password could not be kept: %1").arg(kept.error().message),
                       15000);
                   emit passwordKept(bool(kept));
               });
}

void MainWindow::start(const Store::DatabaseUrl &url, const QString &staffName)
{
    if (url.backend() != Store::Backend::Postgres || url.user().isEmpty()) {
        signIn(url, staffName);
        return;
    }
    // Without waiting: the keychain answers on this thread's event loop.
    onFinished(this,
               Vault::SecretStore().read(passwordKeyOf(url)),
               [this, url, staffName](Result<Secret> kept) {
                   signIn(url, staffName, kept ? kept->revealString() : QString());
               });
}

void MainWindow::showSignIn(const Store::DatabaseUrl &url, const QString &why)
{
    const QString server =
        url.host() + u':' + QString::number(url.port()) + u'/' + url.databaseName();
    auto *view = new SignInView(server, url.user(), why, this);
    connect(view,
            &SignInView::signInRequested,
            this,
            [this, url](const QString &login, const QString &password, bool remember) {
                m_isRememberingPassword = remember;
                signIn(url.withUser(login), login, password);
            });
    setCentralWidget(view);
}

void MainWindow::buildConsole(Tenancy::SignedIn signedIn)
{
    m_signedIn = std::move(signedIn);
    m_changes = std::make_unique<Store::ChangeFeed>(m_signedIn->database);
    startProviders();
    m_context = {m_signedIn->database,
                 &m_signedIn->session,
                 m_changes.get(),
                 m_providers->recordings(),
                 m_providers.get()};
    qDeleteAll(m_notifiers);
    const auto isActive = [this] {
        return isActiveWindow();
    };
    m_notifiers = {new CallReportNotifier(m_context, isActive, this),
                   new MessageNotifier(m_context, isActive, this)};
    for (ActivityNotifier *notifier : std::as_const(m_notifiers))
        connect(notifier, &ActivityNotifier::notify, m_desktop, &DesktopNotifier::show);
    const auto &memberships = m_signedIn->session.memberships();
    m_statusLabel->setText(
        tr("Signed in as %1 · %2")
            .arg(m_signedIn->session.staff().name, m_signedIn->database->url().toString()));
    m_providers->openVault();
    if (memberships.isEmpty()) {
        showWelcome(tr("%1 is not a member of any tenant yet. An administrator can add one with: "
                       "switchboardctl staff add %1 --tenant TENANT --role staff")
                        .arg(m_signedIn->session.staff().name));
        return;
    }

    m_switcherAction->setVisible(true);
    m_notifyAction->setVisible(true);
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_band->setParent(central);
    m_band->show();
    centralLayout->addWidget(m_band);
    m_connectionBanner->setParent(central);
    centralLayout->addWidget(m_connectionBanner);
    // The store went away: say so above every page (their rows stay), and when it is back,
    // every page loads again what it may have missed.
    connect(m_changes.get(), &Store::ChangeFeed::watchFailed, this, [this](const QString &why) {
        m_connectionBanner->showProblem(
            tr("The store cannot be reached (%1). Reconnecting…").arg(why.trimmed()));
    });
    connect(m_changes.get(), &Store::ChangeFeed::watchResumed, this, [this] {
        m_connectionBanner->hide();
        statusBar()->showMessage(tr("Connected to the store again"), 10000);
        retryAllPages();
    });
    connect(m_connectionBanner, &Banner::retryRequested, this, &MainWindow::retryAllPages);
    // What was stored between a page's first load and the feed reading where the log stands
    // would be missed: once the feed watches, every page reads again what it shows.
    connect(m_changes.get(), &Store::ChangeFeed::watching, this, &MainWindow::retryAllPages);
    auto *splitter = new QSplitter(central);
    splitter->setObjectName(QStringLiteral("consoleSplitter"));
    centralLayout->addWidget(splitter, 1);
    m_navigation = new QListWidget(splitter);
    m_navigation->setAccessibleName(tr("Navigation"));
    m_navigation->setSpacing(2);
    m_stack = new QStackedWidget(splitter);
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(1, false);
    for (const PageFactory &factory : std::as_const(m_factories))
        addPage(factory);
    m_navigation->setMaximumWidth(m_navigation->sizeHintForColumn(0) * 2);
    splitter->setSizes({m_navigation->sizeHintForColumn(0) + 24, width()});
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row >= m_pages.size())
            return;
        m_stack->setCurrentIndex(row);
        m_busy->setVisible(m_pages.at(row)->isBusy());
    });
    setCentralWidget(central);
    // Shown now, not on the next turn of the event loop (QLayout's way): the tenant below
    // then finds its page in view and loads it at once (hidden pages load when shown).
    if (isVisible())
        central->show();

    QSettings settings;
    splitter->restoreState(settings.value(kSplitter).toByteArray());
    // The navigation never takes room from the page on a narrow screen.
    splitter->setCollapsible(0, false);
    fillTenantSwitcher(m_tenantSwitcher, memberships, settings.value(kTenant).toLongLong());
    connect(m_tenantSwitcher, &QComboBox::currentIndexChanged, this, &MainWindow::switchTenant);
    const auto lastShown = std::find_if(m_pages.cbegin(), m_pages.cend(), [&](const Page *page) {
        return page->objectName() == settings.value(kPage).toString();
    });
    showPage(lastShown == m_pages.cend() ? 0 : int(lastShown - m_pages.cbegin()));
    switchTenant(m_tenantSwitcher->currentIndex());
    m_changes->start();
}

void MainWindow::addPage(const PageFactory &factory)
{
    auto *holder = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(holder);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *banner = new Banner(holder);
    Page *page = factory(m_context, holder);
    layout->addWidget(banner);
    layout->addWidget(page, 1);
    m_stack->addWidget(holder);
    const int index = int(m_pages.size());
    m_pages.append(page);
    m_banners.append(banner);
    const QKeySequence shortcut(Qt::CTRL | Qt::Key(Qt::Key_1 + index));
    auto *item = new QListWidgetItem(page->icon(), page->title(), m_navigation);
    item->setToolTip(tr("%1 (%2)").arg(page->title(), shortcut.toString(QKeySequence::NativeText)));
    if (index < 9) {
        auto *jump = new QShortcut(shortcut, this);
        connect(jump, &QShortcut::activated, this, [this, index] { showPage(index); });
    }
    connect(banner, &Banner::retryRequested, page, &Page::retry);
    connect(page, &Page::problemChanged, banner, [banner](const std::optional<QString> &message) {
        if (message)
            banner->showProblem(*message);
        else
            banner->hide();
    });
    connect(page, &Page::busyChanged, this, [this, page](bool isBusy) {
        if (currentPage() == page)
            m_busy->setVisible(isBusy);
    });
    // A page sends the user elsewhere: the page that has it shows it.
    connect(page, &Page::openRequested, this, [this](const Destination &destination) {
        for (qsizetype other = 0; other < m_pages.size(); ++other) {
            Page *target = m_pages.at(other);
            if (!target->opens(destination.kind))
                continue;
            target->catchUp(); // the destination is the current tenant's
            if (target->open(destination)) {
                showPage(int(other));
                return;
            }
        }
    });
}

void MainWindow::startProviders()
{
    m_providers = std::make_unique<ProviderAccess>(m_signedIn->database);
    // Recordings not played for the retention period leave this computer (settings:
    // recordings/keepDays, 30 by default; 0 keeps them).
    m_providers->purgeRecordings(
        QSettings().value(QStringLiteral("recordings/keepDays"), 30).toInt());
    m_vaultLabel->setText(tr("Vault: opening…"));
    connect(m_providers.get(), &ProviderAccess::vaultOpened, this, [this] {
        m_vaultLabel->setText(tr("Vault: ready"));
        m_vaultLabel->setToolTip({});
        emit vaultChecked();
    });
    connect(m_providers.get(), &ProviderAccess::vaultNotSetUp, this, [this] {
        m_vaultLabel->setText(tr("Vault: not set up"));
        m_vaultLabel->setToolTip(tr("An administrator sets it up with: switchboardctl vault init"));
        emit vaultChecked();
    });
    connect(m_providers.get(), &ProviderAccess::vaultFailed, this, [this](const QString &message) {
        // Nothing falls back to plaintext: provider features wait until the vault opens.
        m_vaultLabel->setText(tr("Vault: unavailable"));
        m_vaultLabel->setToolTip(message);
        statusBar()->showMessage(message, 30000);
        emit vaultChecked();
    });
}

void MainWindow::showPage(int index)
{
    if (m_navigation && index >= 0 && index < m_pages.size())
        m_navigation->setCurrentRow(index);
}

Page *MainWindow::currentPage() const
{
    return m_stack ? m_pages.value(m_stack->currentIndex()) : nullptr;
}

void MainWindow::retryAllPages()
{
    for (Page *page : std::as_const(m_pages)) {
        if (!page->isBehind()) // one behind reads the store when shown
            page->retry();
    }
}

QString MainWindow::bannerText() const
{
    if (!m_connectionBanner->isHidden())
        return m_connectionBanner->message();
    if (!m_stack)
        return {};
    const Banner *banner = m_banners.value(m_stack->currentIndex());
    return banner && !banner->isHidden() ? banner->message() : QString();
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
    const QString name = m_tenantSwitcher->itemText(index);
    const Store::Role role = m_signedIn->session.roleIn(id);
    setWindowTitle(tr("%1 — Switchboard").arg(name));
    QPalette band = m_band->palette();
    band.setColor(QPalette::Window, tenantColour(id));
    m_band->setPalette(band);
    for (Page *page : std::as_const(m_pages))
        page->followTenant({*scope, name, role});
    for (ActivityNotifier *notifier : std::as_const(m_notifiers))
        notifier->watch({*scope, name, role});
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(kGeometry, saveGeometry());
    settings.setValue(kState, saveState());
    if (const auto *splitter = centralWidget()->findChild<const QSplitter *>(
            QStringLiteral("consoleSplitter"), Qt::FindDirectChildrenOnly))
        settings.setValue(kSplitter, splitter->saveState());
    if (m_tenantSwitcher->currentIndex() >= 0)
        settings.setValue(kTenant, m_tenantSwitcher->currentData().toLongLong());
    if (const Page *page = currentPage())
        settings.setValue(kPage, page->objectName()); // the page's, not its holder's
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace Sb::Ui
