#include <core/common/redactor.h>
#include <core/store/databaseurl.h>
#include <core/store/guithreadguard.h>
#include <ui/frame/aboutbox.h>
#include <ui/frame/firstrowsprobe.h>
#include <ui/frame/language.h>
#include <ui/views/mainwindow.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

// The login name of whoever runs the console: the default staff account on SQLite.
static QString currentUserName()
{
#ifdef Q_OS_UNIX
    // The account's own name, even when $USER was changed (sudo -E, a login shell's leftovers).
    if (const passwd *entry = getpwuid(getuid()))
        return QString::fromLocal8Bit(entry->pw_name);
    return qEnvironmentVariable("USER");
#else
    return qEnvironmentVariable("USERNAME"); // Windows' own name for it
#endif
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // tests/bench/ui: when the first rows are on screen (and quit, with SB_PROBE_FIRST_ROWS=quit).
    if (qEnvironmentVariableIsSet("SB_PROBE_FIRST_ROWS")) {
        app.installEventFilter(new Sb::Ui::FirstRowsProbe(
            qEnvironmentVariable("SB_PROBE_FIRST_ROWS") == u"quit", &app));
    }
    Sb::installRedactingMessageHandler();
    QApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QApplication::setApplicationName(QStringLiteral("switchboard"));
    QApplication::setApplicationDisplayName(QStringLiteral("Switchboard"));
    QApplication::setApplicationVersion(QStringLiteral(SB_VERSION));
    QApplication::setWindowIcon(Sb::Ui::applicationIcon());
    // Wayland and the docks match the window to its desktop entry (and icon) by this name.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.switchboard.Switchboard"));

    Sb::Ui::installTranslations(Sb::Ui::localeFor(Sb::Ui::chosenLanguage()));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Switchboard console"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("db"),
         QStringLiteral("Database URL (default: the embedded SQLite store)."),
         QStringLiteral("url")},
        {QStringLiteral("staff"),
         QStringLiteral("Staff account to sign in as (SQLite; default: settings, then $USER)."),
         QStringLiteral("name")},
    });
    parser.process(app);

    // SB_GUI_THREAD_GUARD=1: any SQL on the GUI thread stops the console with its statement
    // (the GUI tests always run so).
    std::optional<Sb::Store::GuiThreadGuard> guard;
    if (qEnvironmentVariableIntValue("SB_GUI_THREAD_GUARD") == 1)
        guard.emplace();
    Sb::Ui::MainWindow window;
    window.show();
    auto url = Sb::Store::DatabaseUrl::resolve(parser.value(QStringLiteral("db")));
    if (!url) {
        qCritical("%s", qPrintable(url.error().message));
        return 1;
    }
    QString staff = parser.value(QStringLiteral("staff"));
    if (staff.isEmpty())
        staff = QSettings().value(QStringLiteral("staff/name")).toString();
    if (staff.isEmpty())
        staff = currentUserName();
    window.start(*url, staff);
    return app.exec();
}
