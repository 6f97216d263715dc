#pragma once

#include <core/common/result.h>
#include <core/store/contactstore.h>

#include <functional>

namespace Sb::Crm {

// A page of a CRM's contacts.
struct ContactPage
{
    QList<Store::CrmRecord> records;
    QString nextCursor; // empty: this was the last page
    // The cursor asked for no longer works at the CRM (Zoho's page tokens expire): the pass
    // starts again from its beginning (reading a record twice changes nothing).
    bool restartPass = false;
};

// One CRM's contacts, a page at a time, with that CRM's own paging, limits and shapes
// (core/providers/hubspot, core/providers/zoho implement it). Asynchronous: done runs on the
// caller's thread, exactly once.
class ContactSource
{
public:
    using PageDone = std::function<void(Result<ContactPage>)>;

    virtual ~ContactSource() = default;
    virtual QString platform() const = 0;
    // The region of numbers written without a country code (the tenant's).
    virtual QString numbersRegion() const = 0;
    // How many contacts there are, roughly (for progress; 0 when the CRM does not say).
    virtual void estimateTotal(std::function<void(Result<int>)> done) = 0;
    // Every record: the page after `cursor` ("" for the first).
    virtual void listPage(const QString &cursor, PageDone done) = 0;
    // Records changed at or after `since` (epoch ms), oldest change first: the page after
    // `cursor` ("" for the first). The cursor may restart the query past a CRM's result cap.
    virtual void changedPage(qint64 since, const QString &cursor, PageDone done) = 0;
    // A new record for this person; the CRM's id for it. A person the CRM already has (the same
    // email) is that record's id, nothing created.
    struct NewContact
    {
        QString name;
        QString email;
        QString phoneE164;
    };
    virtual void createContact(const NewContact &person, std::function<void(Result<QString>)> done) = 0;
};

// Each record's number in E.164, by libphonenumber, `region` for numbers without a country
// code; one that is no valid number keeps what the CRM wrote and no E.164 (it joins no one).
void normaliseNumbers(QList<Store::CrmRecord> &records, const QString &region);

} // namespace Sb::Crm
