#include "signinview.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Sb::Ui {

SignInView::SignInView(const QString &server,
                       const QString &login,
                       const QString &why,
                       QWidget *parent)
    : QWidget(parent)
    , m_login(new QLineEdit(login, this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("Keep the password in this computer's keychain"), this))
    , m_signIn(new QPushButton(tr("Sign in"), this))
{
    auto *title = new QLabel(tr("Sign in to %1").arg(server), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title->setFont(big);
    auto *reason = new QLabel(why, this);
    reason->setWordWrap(true);
    reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_login->setAccessibleName(tr("Staff login"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_remember->setAccessibleName(tr("Keep the password in the keychain"));
    m_signIn->setDefault(true);
    m_signIn->setEnabled(false);
    auto *form = new QFormLayout;
    form->addRow(tr("Staff login:"), m_login);
    form->addRow(tr("Password:"), m_password);
    form->addRow(QString(), m_remember);
    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(reason);
    column->addLayout(form);
    column->addWidget(m_signIn, 0, Qt::AlignLeft);
    column->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->addStretch(1);
    layout->addLayout(column, 2);
    layout->addStretch(1);
    const auto update = [this] {
        m_signIn->setEnabled(!m_login->text().trimmed().isEmpty() && !m_password->text().isEmpty());
    };
    connect(m_login, &QLineEdit::textChanged, this, update);
    connect(m_password, &QLineEdit::textChanged, this, update);
    const auto submit = [this] {
        if (!m_signIn->isEnabled())
            return;
        m_signIn->setEnabled(false);
        emit signInRequested(
            m_login->text().trimmed(), m_password->text(), m_remember->isChecked());
    };
    connect(m_signIn, &QPushButton::clicked, this, submit);
    connect(m_password, &QLineEdit::returnPressed, this, submit);
    (login.isEmpty() ? m_login : m_password)->setFocus();
}

} // namespace Sb::Ui
