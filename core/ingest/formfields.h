#pragma once

#include <core/common/result.h>

#include <QList>
#include <QPair>
#include <QString>

namespace Sb::Ingest {

// An application/x-www-form-urlencoded body as sent, repeated names and order kept (Twilio's
// signature covers every value). Decoding is Qt's (QUrlQuery), with '+' read as a space.
class FormFields final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Ingest::FormFields)

public:
    static Result<FormFields> parse(const QByteArray &body);

    QString value(const QString &name) const;
    bool contains(const QString &name) const;
    const QList<QPair<QString, QString>> &items() const { return m_items; }

private:
    QList<QPair<QString, QString>> m_items;
};

} // namespace Sb::Ingest
