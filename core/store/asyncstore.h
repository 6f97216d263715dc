#pragma once

#include "database.h"

#include <QFuture>

#include <functional>
#include <memory>
#include <tuple>

namespace Sb::Store {

// How the console reads and writes: any method of a store class (CallStore, MessageStore,
// LeadStore, PhoneNumberStore, …) run on a store thread with that thread's own connection, its
// Result<T> delivered as a QFuture<Result<T>> (continue it with Sb::onFinished and a context
// object). Views never hold a QSqlDatabase and never wait:
//
//     AsyncStore<CallStore> calls(database);
//     onFinished(this, calls.call(&CallStore::newest, scope, CallCursor{}, 100), [this](auto page) {…});
//
// Arguments are copied into the job: pass values, never references to the caller's locals.
template<typename StoreType>
class AsyncStore final
{
public:
    explicit AsyncStore(std::shared_ptr<Database> database)
        : m_database(std::move(database))
    {}

    template<typename Method, typename... Args>
    auto call(Method method, Args... args) const
    {
        return m_database->run([database = m_database,
                                method,
                                arguments = std::make_tuple(std::move(args)...)]() mutable {
            StoreType store(*database);
            return std::apply(
                [&](auto &...unpacked) { return std::invoke(method, store, unpacked...); },
                arguments);
        });
    }

private:
    std::shared_ptr<Database> m_database;
};

} // namespace Sb::Store
