#pragma once

#include <core/common/id.h>
#include <core/common/result.h>

#include <QByteArray>
#include <QString>

#include <chrono>
#include <optional>

namespace Sb::Recordings {

// Recordings fetched from providers, kept on this computer so a call plays at once the next
// time: one folder per store and tenant under the user's cache folder (0700), one file per
// recording (0600), named by a hash of its address. A file not played for the retention period
// is removed (purge), as is a call's file when the call goes. Every method touches the disk:
// call them on a worker thread, never the GUI's.
class RecordingCache final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Recordings::RecordingCache)

public:
    // root: the cache folder ("…/recordings"); store: which store's tenants these are (its URL,
    // without password: tenant ids of two stores are not the same clinics).
    RecordingCache(QString root, const QString &store);

    static QString defaultRoot(); // the user's cache folder + "/recordings"

    QString pathFor(TenantId tenant, const QString &recordingUrl) const;
    // The file, if fetched before (and marks it played now: retention counts from there).
    std::optional<QString> find(TenantId tenant, const QString &recordingUrl) const;
    // Written whole or not at all, readable by this user only.
    Result<QString>
    put(TenantId tenant, const QString &recordingUrl, const QByteArray &audio) const;
    Status remove(TenantId tenant, const QString &recordingUrl) const;
    // Removes every file of every store and tenant not played for `age`; how many.
    int purge(std::chrono::hours age) const;

private:
    QString m_root;
    QString m_storeFolder;
};

} // namespace Sb::Recordings
