#include "recordingcache.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace Sb::Recordings {

namespace {
constexpr QFile::Permissions kOwnerOnlyFolder =
    QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
constexpr QFile::Permissions kOwnerOnlyFile = QFile::ReadOwner | QFile::WriteOwner;

QString hashOf(const QString &text, int length)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(length));
}

// Each folder from root down to folder made (when missing) and kept to its owner.
bool makeOwnerOnly(const QString &root, const QString &folder)
{
    if (!QDir().mkpath(folder))
        return false;
    for (QString at = folder; at.startsWith(root) && at.size() >= root.size();
         at = QFileInfo(at).path()) {
        QFile::setPermissions(at, kOwnerOnlyFolder);
        if (at == root)
            break;
    }
    return true;
}
} // namespace

RecordingCache::RecordingCache(QString root, const QString &store)
    : m_root(QDir::cleanPath(std::move(root)))
    , m_storeFolder(QDir(m_root).filePath(hashOf(store, 16)))
{}

QString RecordingCache::defaultRoot()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
        .filePath(QStringLiteral("recordings"));
}

QString RecordingCache::pathFor(TenantId tenant, const QString &recordingUrl) const
{
    // A message's media have no extension in their address: their key ends in "#.EXT" (the
    // type's usual one, so that the file opens in the right program).
    static const QRegularExpression typed(QStringLiteral("#(\\.[a-z0-9]{1,8})$"));
    const auto named = typed.match(recordingUrl);
    const QString suffix = named.hasMatch() ? named.captured(1)
        : recordingUrl.endsWith(u".mp3", Qt::CaseInsensitive)
        ? QStringLiteral(".mp3")
        : QStringLiteral(".wav");
    return QDir(m_storeFolder)
        .filePath(QString::number(tenant.value()) + u'/' + hashOf(recordingUrl, 32) + suffix);
}

std::optional<QString> RecordingCache::find(TenantId tenant, const QString &recordingUrl) const
{
    const QString path = pathFor(tenant, recordingUrl);
    QFile file(path);
    if (!file.exists() || file.size() == 0)
        return std::nullopt;
    if (file.open(QIODevice::ReadWrite))
        file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
    return path;
}

Result<QString>
RecordingCache::put(TenantId tenant, const QString &recordingUrl, const QByteArray &audio) const
{
    const QString path = pathFor(tenant, recordingUrl);
    if (!makeOwnerOnly(m_root, QFileInfo(path).path()))
        return Error{ErrorCode::IoError,
                     tr("Cannot create the recordings folder %1").arg(QFileInfo(path).path())};
    QSaveFile file(path);
    // The temporary file is made 0600 before a byte of the recording is written to it.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(kOwnerOnlyFile)
        || file.write(audio) != audio.size() || !file.commit()) {
        return Error{ErrorCode::IoError,
                     tr("Cannot keep the recording in %1: %2").arg(path, file.errorString())};
    }
    return path;
}

Status RecordingCache::remove(TenantId tenant, const QString &recordingUrl) const
{
    const QString path = pathFor(tenant, recordingUrl);
    if (QFile::exists(path) && !QFile::remove(path))
        return Error{ErrorCode::IoError, tr("Cannot remove the recording %1").arg(path)};
    return ok();
}

int RecordingCache::purge(std::chrono::hours age) const
{
    const QDateTime before =
        QDateTime::currentDateTimeUtc().addSecs(-qint64(std::chrono::seconds(age).count()));
    int removed = 0;
    QDirIterator files(m_root, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QFileInfo file(files.next());
        if (file.lastModified() < before && QFile::remove(file.filePath()))
            ++removed;
    }
    return removed;
}

} // namespace Sb::Recordings
