#include "phonenumberparser.h"

#include <core/common/excerpt.h>

#include <phonenumbers/phonenumberutil.h>

#include <QSettings>

namespace Sb::Numbering {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

PhoneNumberParser::PhoneNumberParser(const QString &defaultRegion)
    : m_defaultRegion(defaultRegion.toUpper())
{}

QString PhoneNumberParser::configuredRegion()
{
    return QSettings()
        .value(QStringLiteral("phone/defaultRegion"), QStringLiteral("US"))
        .toString();
}

Result<QString> PhoneNumberParser::toE164(const QString &input) const
{
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty())
        return Error{ErrorCode::InvalidPhoneNumber, tr("The phone number is empty")};
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const auto parsed = util.Parse(trimmed.toStdString(), m_defaultRegion.toStdString(), &number);
    QString reason;
    switch (parsed) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
        break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
        reason = tr("unknown country code (add + and the country code, or set the default "
                    "region; it is %1)")
                     .arg(m_defaultRegion);
        break;
    case PhoneNumberUtil::NOT_A_NUMBER:
        reason = tr("not a phone number");
        break;
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
        reason = tr("too short");
        break;
    case PhoneNumberUtil::TOO_LONG_NSN:
        reason = tr("too long");
        break;
    }
    if (reason.isEmpty() && !util.IsValidNumber(number))
        reason = tr("no such number exists in the numbering plan of its country");
    if (!reason.isEmpty()) {
        return Error{ErrorCode::InvalidPhoneNumber,
                     tr("'%1' is not a valid phone number: %2").arg(excerpt(trimmed), reason)};
    }
    std::string e164;
    util.Format(number, PhoneNumberUtil::E164, &e164);
    return QString::fromStdString(e164);
}

QString PhoneNumberParser::formatForRegion(const QString &e164, const QString &region)
{
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util.Parse(e164.toStdString(), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return e164;
    std::string formatted;
    std::string numberRegion;
    util.GetRegionCodeForNumber(number, &numberRegion);
    if (numberRegion == region.toStdString())
        util.Format(number, PhoneNumberUtil::NATIONAL, &formatted);
    else
        util.FormatOutOfCountryCallingNumber(number, region.toStdString(), &formatted);
    return QString::fromStdString(formatted);
}

} // namespace Sb::Numbering

namespace Sb::Numbering {

QString PhoneNumberParser::formatInternational(const QString &e164)
{
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util.Parse(e164.toStdString(), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return e164;
    std::string formatted;
    util.Format(number, PhoneNumberUtil::INTERNATIONAL, &formatted);
    return QString::fromStdString(formatted);
}

} // namespace Sb::Numbering
