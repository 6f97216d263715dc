#pragma once

#include <QList>
#include <QLocale>
#include <QString>

#include <functional>

class QAction;
class QObject;

namespace Sb::Ui {

// The console's languages: the system's by default, or the one chosen in the console (kept in
// QSettings as console/language: empty for the system's, else a code of languages()).
struct Language
{
    QString code; // "en", "es"
    QString nativeName; // as its speakers write it: "English", "Español"
};

QList<Language> languages();
QString chosenLanguage();
void setChosenLanguage(const QString &code);

// The locale the console speaks for a choice: the chosen language, or the first of the
// system's preferred languages that Switchboard has, else English.
QLocale localeFor(const QString &chosen, const QLocale &system = QLocale::system());

// Installs Switchboard's catalogue and Qt's own (its dialogs' buttons) for that locale on the
// application, and makes it the default for dates and numbers. Call once, before any window.
void installTranslations(const QLocale &locale);

// The toolbar's menu of languages (the system's, then each one); a choice is kept and takes
// effect at the next start, as the status bar then says through `said`.
QAction *languageMenu(QObject *parent, const std::function<void(const QString &)> &said);

} // namespace Sb::Ui
