#pragma once

#include <core/common/result.h>

#include <QString>

namespace Sb::Numbering {

// Turns what people type ("(555) 123-4567", "+44 20 7946 0958") into E.164 with libphonenumber.
// Numbers are stored and looked up in E.164 only, so a screen-pop never misses on formatting.
class PhoneNumberParser final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Numbering::PhoneNumberParser)

public:
    // defaultRegion: ISO 3166 code used when the input has no leading '+' (e.g. "US").
    explicit PhoneNumberParser(const QString &defaultRegion = QStringLiteral("US"));

    Result<QString> toE164(const QString &input) const;
    // "+14155550100" -> "+1 415-555-0100", for display only; unparsable input comes back as is.
    static QString formatInternational(const QString &e164);
    // As people of `region` dial it: "(617) 555-0143" in the US for a US number, "+44 20 7946
    // 0958" for a UK one; for display only.
    static QString formatForRegion(const QString &e164, const QString &region);
    // The region from settings (phone/defaultRegion), "US" when unset.
    static QString configuredRegion();

private:
    QString m_defaultRegion;
};

} // namespace Sb::Numbering
