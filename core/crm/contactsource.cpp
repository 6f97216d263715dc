#include "contactsource.h"

#include <core/numbering/phonenumberparser.h>

namespace Sb::Crm {

void normaliseNumbers(QList<Store::CrmRecord> &records, const QString &region)
{
    const Numbering::PhoneNumberParser parser(region);
    for (Store::CrmRecord &record : records) {
        if (record.phone.isEmpty())
            continue;
        if (auto e164 = parser.toE164(record.phone))
            record.phoneE164 = *e164;
    }
}

} // namespace Sb::Crm
