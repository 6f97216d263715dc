#pragma once

#include <QString>

namespace Sb::Numbering {

// What someone typed into a search box, read as a search: a whole phone number in any format
// ("(555) 123-4567" → +15551234567), part of one (three digits or more), or words of a name
// or an email. The leads and contacts lists both search this way.
struct TypedSearch
{
    QString text; // words, trimmed (empty when a number was typed)
    QString e164; // a whole number
    QString digits; // part of a number

    static TypedSearch parse(const QString &typed, const QString &region);
    bool isEmpty() const { return text.isEmpty() && e164.isEmpty() && digits.isEmpty(); }
};

} // namespace Sb::Numbering
