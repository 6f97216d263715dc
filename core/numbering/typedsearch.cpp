#include "typedsearch.h"

#include "phonenumberparser.h"

namespace Sb::Numbering {

TypedSearch TypedSearch::parse(const QString &typed, const QString &region)
{
    TypedSearch search;
    const QString trimmed = typed.trimmed();
    if (trimmed.isEmpty())
        return search;
    // A number as people write it: digits with spaces, dashes, dots, brackets, a leading +.
    QString digits;
    bool isNumber = true;
    for (const QChar c : trimmed) {
        if (c.isDigit())
            digits += c;
        else if (!QStringLiteral(" -.()+").contains(c))
            isNumber = false;
    }
    if (isNumber && digits.size() >= 3) {
        if (auto whole = PhoneNumberParser(region).toE164(trimmed); whole && digits.size() >= 7)
            search.e164 = *whole;
        else
            search.digits = digits;
        return search;
    }
    search.text = trimmed;
    return search;
}

} // namespace Sb::Numbering
