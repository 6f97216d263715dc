// HTTP core benchmark (./dev bench http): 10,000 paged requests through Net::HttpClient against
// the fake Twilio program over loopback, 8 in flight (8 subaccounts, each listing its numbers one
// per page by following next_page_uri), and, in the same run, wrk with 8 connections fetching
// a page of the same list from the same fake. The client's time per request against wrk's is
// what it costs us over a minimal C client (target: within 2x).
// Measured twice: over HTTPS, as every provider serves (the target applies here), and over plain
// HTTP, where Qt 6.4 reads a response's headers from an unbuffered socket one byte per syscall.
#include <core/net/httpclient.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSysInfo>
#include <QTextStream>
#include <QThread>

using namespace Sb;

namespace {
constexpr int kChains = 8; // in flight
constexpr int kPagesPerChain = 1250; // 10,000 requests in all

struct Fake
{
    QProcess process;
    QString apiBase;
    QSslCertificate certificate; // null over HTTP
    QList<QPair<QString, QString>> subaccounts; // sid, token

    bool start(bool tls)
    {
        QStringList arguments{QStringLiteral("--numbers-per-subaccount"),
                              QString::number(kPagesPerChain),
                              QStringLiteral("--subaccounts"),
                              QString::number(kChains)};
        if (tls)
            arguments << QStringLiteral("--tls");
        process.start(QStringLiteral(SB_FAKE_TWILIO_PATH), arguments);
        if (!process.waitForStarted(10000) || !process.waitForReadyRead(30000))
            return false;
        const QJsonObject started = QJsonDocument::fromJson(process.readLine()).object();
        apiBase = started.value(u"apiBase").toString();
        certificate = QSslCertificate(started.value(u"certificate").toString().toLatin1());
        for (const QJsonValue &account : started.value(u"subaccounts").toArray())
            subaccounts.append({account[u"sid"].toString(), account[u"token"].toString()});
        return !apiBase.isEmpty();
    }
    ~Fake()
    {
        process.kill();
        process.waitForFinished();
    }
};

QByteArray basicAuth(const QString &sid, const QString &token)
{
    return "Basic " + (sid + u':' + token).toLatin1().toBase64();
}

// One GET; done gets the body, or nothing if it failed.
using Get = std::function<void(int chain,
                               const QUrl &url,
                               const QByteArray &authorization,
                               std::function<void(std::optional<QByteArray>)> done)>;

// Each chain lists one subaccount's numbers a page at a time, as TwilioClient does.
double runChains(const Fake &fake, const Get &get, int &requests, int &failures)
{
    int finishedChains = 0;
    QElapsedTimer clock;
    clock.start();
    std::function<void(int, QString)> next = [&](int chain, const QString &uri) {
        const auto &[sid, token] = fake.subaccounts.at(chain);
        get(chain,
            QUrl(fake.apiBase).resolved(QUrl(uri)),
            basicAuth(sid, token),
            [&, chain](std::optional<QByteArray> body) {
                ++requests;
                const QString following =
                    body ? QJsonDocument::fromJson(*body).object().value(u"next_page_uri").toString()
                         : QString();
                if (!body)
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

// Through Switchboard's HTTP core: a rate key per subaccount, breaker, retry policy.
double runHttpClient(const Fake &fake, int &requests, int &failures)
{
    Net::HttpClient::Options options;
    options.maxInFlightPerKey = 1; // one chain per key: 8 keys, 8 in flight
    if (!fake.certificate.isNull())
        options.extraCaCertificates = {fake.certificate};
    Net::HttpClient http(options);
    const Get get = [&](int chain, const QUrl &url, const QByteArray &authorization, auto done) {
        Net::HttpRequest request;
        request.key = {chain + 1, QStringLiteral("twilio"), fake.subaccounts.at(chain).first};
        request.url = url;
        request.setHeader("Authorization", authorization);
        http.send(request, [done](Net::HttpResult result) {
            done(result ? std::optional(result->body) : std::nullopt);
        });
    };
    return runChains(fake, get, requests, failures);
}

// QNetworkAccessManager alone, as a baseline: what HttpClient adds is the difference.
double runBareQnam(const Fake &fake, int &requests, int &failures)
{
    QNetworkAccessManager network;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!fake.certificate.isNull())
        tls.addCaCertificates({fake.certificate});
    const Get get = [&](int, const QUrl &url, const QByteArray &authorization, auto done) {
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", authorization);
        request.setSslConfiguration(tls);
        QNetworkReply *reply = network.get(request);
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done] {
            reply->deleteLater();
            done(reply->error() == QNetworkReply::NoError ? std::optional(reply->readAll())
                                                          : std::nullopt);
        });
    };
    return runChains(fake, get, requests, failures);
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

// One transport: the client, then wrk for as long as the client took. False if requests failed.
bool measure(bool tls, QTextStream &out)
{
    Fake fake;
    if (!fake.start(tls)) {
        QTextStream(stderr) << "bench_http: the fake Twilio did not start" << Qt::endl;
        return false;
    }
    int bareRequests = 0;
    int bareFailures = 0;
    const double bareSeconds = runBareQnam(fake, bareRequests, bareFailures);
    int requests = 0;
    int failures = 0;
    const double clientSeconds = runHttpClient(fake, requests, failures);
    QString report;
    const int wrkSeconds = qMax(3, int(clientSeconds + 0.5));
    const double wrkRate = runWrk(fake, wrkSeconds, report);

    const double clientRate = requests / clientSeconds;
    out << (tls ? "HTTPS" : "HTTP") << ": " << requests << " paged requests, " << kChains
        << " in flight, " << failures << " failed\n";
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
    out << QStringLiteral("  QNetworkAccessManager alone: %1 s, %2 µs per request (HttpClient adds "
                          "%3 µs)\n")
               .arg(bareSeconds, 0, 'f', 2)
               .arg(1e6 * bareSeconds / bareRequests, 0, 'f', 1)
               .arg(1e6 * (clientSeconds / requests - bareSeconds / bareRequests), 0, 'f', 1);
    const double ratio = wrkRate / clientRate;
    out << QStringLiteral("  client time per request / wrk's: %1x").arg(ratio, 0, 'f', 2);
    if (tls)
        out << QStringLiteral(" (target: within 2x) %1")
                   .arg(ratio <= 2.0 ? QStringLiteral("met") : QStringLiteral("NOT met"));
    out << Qt::endl;
    if (requests != kChains * kPagesPerChain || failures > 0 || bareFailures > 0) {
        QTextStream(stderr) << "bench_http: expected " << kChains * kPagesPerChain
                            << " successful requests" << Qt::endl;
        return false;
    }
    return true;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    out << "http benchmark; machine: " << QSysInfo::prettyProductName() << ", "
        << QThread::idealThreadCount() << " CPUs" << Qt::endl;
    const bool httpsPassed = measure(true, out);
    const bool httpPassed = measure(false, out);
    return httpsPassed && httpPassed ? 0 : 1;
}
