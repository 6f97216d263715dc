#include "../support/pagesettled.h"
#include "../support/testdatabase.h"

#include <core/demo/demoseed.h>
#include <ui/frame/language.h>
#include <ui/views/mainwindow.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDomDocument>
#include <QFile>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;

// The console in Spanish. The catalogue translates every string of core and ui as the sources
// stand (lupdate run on them now finds nothing new or unfinished); the system's language is
// followed unless one is chosen; and with Spanish, no page of the console shows an English
// string that has a Spanish translation.
class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void theCatalogueTranslatesEveryString();
    void theSystemsLanguageUnlessOneIsChosen();
    void everyPageSpeaksSpanish(); // last: it installs the translators for good
};

namespace {

struct Catalogue
{
    QHash<QString, QString> translations; // English → Spanish (singular messages)
    QStringList unfinished;
    int messages = 0;
};

Catalogue read(const QString &path)
{
    Catalogue catalogue;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return catalogue;
    QDomDocument document;
    document.setContent(&file);
    const QDomNodeList messages = document.elementsByTagName(u"message"_s);
    for (int i = 0; i < messages.size(); ++i) {
        const QDomElement message = messages.at(i).toElement();
        const QString source = message.firstChildElement(u"source"_s).text();
        const QDomElement translation = message.firstChildElement(u"translation"_s);
        ++catalogue.messages;
        if (translation.attribute(u"type"_s) == u"unfinished" || translation.text().trimmed().isEmpty())
            catalogue.unfinished.append(source);
        else if (message.attribute(u"numerus"_s) != u"yes")
            catalogue.translations.insert(source, translation.text());
    }
    return catalogue;
}

// What a user reads on a widget: its text, placeholder, items and column headings.
QStringList shownTexts(QWidget *root)
{
    QStringList texts;
    for (QWidget *widget : root->findChildren<QWidget *>()) {
        if (!widget->isVisible())
            continue;
        if (auto *label = qobject_cast<QLabel *>(widget))
            texts.append(label->text());
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            texts.append(button->text());
        if (auto *edit = qobject_cast<QLineEdit *>(widget))
            texts.append(edit->placeholderText());
        if (auto *box = qobject_cast<QComboBox *>(widget)) {
            for (int i = 0; i < box->count(); ++i)
                texts.append(box->itemText(i));
        }
        if (auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->model()) {
            for (int column = 0; column < view->model()->columnCount(); ++column)
                texts.append(view->model()->headerData(column, Qt::Horizontal).toString());
        }
        if (!widget->toolTip().isEmpty())
            texts.append(widget->toolTip());
        if (!widget->accessibleName().isEmpty())
            texts.append(widget->accessibleName());
    }
    for (QString &text : texts)
        text.remove(u'&');
    texts.removeAll(QString());
    return texts;
}

} // namespace

void tst_Translations::theCatalogueTranslatesEveryString()
{
    const Catalogue committed = read(QStringLiteral(SB_TRANSLATIONS));
    QVERIFY(committed.messages > 400);
    QVERIFY2(committed.unfinished.isEmpty(), qPrintable(committed.unfinished.join(u'\n')));

    // The sources as they are now: a string added without its translation shows as unfinished.
    QTemporaryDir dir;
    const QString copy = dir.filePath(u"switchboard_es.ts"_s);
    QVERIFY(QFile::copy(QStringLiteral(SB_TRANSLATIONS), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QProcess lupdate;
    lupdate.start(QLibraryInfo::path(QLibraryInfo::BinariesPath) + u"/lupdate"_s,
                  {u"-silent"_s, u"-locations"_s, u"none"_s, u"-no-obsolete"_s,
                   u"-source-language"_s, u"en"_s, u"-target-language"_s, u"es"_s,
                   QStringLiteral(SB_SOURCE_DIR "/core"), QStringLiteral(SB_SOURCE_DIR "/ui"),
                   u"-ts"_s, copy});
    QVERIFY2(lupdate.waitForFinished(60000), qPrintable(lupdate.errorString()));
    QCOMPARE(lupdate.exitCode(), 0);
    const Catalogue now = read(copy);
    QVERIFY2(now.unfinished.isEmpty(),
             qPrintable(u"Strings without a Spanish translation (run cmake --build build "
                        "--target update_translations, then translate them):\n"_s
                        + now.unfinished.join(u'\n')));
    QCOMPARE(now.messages, committed.messages);
}

void tst_Translations::theSystemsLanguageUnlessOneIsChosen()
{
    // The system's first language that Switchboard speaks, with the system's own region.
    QCOMPARE(Ui::localeFor(QString(), QLocale(u"es_MX"_s)).name(), u"es_MX"_s);
    QCOMPARE(Ui::localeFor(QString(), QLocale(u"de_DE"_s)).language(), QLocale::English);
    // A choice wins over the system.
    QCOMPARE(Ui::localeFor(u"es"_s, QLocale(u"en_GB"_s)).language(), QLocale::Spanish);
    QCOMPARE(Ui::localeFor(u"en"_s, QLocale(u"es_ES"_s)).language(), QLocale::English);
    Ui::setChosenLanguage(u"es"_s);
    QCOMPARE(Ui::chosenLanguage(), u"es"_s);
    QCOMPARE(QSettings().value(u"console/language"_s).toString(), u"es"_s);
    Ui::setChosenLanguage(QString());
}

void tst_Translations::everyPageSpeaksSpanish()
{
    Ui::installTranslations(QLocale(u"es_ES"_s));
    const Catalogue catalogue = read(QStringLiteral(SB_TRANSLATIONS));
    Test::TestDatabase databases;
    auto database = databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(database);
    Demo::DemoOptions options;
    options.callsPerTenant = 30;
    options.staffName = QStringLiteral("maria");
    SB_VERIFY_OK(Demo::DemoSeed(**database).seed(options));

    Ui::MainWindow window;
    window.resize(1440, 900);
    window.show();
    QSignalSpy signedIn(&window, &Ui::MainWindow::signedIn);
    window.signIn(*Store::DatabaseUrl::parse(databases.lastUrl()), QStringLiteral("maria"), {});
    QVERIFY(signedIn.wait(15000));
    auto *navigation = window.findChild<QListWidget *>();
    QVERIFY(navigation);
    QStringList pages;
    for (int row = 0; row < navigation->count(); ++row)
        pages.append(navigation->item(row)->text());
    QCOMPARE(pages,
             (QStringList{u"Panel"_s, u"Llamadas"_s, u"Mensajes"_s, u"Posibles clientes"_s,
                          u"Contactos"_s, u"Números"_s, u"Eventos"_s, u"Conexiones"_s}));
    QStringList english;
    int spanish = 0;
    for (int row = 0; row < navigation->count(); ++row) {
        navigation->setCurrentRow(row);
        QTRY_VERIFY_WITH_TIMEOUT(Test::pageSettled(window), 10000); // its rows, a call's detail
        for (const QString &text : shownTexts(&window)) {
            const auto translation = catalogue.translations.constFind(text);
            if (translation != catalogue.translations.cend() && *translation != text)
                english.append(pages.at(row) + u": "_s + text);
            if (std::any_of(catalogue.translations.cbegin(),
                            catalogue.translations.cend(),
                            [&](const QString &spanishText) { return spanishText == text; }))
                ++spanish;
        }
    }
    english.removeDuplicates();
    QVERIFY2(english.isEmpty(), qPrintable(english.join(u'\n')));
    QVERIFY2(spanish > 60, qPrintable(QString::number(spanish)));
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
