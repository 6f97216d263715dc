#pragma once

#include "callrecord.h"

#include <core/common/result.h>

#include <QList>
#include <QString>

namespace Sb::Store {

class SqlQuery;

// How the calls table is read, shared by CallStore's read path (callstore.cpp) and its write
// path (callwrites.cpp): the columns, and a row made into a CallRecord.
namespace CallRows {

// Listings leave out the transcript; one call is read whole, named after its person
// (personname.h) when listed or shown.
extern const QString kSelect; // listings
extern const QString kSelectShown; // one call, shown
extern const QString kSelectWhole; // one call, to merge a record into

enum class Read { Listed, Shown, WholeForWriting };

CallRecord callFrom(const SqlQuery &query, Read read = Read::Listed);
Status collect(SqlQuery &query, QList<CallRecord> &calls);

} // namespace CallRows
} // namespace Sb::Store
