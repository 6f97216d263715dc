#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace Sb::Ui {

// A problem shown above a page, never over its data: the readable message and a Retry.
class Banner final : public QFrame
{
    Q_OBJECT

public:
    explicit Banner(QWidget *parent = nullptr);

    void showProblem(const QString &message);
    QString message() const;
    QPushButton *retryButton() const { return m_retry; }

signals:
    void retryRequested();

private:
    QLabel *m_message;
    QPushButton *m_retry;
};

} // namespace Sb::Ui
