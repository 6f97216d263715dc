#include "spool.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QtEndian>

#ifdef Q_OS_WIN
#include <io.h> // _commit: Windows' fsync
#else
#include <unistd.h>
#endif

namespace Sb::Ingest {

namespace {
QByteArray encode(const SpooledRequest &entry)
{
    const QJsonObject object{
        {QStringLiteral("endpoint"), entry.path},
        {QStringLiteral("url"), entry.request.publicUrl},
        {QStringLiteral("body"), QString::fromLatin1(entry.request.body.toBase64())},
        {QStringLiteral("signature"), QString::fromLatin1(entry.request.signature)},
        {QStringLiteral("proof"), QString::fromLatin1(entry.request.secretProof)},
        {QStringLiteral("headers"), QString::fromUtf8(entry.request.headersJson)},
        {QStringLiteral("remote"), entry.request.remoteAddress},
        {QStringLiteral("receivedAt"), entry.receivedAt},
    };
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    QByteArray record(4, Qt::Uninitialized);
    qToBigEndian(quint32(json.size()), record.data());
    return record + json;
}

std::optional<SpooledRequest> decode(const QByteArray &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    const QString path = object.value(u"endpoint").toString();
    if (!path.startsWith(u'/'))
        return std::nullopt;
    SpooledRequest entry;
    entry.path = path;
    entry.request.publicUrl = object.value(u"url").toString();
    entry.request.body = QByteArray::fromBase64(object.value(u"body").toString().toLatin1());
    entry.request.signature = object.value(u"signature").toString().toLatin1();
    entry.request.secretProof = object.value(u"proof").toString().toLatin1();
    entry.request.headersJson = object.value(u"headers").toString().toUtf8();
    entry.request.remoteAddress = object.value(u"remote").toString();
    entry.receivedAt = object.value(u"receivedAt").toInteger();
    return entry;
}

bool syncToDisk(QFileDevice &file)
{
#ifdef Q_OS_WIN
    return file.flush() && ::_commit(file.handle()) == 0;
#else
    return file.flush() && ::fsync(file.handle()) == 0;
#endif
}
} // namespace

Spool::Spool(QString directory)
    : m_path(QDir(directory).filePath(QStringLiteral("webhooks.spool")))
{
    QDir().mkpath(directory);
}

Status Spool::append(const SpooledRequest &entry)
{
    QMutexLocker locker(&m_mutex);
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        return Error{ErrorCode::DatabaseUnavailable,
                     tr("Cannot open the spool %1: %2").arg(m_path, file.errorString())};
    }
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    const QByteArray record = encode(entry);
    if (file.write(record) != record.size() || !syncToDisk(file)) {
        // A torn tail is dropped when read; the provider got no 200, so it is not lost.
        return Error{ErrorCode::DatabaseUnavailable,
                     tr("Cannot write the spool %1: %2").arg(m_path, file.errorString())};
    }
    return ok();
}

bool Spool::isEmpty() const
{
    QMutexLocker locker(&m_mutex);
    return QFileInfo(m_path).size() == 0;
}

Result<QList<SpooledRequest>> Spool::readAll() const
{
    QList<SpooledRequest> entries;
    QFile file(m_path);
    if (!file.exists())
        return entries;
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::DatabaseUnavailable, tr("Cannot read the spool %1").arg(m_path)};
    const QByteArray data = file.readAll();
    qsizetype at = 0;
    while (at + 4 <= data.size()) {
        const quint32 length = qFromBigEndian<quint32>(data.constData() + at);
        if (at + 4 + qsizetype(length) > data.size())
            break; // torn final record: never acknowledged
        if (auto entry = decode(data.mid(at + 4, length)))
            entries.append(*entry);
        at += 4 + length;
    }
    return entries;
}

Result<int> Spool::drain(const std::function<Status(const SpooledRequest &)> &store)
{
    QMutexLocker locker(&m_mutex);
    auto entries = readAll();
    if (!entries)
        return entries.error();
    int stored = 0;
    for (; stored < entries->size(); ++stored) {
        if (!store(entries->at(stored)))
            break;
    }
    if (stored == 0)
        return 0;
    // Keep what is left, atomically: the file is replaced only once the rest is on disk.
    QSaveFile rest(m_path);
    if (!rest.open(QIODevice::WriteOnly))
        return Error{ErrorCode::DatabaseUnavailable, tr("Cannot rewrite the spool %1").arg(m_path)};
    rest.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    for (qsizetype i = stored; i < entries->size(); ++i)
        rest.write(encode(entries->at(i)));
    if (!syncToDisk(rest) || !rest.commit())
        return Error{ErrorCode::DatabaseUnavailable, tr("Cannot rewrite the spool %1").arg(m_path)};
    return stored;
}

} // namespace Sb::Ingest
