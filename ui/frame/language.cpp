#include "language.h"

#include "icons.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QTranslator>

namespace Sb::Ui {

namespace {
const QString kLanguageSetting = QStringLiteral("console/language");

// The words of the language menu (a free function has no class to name them by).
struct LanguageText
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Ui::Language)
};

QString nativeNameOf(const QLocale &locale)
{
    for (const Language &language : languages()) {
        if (QLocale(language.code).language() == locale.language())
            return language.nativeName;
    }
    return locale.nativeLanguageName();
}
} // namespace

QList<Language> languages()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("es"), QStringLiteral("Español")}};
}

QString chosenLanguage()
{
    return QSettings().value(kLanguageSetting).toString();
}

void setChosenLanguage(const QString &code)
{
    QSettings().setValue(kLanguageSetting, code);
}

QLocale localeFor(const QString &chosen, const QLocale &system)
{
    const QList<Language> known = languages();
    auto isKnown = [&](const QString &code) {
        return std::any_of(known.cbegin(), known.cend(), [&](const Language &language) {
            return language.code == code;
        });
    };
    // The system's own locale where it speaks that language: its dates and numbers (es-MX).
    auto inLanguage = [&](const QString &code) {
        return QLocale(code).language() == system.language() ? system : QLocale(code);
    };
    if (isKnown(chosen))
        return inLanguage(chosen);
    // The system's preference order ("es-MX", "en-US", …): the first we speak.
    for (const QString &preferred : system.uiLanguages()) {
        const QString code = preferred.section(u'-', 0, 0);
        if (isKnown(code))
            return inLanguage(code);
    }
    return QLocale(QLocale::English, QLocale::UnitedStates);
}

void installTranslations(const QLocale &locale)
{
    QLocale::setDefault(locale);
    if (locale.language() == QLocale::English)
        return; // the source language
    auto *own = new QTranslator(qApp);
    if (own->load(locale, QStringLiteral("switchboard"), QStringLiteral("_"),
                  QStringLiteral(":/translations")))
        QCoreApplication::installTranslator(own);
    // Qt's own strings (a message box's Yes and No) where the system has them.
    auto *qt = new QTranslator(qApp);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

QAction *languageMenu(QObject *parent, const std::function<void(const QString &)> &said)
{
    auto *menu = new QMenu;
    auto *choices = new QActionGroup(menu);
    const QString chosen = chosenLanguage();
    const QLocale system = QLocale::system();
    auto add = [&](const QString &code, const QString &label) {
        QAction *action = menu->addAction(label);
        action->setCheckable(true);
        action->setChecked(code == chosen);
        action->setData(code);
        choices->addAction(action);
    };
    add(QString(),
        LanguageText::tr("As the system (%1)").arg(nativeNameOf(localeFor(QString(), system))));
    for (const Language &language : languages())
        add(language.code, language.nativeName);
    QObject::connect(choices, &QActionGroup::triggered, menu, [said](QAction *action) {
        setChosenLanguage(action->data().toString());
        const QLocale next = localeFor(action->data().toString());
        said(LanguageText::tr("Switchboard speaks %1 from its next start.").arg(nativeNameOf(next)));
    });
    auto *opener = new QAction(LanguageText::tr("Language"), parent);
    opener->setIcon(consoleIcon(QStringLiteral("language")));
    opener->setToolTip(LanguageText::tr("The console's language"));
    opener->setMenu(menu);
    QObject::connect(opener, &QObject::destroyed, menu, &QObject::deleteLater);
    return opener;
}

} // namespace Sb::Ui
