#include "firstrowsprobe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTableView>
#include <QTimer>

#include <cstdio>

namespace Sb::Ui {

FirstRowsProbe::FirstRowsProbe(bool quitAfter, QObject *parent)
    : QObject(parent)
    , m_quitAfter(quitAfter)
{
    m_sinceStart.start();
}

bool FirstRowsProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (m_hasSaid || event->type() != QEvent::Paint)
        return false;
    // A list of rows (a page's table, not the navigation) paints on its viewport: the
    // viewport's parent is the view.
    const auto *view = qobject_cast<const QTableView *>(watched->parent());
    if (!view || view->viewport() != watched || !view->model() || view->model()->rowCount() == 0)
        return false;
    m_hasSaid = true;
    // After this paint, not before it: the rows are on screen then.
    QTimer::singleShot(0, this, [this] {
        std::printf("first rows painted after %lld ms\n",
                    static_cast<long long>(m_sinceStart.elapsed()));
        std::fflush(stdout);
        if (m_quitAfter)
            QCoreApplication::quit();
    });
    return false;
}

} // namespace Sb::Ui
