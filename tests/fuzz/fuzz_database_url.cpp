// libFuzzer target: --db values and SWITCHBOARD_DB from users. Run by ./dev fuzz.
#include <core/store/databaseurl.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    auto url = Sb::Store::DatabaseUrl::parse(text);
    if (url && url->toString().contains(u"@") && url->backend() == Sb::Store::Backend::Sqlite
        && !text.startsWith(u"sqlite:"))
        __builtin_trap();
    return 0;
}
