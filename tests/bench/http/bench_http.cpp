// HTTP core benchmark (./dev bench http): 10,000 paged requests through Net::HttpClient against
// the fake Twilio program over loopback, 8 in flight (8 subaccounts, each listing its numbers one
// per page by following next_page_uri), and, in the same run, wrk with 8 connections fetching
// a page of the same list from the same fake. The client's time per request against wrk's is
// what it costs us over a minimal C client (target: within 2x).
#include <core/net/httpclient.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTextStream>
#include <QThread>

using namespace Sb;

namespace {
constexpr int kChains = 8; // in flight
constexpr int kPagesPerChain = 1250; // 10,000 requests in all

struct Fake
{
    QString apiBase;
    QList<QPair<QString, QString>> subaccounts; // sid, token
};

QByteArray basicAuth(const QString &sid, const QString &token)
{
    return "Basic " + (sid + u':' + token).toLatin1().toBase64();
}

// Each chain lists one subaccount's numbers a page at a time, as TwilioClient does.
double runClient(const Fake &fake, int &requests, int &failures)
{
    Net::HttpClient::Options options;
    options.maxInFlightPerKey = 1; // one chain per key: 8 keys, 8 in flight
    Net::HttpClient http(options);
    int finishedChains = 0;
    QElapsedTimer clock;
    clock.start();
    std::function<void(int, QString)> next = [&](int chain, const QString &uri) {
        Net::HttpRequest request;
        request.key = {chain + 1, QStringLiteral("twilio"), fake.subaccounts.at(chain).first};
        request.url = QUrl(fake.apiBase).resolved(QUrl(uri));
        request.setHeader("Authorization",
                          basicAuth(fake.subaccounts.at(chain).first,
                                    fake.subaccounts.at(chain).second));
        http.send(request, [&, chain](Net::HttpResult result) {
            ++requests;
            const QString following =
                result ? result->json().value(u"next_page_uri").toString() : QString();
            if (!result)
                ++failures;
            if (following.isEmpty()) {
                if (++finishedChains == kChains)
                    QCoreApplication::quit();
                return;
            }
            next(chain, following);
        });
    };
    for (int chain = 0; chain < kChains; ++chain)
        next(chain,
             QStringLiteral("/2010-04-01/Accounts/%1/IncomingPhoneNumbers.json?PageSize=1")
                 .arg(fake.subaccounts.at(chain).first));
    QCoreApplication::exec();
    return clock.nsecsElapsed() / 1e9;
}

double runWrk(const Fake &fake, int seconds, QString &report)
{
    const auto &[sid, token] = fake.subaccounts.first();
    QProcess wrk;
    wrk.start(QStringLiteral("wrk"),
              {QStringLiteral("-t1"),
               QStringLiteral("-c%1").arg(kChains),
               QStringLiteral("-d%1s").arg(seconds),
               QStringLiteral("-H"),
               QStringLiteral("Authorization: ") + QString::fromLatin1(basicAuth(sid, token)),
               fake.apiBase
                   + QStringLiteral("/2010-04-01/Accounts/%1/IncomingPhoneNumbers.json?PageSize=1")
                         .arg(sid)});
    wrk.waitForFinished(seconds * 1000 + 30000);
    report = QString::fromUtf8(wrk.readAllStandardOutput());
    return QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)"))
        .match(report)
        .captured(1)
        .toDouble();
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QProcess fakeProcess;
    fakeProcess.start(QStringLiteral(SB_FAKE_TWILIO_PATH),
                      {QStringLiteral("--numbers-per-subaccount"),
                       QString::number(kPagesPerChain),
                       QStringLiteral("--subaccounts"),
                       QString::number(kChains)});
    if (!fakeProcess.waitForStarted(10000) || !fakeProcess.waitForReadyRead(30000)) {
        QTextStream(stderr) << "bench_http: the fake Twilio did not start" << Qt::endl;
        return 1;
    }
    const QJsonObject started = QJsonDocument::fromJson(fakeProcess.readLine()).object();
    Fake fake{started.value(u"apiBase").toString(), {}};
    for (const QJsonValue &account : started.value(u"subaccounts").toArray())
        fake.subaccounts.append({account[u"sid"].toString(), account[u"token"].toString()});

    int requests = 0;
    int failures = 0;
    const double clientSeconds = runClient(fake, requests, failures);
    QString report;
    const int wrkSeconds = qMax(3, int(clientSeconds + 0.5));
    const double wrkRate = runWrk(fake, wrkSeconds, report);
    fakeProcess.kill();
    fakeProcess.waitForFinished();

    const double clientRate = requests / clientSeconds;
    out << "http benchmark: " << requests << " paged requests, " << kChains << " in flight, "
        << failures << " failed; machine: " << QSysInfo::prettyProductName() << ", "
        << QThread::idealThreadCount() << " CPUs\n";
    out << QStringLiteral("  HttpClient: %1 s, %2 requests/s, %3 µs per request\n")
               .arg(clientSeconds, 0, 'f', 2)
               .arg(clientRate, 0, 'f', 0)
               .arg(1e6 / clientRate, 0, 'f', 1);
    out << QStringLiteral("  wrk -t1 -c%1 -d%2s, same fake and list: %3 requests/s, %4 µs per "
                          "request\n")
               .arg(kChains)
               .arg(wrkSeconds)
               .arg(wrkRate, 0, 'f', 0)
               .arg(1e6 / wrkRate, 0, 'f', 1);
    const double ratio = wrkRate / clientRate;
    out << QStringLiteral("  client time per request / wrk's: %1x (target: within 2x) %2\n")
               .arg(ratio, 0, 'f', 2)
               .arg(ratio <= 2.0 ? QStringLiteral("met") : QStringLiteral("NOT met"));
    if (requests != kChains * kPagesPerChain || failures > 0) {
        QTextStream(stderr) << "bench_http: expected " << kChains * kPagesPerChain
                            << " successful requests" << Qt::endl;
        return 1;
    }
    return 0;
}
