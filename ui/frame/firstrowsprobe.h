#pragma once

#include <QElapsedTimer>
#include <QObject>

namespace Sb::Ui {

// For tests/bench/ui: says on standard output when a page's table first paints rows (the console's
// start as a user sees it), then quits the application if asked. Installed by the console's
// main only when SB_PROBE_FIRST_ROWS is set; watches paint events of item views, nothing else.
class FirstRowsProbe final : public QObject
{
    Q_OBJECT

public:
    explicit FirstRowsProbe(bool quitAfter, QObject *parent = nullptr);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QElapsedTimer m_sinceStart;
    bool m_quitAfter;
    bool m_hasSaid = false;
};

} // namespace Sb::Ui
