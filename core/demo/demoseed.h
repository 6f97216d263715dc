#pragma once

#include <core/common/result.h>
#include <core/store/databaseurl.h>

#include <QStringList>

namespace Sb::Store {
class Database;
}

namespace Sb::Demo {

struct DemoOptions
{
    int callsPerTenant = 400;
    int days = 90; // calls spread over the last N days, in opening hours
    QString staffName; // made a member (owner) of both clinics when set
    quint32 seed = 20261130; // the same store every time
    // The assistant's calls get WAV recordings (DemoRecordings: speech, or tones without
    // espeak-ng) in this machine's demo recordings folder.
    bool withRecordings = true;
};

struct DemoReport
{
    QStringList tenants;
    int calls = 0;
    int leads = 0;
    int messages = 0;
};

// Two made-up clinics with realistic data, through the store's own repositories: calls over
// the last months with outcomes, the assistant's summaries and transcripts as speaker turns,
// leads and text threads. Numbers are in the 555-01xx range reserved for fiction. What the
// console's demo and the screenshots show, and what `switchboardctl demo seed` writes.
class DemoSeed final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Demo::DemoSeed)

public:
    explicit DemoSeed(Store::Database &database);
    // Refuses a store that has the demo clinics already.
    Result<DemoReport> seed(const DemoOptions &options) const;
    // Makes a staff member owner of the demo clinics (a demo seeded for someone else).
    Status admit(const QString &staffName) const;
    // The console's "Open the demo clinic": the SQLite store at path, made and seeded on the
    // first click and opened as it is on later ones, with staffName an owner of its clinics.
    // Touches the disk and the store: call it on a worker thread.
    static Result<Store::DatabaseUrl> openOrMake(const QString &path, const QString &staffName);

private:
    Store::Database &m_database;
};

} // namespace Sb::Demo
