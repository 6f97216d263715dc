#include "welcomeview.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Sb::Ui {

WelcomeView::WelcomeView(const QString &why, QWidget *parent)
    : QWidget(parent)
    , m_why(new QLabel(why, this))
    , m_progress(new QLabel(this))
    , m_demo(new QPushButton(tr("Open the demo clinic"), this))
{
    auto *title = new QLabel(tr("Welcome to Switchboard"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    title->setFont(big);
    m_why->setWordWrap(true);
    m_why->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_why->setAccessibleName(tr("Why there is nothing to show yet"));
    auto *demoText = new QLabel(
        tr("Try it first on two made-up clinics: three months of calls with the assistant's "
           "summaries and transcripts, leads and text threads. The demo lives in a store of its "
           "own; nothing of yours is touched."),
        this);
    demoText->setWordWrap(true);
    m_demo->setAccessibleName(tr("Open the demo clinic"));
    m_demo->setDefault(true);
    auto *connectText =
        new QLabel(tr("<p>Or connect your own clinic (an administrator, once):</p>"
                      "<pre>switchboardctl tenant add my-clinic --display-name \"My Clinic\"\n"
                      "switchboardctl staff add $USER --tenant my-clinic --role owner\n"
                      "switchboardctl twilio connect --tenant my-clinic --master-account AC… "
                      "--public-url https://hooks.example.org</pre>"),
                   this);
    connectText->setTextFormat(Qt::RichText);
    connectText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setWordWrap(true);
    m_progress->hide();
    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addSpacing(title->fontMetrics().height());
    column->addWidget(m_why);
    column->addSpacing(title->fontMetrics().height());
    column->addWidget(demoText);
    column->addWidget(m_demo, 0, Qt::AlignLeft);
    column->addWidget(m_progress);
    column->addSpacing(title->fontMetrics().height());
    column->addWidget(connectText);
    column->addStretch(1);
    // A readable column in the middle of a wide window.
    auto *layout = new QHBoxLayout(this);
    layout->addStretch(1);
    layout->addLayout(column, 3);
    layout->addStretch(1);
    connect(m_demo, &QPushButton::clicked, this, &WelcomeView::demoRequested);
}

void WelcomeView::showProgress(const QString &text)
{
    m_demo->setEnabled(false);
    m_progress->setText(text);
    m_progress->show();
}

void WelcomeView::showProblem(const QString &text)
{
    m_demo->setEnabled(true);
    m_progress->setText(text);
    m_progress->show();
}

} // namespace Sb::Ui
