// The fake VAPI as a program, for tests that drive switchboardctl and for trying it by hand:
//   fake_vapi [--number +E164] [--server-url URL --server-secret S] [--messages-to URL]
//             [--end-calls-after MS]
// makes one organisation with one assistant answering --number, prints one JSON line
// {"apiBase", "orgId", "privateKey", "publicKey", "assistantId", "numberId"} and serves until
// killed. Its keys are the fake's own placeholders, not credentials of anything real.
#include "fakevapi.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const auto option = [&arguments](const char *name, const QString &fallback = {}) {
        const qsizetype at = arguments.indexOf(QLatin1String(name));
        return at > 0 ? arguments.value(at + 1) : fallback;
    };
    Sb::Fakes::FakeVapi vapi;
    const auto org = vapi.addOrg(option("--server-url"), option("--server-secret"));
    const QString assistant = vapi.addAssistant(org.id, QStringLiteral("Front desk"));
    const QString number =
        vapi.addNumber(org.id, option("--number", QStringLiteral("+16175551000")), assistant);
    if (const QString target = option("--messages-to"); !target.isEmpty())
        vapi.sendMessagesTo(QUrl(target));
    if (const QString after = option("--end-calls-after"); !after.isEmpty())
        vapi.endCallsAfter(after.toInt());
    QTextStream(stdout) << QJsonDocument(QJsonObject{
                                             {QStringLiteral("apiBase"), vapi.baseUrl()},
                                             {QStringLiteral("orgId"), org.id},
                                             {QStringLiteral("privateKey"), org.privateKey},
                                             {QStringLiteral("publicKey"), org.publicKey},
                                             {QStringLiteral("assistantId"), assistant},
                                             {QStringLiteral("numberId"), number},
                                         })
                               .toJson(QJsonDocument::Compact)
                        << Qt::endl;
    return QCoreApplication::exec();
}
