// libFuzzer target: whatever bytes a spool file holds (torn writes, disk damage) are read
// without crashing, and only whole records are handed on. Run by ./dev fuzz.
#include <core/common/result.h>
#include <core/ingest/spool.h>

#include <QFile>
#include <QTemporaryDir>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir directory;
    Sb::Ingest::Spool spool(directory.path());
    {
        QFile file(spool.filePath());
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    auto drained = spool.drain([](const Sb::Ingest::SpooledRequest &entry) -> Sb::Status {
        if (entry.request.publicUrl.size() < 0)
            __builtin_trap();
        return Sb::ok();
    });
    (void)drained;
    return 0;
}
