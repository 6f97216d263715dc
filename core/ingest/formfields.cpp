#include "formfields.h"

#include <QUrlQuery>

namespace Sb::Ingest {

Result<FormFields> FormFields::parse(const QByteArray &body)
{
    const auto invalid = [](const QString &why) {
        return Error{ErrorCode::InvalidArgument, tr("Malformed form body: %1").arg(why)};
    };
    if (body.isEmpty())
        return invalid(tr("empty"));
    for (const char c : body) {
        // Form encoding is printable ASCII; anything else is not a form.
        if (uchar(c) < 0x20 || uchar(c) > 0x7e)
            return invalid(tr("bytes outside printable ASCII"));
    }
    QByteArray spaced = body;
    spaced.replace('+', "%20");
    FormFields fields;
    const QUrlQuery query(QString::fromLatin1(spaced));
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (name.isEmpty())
            return invalid(tr("a field without a name"));
        fields.m_items.append({name, value});
    }
    return fields;
}

QString FormFields::value(const QString &name) const
{
    for (const auto &[key, value] : m_items) {
        if (key == name)
            return value;
    }
    return {};
}

bool FormFields::contains(const QString &name) const
{
    for (const auto &item : m_items) {
        if (item.first == name)
            return true;
    }
    return false;
}

} // namespace Sb::Ingest
