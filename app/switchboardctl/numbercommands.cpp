#include "cli.h"

#include <core/numbering/phonenumberparser.h>
#include <core/store/phonenumberstore.h>
#include <core/tenancy/staffsession.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Sb::Ctl {

using Store::PhoneNumber;

namespace {
QJsonObject toJson(const PhoneNumber &number)
{
    return {{QStringLiteral("id"), number.id.value()},
            {QStringLiteral("e164"), number.e164},
            {QStringLiteral("provider"), Store::providerName(number.provider)},
            {QStringLiteral("account"), number.providerAccountId},
            {QStringLiteral("numberSid"), number.providerNumberId},
            {QStringLiteral("purpose"), Store::purposeName(number.purpose)},
            {QStringLiteral("assistant"), number.assistantId},
            {QStringLiteral("label"), number.label},
            {QStringLiteral("capabilities"), QJsonArray::fromStringList(number.capabilities)}};
}

Result<QString> normalised(Cli &cli, const QString &input)
{
    const QString region = cli.isSet(QStringLiteral("region"))
        ? cli.option(QStringLiteral("region"))
        : Numbering::PhoneNumberParser::configuredRegion();
    return Numbering::PhoneNumberParser(region).toE164(input);
}

int addNumber(Cli &cli, Store::Database &database, const Store::TenantScope &tenant)
{
    const auto provider = Store::providerFromName(cli.option(QStringLiteral("provider")));
    if (!provider)
        return cli.usage(QStringLiteral("--provider must be twilio, vapi, ringcentral or sip"));
    const auto purpose = Store::purposeFromName(cli.option(QStringLiteral("purpose")));
    if (!purpose)
        return cli.usage(QStringLiteral("--purpose must be clinic, assistant or softphone"));
    auto e164 = normalised(cli, cli.arguments().first());
    if (!e164)
        return cli.fail(e164.error());
    PhoneNumber number;
    number.e164 = *e164;
    number.provider = *provider;
    number.purpose = *purpose;
    number.providerAccountId = cli.option(QStringLiteral("account"));
    // Twilio routes by this SID: a typo would send the number's events to quarantine.
    if (*provider == Store::NumberProvider::Twilio && cli.isSet(QStringLiteral("account"))
        && !QRegularExpression(QStringLiteral("^AC[0-9a-fA-F]{32}$"))
                .match(number.providerAccountId)
                .hasMatch()) {
        return cli.usage(QStringLiteral("--account takes a Twilio account SID: AC and 32 hex"
                                        " digits, e.g. AC0123456789abcdef0123456789abcdef"));
    }
    number.providerNumberId = cli.option(QStringLiteral("number-sid"));
    number.assistantId = cli.option(QStringLiteral("assistant"));
    number.label = cli.option(QStringLiteral("label"));
    auto added = Store::PhoneNumberStore(database).add(tenant, number);
    if (!added)
        return cli.fail(added.error());
    if (cli.wantsJson())
        cli.out() << QJsonDocument(toJson(*added)).toJson(QJsonDocument::Compact) << Qt::endl;
    else
        cli.out() << "added " << added->e164 << Qt::endl;
    return ExitOk;
}

int listNumbers(Cli &cli, Store::Database &database, const Store::TenantScope &tenant)
{
    auto numbers = Store::PhoneNumberStore(database).list(tenant);
    if (!numbers)
        return cli.fail(numbers.error());
    if (cli.wantsJson()) {
        QJsonArray array;
        for (const PhoneNumber &number : std::as_const(*numbers))
            array.append(toJson(number));
        cli.out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    for (const PhoneNumber &number : std::as_const(*numbers)) {
        cli.out() << qSetFieldWidth(17) << Qt::left << number.e164 << qSetFieldWidth(12)
                  << Store::providerName(number.provider) << Store::purposeName(number.purpose)
                  << qSetFieldWidth(16) << number.capabilities.join(u',') << qSetFieldWidth(0)
                  << number.label << Qt::endl;
    }
    return ExitOk;
}
} // namespace

int runNumber(Cli &cli, const QString &action)
{
    const bool takesNumber = action == u"add" || action == u"remove";
    if (!takesNumber && action != u"list")
        return cli.usage(QStringLiteral("unknown command 'number %1'").arg(action));
    if (cli.arguments().size() != (takesNumber ? 1 : 0))
        return cli.usage(takesNumber
                             ? QStringLiteral("usage: number %1 NUMBER --tenant T").arg(action)
                             : QStringLiteral("usage: number list --tenant T"));
    auto context = cli.openTenant();
    if (!context)
        return context.error();
    Store::Database &database = *context->database;
    const Store::TenantScope &tenant = context->scope;
    if (action == u"add")
        return addNumber(cli, database, tenant);
    if (action == u"list")
        return listNumbers(cli, database, tenant);
    auto e164 = normalised(cli, cli.arguments().first());
    if (!e164)
        return cli.fail(e164.error());
    if (auto removed = Store::PhoneNumberStore(database).remove(tenant, *e164); !removed)
        return cli.fail(removed.error());
    if (cli.wantsJson())
        cli.out() << QJsonDocument(QJsonObject{{QStringLiteral("removed"), *e164}})
                         .toJson(QJsonDocument::Compact)
                  << Qt::endl;
    else
        cli.out() << "removed " << *e164 << Qt::endl;
    return ExitOk;
}

} // namespace Sb::Ctl
