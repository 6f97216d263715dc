// CRM sync benchmark (./dev bench sync): 100,000 contacts from the fake HubSpot program over
// loopback HTTPS at HubSpot's page size (100). In the same run: the raw transfer (the same pages
// fetched one after another through Net::HttpClient, bodies not read further), then the full
// sync into a fresh store on each backend (parse, normalise to E.164, store with the sync's
// state), its resident memory growth, and searches at 100,000 contacts. Target: the sync adds
// at most 100% to the raw transfer; memory grows by at most 50 MB; a search answers within
// 50 ms. SB_BENCH_BACKEND=sqlite|postgres runs one backend; SB_BENCH_CONTACTS another size.
#include "../../support/testdatabase.h"

#include <core/crm/contactsync.h>
#include <core/net/httpclient.h>
#include <core/numbering/typedsearch.h>
#include <core/oauth/accesstokens.h>
#include <core/oauth/grantvault.h>
#include <core/providers/hubspot/hubspotcontacts.h>
#include <core/store/contactstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/datakeys.h>
#include <core/vault/sealer.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslCertificate>
#include <QSysInfo>
#include <QTextStream>
#include <QThread>
#include <QUrlQuery>

#include <algorithm>

using namespace Sb;

namespace {
qint64 residentKilobytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

struct Fake
{
    QProcess process;
    QJsonObject started;
    bool start(int contacts)
    {
        process.start(QStringLiteral(SB_FAKE_HUBSPOT_PATH),
                      {QStringLiteral("--tls"), QStringLiteral("--issue-tokens"), QStringLiteral("--contacts"),
                       QString::number(contacts)});
        if (!process.waitForStarted(10000) || !process.waitForReadyRead(120000))
            return false;
        started = QJsonDocument::fromJson(process.readLine()).object();
        return started.contains(u"base");
    }
    QUrl base() const { return QUrl(started.value(u"base").toString()); }
    QSslCertificate certificate() const
    {
        return QSslCertificate(started.value(u"certificate").toString().toLatin1());
    }
    ~Fake()
    {
        process.kill();
        process.waitForFinished();
    }
};

// Sleeps between events: a loop that polls would take a core from the store and the fake on
// this two-core machine (it did until 2026-12-01, session 12).
template<typename Predicate>
void runUntil(Predicate done, int ms = 600000)
{
    QElapsedTimer clock;
    clock.start();
    QTimer wake; // the time limit, even when nothing else happens
    wake.start(1000);
    while (!done() && clock.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

// Every page fetched as the sync fetches it, nothing done with the bodies: the floor.
qint64 rawTransfer(Net::HttpClient &http, const Fake &fake, int &pages)
{
    QElapsedTimer clock;
    clock.start();
    QString after;
    bool finished = false;
    std::function<void()> next = [&] {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
        query.addQueryItem(QStringLiteral("properties"),
                           QStringLiteral("firstname,lastname,email,phone,mobilephone,lastmodifieddate,hs_merged_object_ids"));
        query.addQueryItem(QStringLiteral("archived"), QStringLiteral("false"));
        if (!after.isEmpty())
            query.addQueryItem(QStringLiteral("after"), after);
        Net::HttpRequest request;
        request.key = {1, QStringLiteral("hubspot"), {}};
        request.url = fake.base().resolved(QUrl(QStringLiteral("/crm/v3/objects/contacts?") + query.toString(QUrl::FullyEncoded)));
        request.setHeader("Authorization", "Bearer " + fake.started.value(u"accessToken").toString().toLatin1());
        http.send(std::move(request), [&](Net::HttpResult result) {
            ++pages;
            // The cursor only, found without parsing the page.
            const QByteArray body = result ? result->body : QByteArray();
            const qsizetype at = body.lastIndexOf("\"after\":\"");
            after = at < 0 ? QString() : QString::fromLatin1(body.mid(at + 9, body.indexOf('"', at + 9) - at - 9));
            if (!result || after.isEmpty())
                finished = true;
            else
                next();
        });
    };
    next();
    runUntil([&] { return finished; });
    return clock.elapsed();
}

double medianMs(QList<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples.isEmpty() ? -1 : samples.at(samples.size() / 2);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int contacts = qEnvironmentVariableIntValue("SB_BENCH_CONTACTS") > 0 ? qEnvironmentVariableIntValue("SB_BENCH_CONTACTS") : 100'000;
    out << "sync benchmark: " << contacts << " contacts from the fake HubSpot over loopback HTTPS; "
        << QSysInfo::prettyProductName() << ", " << QThread::idealThreadCount() << " cores" << Qt::endl;
    Fake fake;
    if (!fake.start(contacts)) {
        out << "the fake HubSpot did not start" << Qt::endl;
        return 1;
    }
    Net::HttpClient::Options options;
    options.extraCaCertificates = {fake.certificate()};
    Net::HttpClient http(options);

    int pages = 0;
    const qint64 rawMs = rawTransfer(http, fake, pages);
    out << "raw transfer: " << pages << " pages in " << rawMs << " ms" << Qt::endl;

    const QString only = qEnvironmentVariable("SB_BENCH_BACKEND");
    Test::TestDatabase databases;
    auto sealer = std::make_shared<Vault::Sealer>(*Vault::DataKeys::generate());
    for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
        if (!only.isEmpty() && only != backend)
            continue;
        auto database = databases.createMigrated(backend);
        if (!database) {
            out << backend << ": " << database.error().message << Qt::endl;
            return 1;
        }
        if (!Store::TenantStore(**database).add(QStringLiteral("clinic-a"), {}))
            return 1;
        const auto scope = *Tenancy::AdminSession(**database).scope(QStringLiteral("clinic-a"));
        OAuth::TokenGrant grant;
        grant.accessToken = Secret::fromString(fake.started.value(u"accessToken").toString());
        grant.refreshToken = Secret::fromString(fake.started.value(u"refreshToken").toString());
        grant.expiresAt = QDateTime::currentDateTimeUtc().addSecs(1800);
        if (!OAuth::GrantVault(**database, *sealer).connect(scope, {QStringLiteral("hubspot"), StaffId()}, grant, QStringLiteral("bench")))
            return 1;
        OAuth::AccessTokens tokens(*database, sealer, http, [](Store::Database &, const Store::TenantScope &, const Store::StoredGrant &) {
            return Result<OAuth::RefreshTarget>(Error{ErrorCode::Unsupported, QStringLiteral("no refresh in the benchmark")});
        });
        const auto bases = Providers::HubSpot::HubSpotBases::at(fake.base());
        Providers::HubSpot::HubSpotContacts source(http, tokens, scope, bases);
        Crm::ContactSync sync(*database, scope, source);
        std::optional<Status> outcome;
        qint64 peakKb = residentKilobytes();
        const qint64 startKb = peakKb;
        QObject::connect(&sync, &Crm::ContactSync::progressed, [&](const Crm::SyncProgress &) {
            peakKb = std::max(peakKb, residentKilobytes());
        });
        QObject::connect(&sync, &Crm::ContactSync::finished, [&](const Status &status) { outcome = status; });
        QElapsedTimer clock;
        clock.start();
        sync.start();
        runUntil([&] { return outcome.has_value(); });
        const qint64 syncMs = clock.elapsed();
        if (!outcome || !*outcome) {
            out << backend << ": the sync failed: " << (outcome ? outcome->error().message : QStringLiteral("timeout")) << Qt::endl;
            return 1;
        }
        const int stored = *Store::ContactStore(**database).count(scope);
        out << backend << ": sync of " << stored << " contacts in " << syncMs << " ms ("
            << QString::number(100.0 * (syncMs - rawMs) / rawMs, 'f', 0) << "% over the raw transfer); resident memory +"
            << (peakKb - startKb) / 1024 << " MB at its peak" << Qt::endl;

        // Searches as the Contacts page makes them (its first page: 200 rows).
        Store::ContactStore store(**database);
        const QList<QPair<QString, QString>> typed = {
            {QStringLiteral("a whole number"), QStringLiteral("(617) 245-6789")},
            {QStringLiteral("part of a name, rare"), QStringLiteral("khan-5123")},
            {QStringLiteral("part of a name, common"), QStringLiteral("ana")},
            {QStringLiteral("an email"), QStringLiteral("Patient.77777@clinic")},
            {QStringLiteral("digits"), QStringLiteral("2456")},
            {QStringLiteral("no match"), QStringLiteral("zzzz")},
            {QStringLiteral("everyone (the first page)"), QString()},
        };
        for (const auto &[what, text] : typed) {
            const auto parsed = Numbering::TypedSearch::parse(text, QStringLiteral("US"));
            QList<double> samples;
            int found = 0;
            for (int run = 0; run < 7; ++run) {
                QElapsedTimer searchClock;
                searchClock.start();
                auto rows = store.search(scope, {parsed.text, parsed.e164, parsed.digits}, 201);
                samples.append(searchClock.nsecsElapsed() / 1e6);
                found = rows ? int(rows->size()) : -1;
            }
            out << backend << ": search, " << what << " (\"" << text << "\"): " << QString::number(medianMs(samples), 'f', 1)
                << " ms, " << found << " rows" << Qt::endl;
        }
    }
    return 0;
}
