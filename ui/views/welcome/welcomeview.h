#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace Sb::Ui {

// What the console shows before there is anything to show: why (no staff account, no clinic
// yet, a store that could not be opened), the demo clinic one click away, and the commands that
// connect a real one.
class WelcomeView final : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomeView(const QString &why, QWidget *parent = nullptr);

    QPushButton *demoButton() const { return m_demo; }
    // While the demo store is being made: the button waits, the line says so.
    void showProgress(const QString &text);
    void showProblem(const QString &text);

signals:
    void demoRequested();

private:
    QLabel *m_why;
    QLabel *m_progress;
    QPushButton *m_demo;
};

} // namespace Sb::Ui
