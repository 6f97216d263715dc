#include "cli.h"

#include <core/numbering/phonenumberparser.h>
#include <core/store/leadstore.h>

#include <QJsonArray>
#include <QJsonDocument>

namespace Sb::Ctl {

namespace {
QJsonObject leadJson(const Store::Lead &lead)
{
    return {{QStringLiteral("id"), lead.id.value()},
            {QStringLiteral("name"), lead.name},
            {QStringLiteral("phone"), lead.phoneE164},
            {QStringLiteral("email"), lead.email},
            {QStringLiteral("source"), lead.source},
            {QStringLiteral("status"), lead.status},
            {QStringLiteral("createdAt"), lead.createdAt}};
}

// lead add NAME --tenant T [--phone NUMBER] [--email ADDRESS] [--source TEXT]
int addLead(Cli &cli, const TenantContext &context)
{
    if (cli.arguments().isEmpty())
        return cli.usage(QStringLiteral("usage: lead add NAME --tenant T [--phone NUMBER]"));
    Store::Lead lead;
    lead.name = cli.arguments().join(u' ');
    lead.email = cli.option(QStringLiteral("email"));
    lead.source = cli.option(QStringLiteral("source"));
    if (cli.isSet(QStringLiteral("phone"))) {
        auto phone =
            Numbering::PhoneNumberParser(cli.isSet(QStringLiteral("region"))
                                             ? cli.option(QStringLiteral("region"))
                                             : Numbering::PhoneNumberParser::configuredRegion())
                .toE164(cli.option(QStringLiteral("phone")));
        if (!phone)
            return cli.fail(phone.error());
        lead.phoneE164 = *phone;
    }
    auto added = Store::LeadStore(*context.database).add(context.scope, lead);
    if (!added)
        return cli.fail(added.error());
    if (cli.wantsJson())
        cli.out() << QJsonDocument(leadJson(*added)).toJson(QJsonDocument::Compact) << Qt::endl;
    else
        cli.out() << "added lead " << added->id.value() << Qt::endl;
    return ExitOk;
}

int listLeads(Cli &cli, const TenantContext &context)
{
    auto page = cli.page();
    if (!page)
        return page.error();
    auto leads =
        Store::LeadStore(*context.database).newest(context.scope, page->limit + 1, page->beforeId);
    if (!leads)
        return cli.fail(leads.error());
    cli.cutToPage(*leads, *page, [](const auto &row) { return row.id.value(); });
    if (cli.wantsJson()) {
        QJsonArray rows;
        for (const auto &lead : std::as_const(*leads))
            rows.append(leadJson(lead));
        cli.out() << QJsonDocument(rows).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    for (const auto &lead : std::as_const(*leads))
        cli.out() << lead.id.value() << "  " << lead.name << "  " << lead.phoneE164 << "  "
                  << lead.status << Qt::endl;
    return ExitOk;
}
} // namespace

int runLead(Cli &cli, const QString &action)
{
    if (action != u"add" && action != u"list")
        return cli.usage(QStringLiteral("unknown lead command '%1'").arg(action));
    auto context = cli.openTenant();
    if (!context)
        return context.error();
    return action == u"add" ? addLead(cli, *context) : listLeads(cli, *context);
}

} // namespace Sb::Ctl
