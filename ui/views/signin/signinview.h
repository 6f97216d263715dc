#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Sb::Ui {

// Sign-in to a PostgreSQL store as a staff login: the login, its password (never shown, never
// on the command line), and whether this computer's keychain may keep it.
class SignInView final : public QWidget
{
    Q_OBJECT

public:
    SignInView(const QString &server, const QString &login, const QString &why, QWidget *parent);

    QLineEdit *loginField() const { return m_login; }
    QLineEdit *passwordField() const { return m_password; }
    QCheckBox *rememberBox() const { return m_remember; }
    QPushButton *signInButton() const { return m_signIn; }

signals:
    void signInRequested(const QString &login, const QString &password, bool remember);

private:
    QLineEdit *m_login;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QPushButton *m_signIn;
};

} // namespace Sb::Ui
