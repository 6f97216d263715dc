#include "cli.h"

#include <core/numbering/phonenumberparser.h>
#include <core/providers/twilio/twilioclient.h>
#include <core/store/messagestore.h>
#include <core/store/personname.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace Sb::Ctl {

QJsonObject messageJson(const Store::MessageRecord &message)
{
    QJsonObject json{{QStringLiteral("id"), message.id.value()},
                     {QStringLiteral("channel"), message.channel},
                     {QStringLiteral("direction"),
                      message.isInbound ? QStringLiteral("inbound") : QStringLiteral("outbound")},
                     {QStringLiteral("ours"), message.ourE164},
                     {QStringLiteral("counterpart"), message.counterpartE164},
                     {QStringLiteral("body"), message.body},
                     {QStringLiteral("status"), message.status},
                     {QStringLiteral("sid"), message.providerMessageId},
                     {QStringLiteral("sentAt"), message.sentAt},
                     {QStringLiteral("provider"), message.provider}};
    if (message.lineOwner.isValid())
        json.insert(QStringLiteral("lineOwner"), message.lineOwner.value());
    if (!message.errorCode.isEmpty()) {
        json.insert(QStringLiteral("errorCode"), message.errorCode);
        json.insert(QStringLiteral("error"),
                    Providers::Twilio::TwilioClient::explain(message.errorCode));
    }
    if (!message.media.isEmpty()) {
        QJsonArray media;
        for (const Store::MessageMedia &item : message.media) {
            media.append(QJsonObject{{QStringLiteral("url"), item.url},
                                     {QStringLiteral("type"), item.contentType}});
        }
        json.insert(QStringLiteral("media"), media);
    }
    return json;
}

namespace {
// messages list --tenant T [--with NUMBER [--whatsapp | --user U]]: the newest messages, or one
// thread (of the clinic's numbers, or U's own line).
int listMessages(Cli &cli)
{
    auto page = cli.page();
    if (!page)
        return page.error();
    auto context = cli.openTenant();
    if (!context)
        return context.error();
    Store::MessageStore store(*context->database);
    Result<QList<Store::MessageRecord>> messages = QList<Store::MessageRecord>();
    if (cli.isSet(QStringLiteral("with"))) {
        auto counterpart =
            Numbering::PhoneNumberParser(Numbering::PhoneNumberParser::configuredRegion())
                .toE164(cli.option(QStringLiteral("with")));
        if (!counterpart)
            return cli.fail(counterpart.error());
        Store::ConversationKey conversation{
            cli.isSet(QStringLiteral("whatsapp")) ? QStringLiteral("whatsapp") : QStringLiteral("sms"),
            *counterpart,
            {}};
        if (cli.isSet(QStringLiteral("user"))) { // a staff member's own line
            auto member = staffMemberNamed(cli, *context, QStringLiteral("--user names whose own line"));
            if (!member)
                return member.error();
            conversation.lineOwner = member->id;
        }
        messages = store.thread(context->scope, conversation, page->limit + 1, page->beforeId);
        // Oldest first: the one more fetched to know of a cut is the first.
        if (messages && messages->size() > page->limit) {
            messages->removeFirst();
            cli.noteCut(page->limit, messages->first().id.value());
        }
    } else {
        messages = store.newest(context->scope, page->limit + 1, page->beforeId);
        if (messages)
            cli.cutToPage(*messages, *page, [](const auto &row) { return row.id.value(); });
    }
    if (!messages)
        return cli.fail(messages.error());
    // Each person by the clinic's name for them (a lead, else a CRM contact), as the console.
    QStringList numbers;
    for (const auto &message : std::as_const(*messages))
        numbers.append(message.counterpartE164);
    auto names = Store::PersonNames(*context->database).namesOf(context->scope, numbers);
    if (!names)
        return cli.fail(names.error());
    if (cli.wantsJson()) {
        QJsonArray rows;
        for (const auto &message : std::as_const(*messages)) {
            QJsonObject row = messageJson(message);
            if (const QString name = names->value(message.counterpartE164); !name.isEmpty())
                row.insert(QStringLiteral("name"), name);
            rows.append(row);
        }
        cli.out() << QJsonDocument(rows).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    for (const auto &message : std::as_const(*messages)) {
        cli.out() << QDateTime::fromMSecsSinceEpoch(message.sentAt).toString(Qt::ISODate) << "  "
                  << (message.isInbound ? "<- " : "-> ") << message.counterpartE164;
        if (const QString name = names->value(message.counterpartE164); !name.isEmpty())
            cli.out() << " (" << name << ")";
        cli.out() << "  " << message.channel << "  " << message.status;
        if (!message.errorCode.isEmpty())
            cli.out() << " (" << message.errorCode << ": "
                      << Providers::Twilio::TwilioClient::explain(message.errorCode) << ")";
        cli.out() << "  " << message.body;
        for (const Store::MessageMedia &item : message.media)
            cli.out() << "  [" << item.contentType << ": " << item.url << "]";
        cli.out() << Qt::endl;
    }
    return ExitOk;
}
} // namespace

int runMessages(Cli &cli, const QString &action)
{
    if (action == u"list")
        return listMessages(cli);
    return cli.usage(QStringLiteral("unknown messages command '%1'").arg(action));
}

} // namespace Sb::Ctl
