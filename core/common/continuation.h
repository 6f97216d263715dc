#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

#include <functional>

#include <utility>

namespace Sb {

// Runs callback(result) on context's thread once future has finished; never if context is
// gone by then. Used instead of QFuture::then(context, …), whose continuation Qt 6.4 can lose
// when the future finishes while it is being attached (seen as a hung GUI test).
template<typename T, typename Callback>
void onFinished(QObject *context, QFuture<T> future, Callback &&callback)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher,
                     &QFutureWatcherBase::finished,
                     context,
                     [watcher, callback = std::forward<Callback>(callback)]() mutable {
                         watcher->deleteLater();
                         callback(watcher->future().takeResult());
                     });
    watcher->setFuture(std::move(future));
}

// done, called only while context lives: work a view started goes on when the view closes, and
// only its answer is dropped. For callers on context's thread.
template<typename T>
std::function<void(T)> whileAlive(QObject *context, std::function<void(T)> done)
{
    return [guard = QPointer<QObject>(context), done = std::move(done)](T result) {
        if (guard)
            done(std::move(result));
    };
}

} // namespace Sb
