#include "demoseed.h"

#include "demorecordings.h"

#include <core/store/callstore.h>
#include <core/store/database.h>
#include <core/store/leadstore.h>
#include <core/store/messagestore.h>
#include <core/store/migrator.h>
#include <core/store/phonenumberstore.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>

namespace Sb::Demo {

namespace {
struct Clinic
{
    const char *name;
    const char *displayName;
    const char *clinicNumber;
    const char *assistantNumber;
    const char *greeting;
};

const Clinic kClinics[] = {
    {"smile-dental",
     "Smile Dental",
     "+16175550100",
     "+16175550101",
     "Thanks for calling Smile Dental, this is Ava. How can I help you today?"},
    {"northside-physio",
     "Northside Physio",
     "+15085550120",
     "+15085550121",
     "Northside Physio, you're speaking with Ava. What can I do for you?"},
};

const char *const kFirstNames[] = {"Jane", "Tom",   "Maria", "David",  "Aisha", "Kenji", "Laura",
                                   "Omar", "Grace", "Luis",  "Priya",  "Ethan", "Chloe", "Sam",
                                   "Nora", "Ben",   "Elena", "Marcus", "Ruth",  "Diego"};
const char *const kLastNames[] = {
    "Roe",   "Ng",    "Garcia", "Okafor", "Khan",  "Sato",  "Miller", "Haddad", "Lee",   "Ortiz",
    "Patel", "Brown", "Dubois", "Klein",  "Walsh", "Cohen", "Rossi",  "Nguyen", "Adams", "Silva"};

// One conversation the assistant may have: what the caller says, what it answers, how it ends.
struct Scenario
{
    const char *summary;
    const char *endedReason;
    QList<std::pair<bool, const char *>> turns; // true: the assistant
};

const QList<Scenario> &scenarios()
{
    static const QList<Scenario> all = {
        {"Booked a cleaning for Tuesday at 9:00; asked what insurance covers.",
         "customer-ended-call",
         {{false, "Hi, I need to book a cleaning."},
          {true, "Of course. Do mornings or afternoons suit you better?"},
          {false, "Mornings, ideally early next week."},
          {true, "I have Tuesday at 9:00 with Dr. Chen. Shall I book it?"},
          {false, "Yes please. Does my insurance cover it?"},
          {true, "Most plans cover two cleanings a year; the front desk will confirm yours."},
          {false, "Great, thanks."},
          {true, "You're booked for Tuesday at 9:00. See you then!"}}},
        {"Moved Thursday's appointment to Friday at 14:30.",
         "customer-ended-call",
         {{false, "I can't make my appointment on Thursday."},
          {true, "No problem. Would Friday afternoon work instead?"},
          {false, "Friday after two would be perfect."},
          {true, "Friday at 14:30 is free. I've moved you there."},
          {false, "Thank you!"}}},
        {"Asked about the bill from last visit; wants a call back from billing.",
         "assistant-ended-call",
         {{false, "I got a bill I don't understand."},
          {true,
           "I'm sorry about that. I can't see billing details, but I can have billing "
           "call you back today."},
          {false, "Yes, please have them call me."},
          {true, "Done. They'll call this number before 17:00."}}},
        {"Toothache since yesterday; offered today's emergency slot at 16:00, accepted.",
         "customer-ended-call",
         {{false, "I have a really bad toothache since yesterday."},
          {true, "I'm sorry to hear that. We keep emergency slots; one is free today at 16:00."},
          {false, "I'll take it."},
          {true, "You're booked for 16:00 today. If the swelling gets worse, call us back."}}},
        {"Wanted to speak to Dr. Chen about her crown; handed on to the front desk.",
         "assistant-forwarded-call",
         {{false, "I need to talk to Dr. Chen about my new crown, it feels high."},
          {true, "I'm sorry it's uncomfortable. Let me put you through to the front desk."},
          {false, "Thank you."}}},
        {"Asked for opening hours and parking; no booking.",
         "customer-ended-call",
         {{false, "What are your hours on Saturday?"},
          {true, "We're open 9:00 to 13:00 on Saturdays."},
          {false, "And is there parking?"},
          {true, "Yes, free parking behind the building."},
          {false, "Perfect, thanks."}}},
        {"New patient; booked a first visit for Monday at 10:00, sent the intake form by text.",
         "customer-ended-call",
         {{false, "I'd like to become a patient."},
          {true, "Welcome! The first visit takes an hour. Monday at 10:00 is open."},
          {false, "Monday works."},
          {true, "Booked. I'll text you our intake form to fill in before you come."},
          {false, "Great."}}},
    };
    return all;
}

QString fictionalNumber(QRandomGenerator &random)
{
    static const char *const areas[] = {"617", "508", "781", "857", "978"};
    // Not one arg() string: "%1555" would read as placeholder 15.
    return QStringLiteral("+1") + QLatin1String(areas[random.bounded(5)]) + QStringLiteral("555")
        + QStringLiteral("%1").arg(100 + random.bounded(100), 4, 10, QLatin1Char('0'));
}

// The assistant's greeting, then the scenario's turns.
QList<DemoRecordings::Line> linesOf(const Scenario &scenario, const QString &greeting)
{
    QList<DemoRecordings::Line> lines{{true, greeting}};
    for (const auto &[isAssistant, text] : scenario.turns)
        lines.append({isAssistant, QString::fromUtf8(text)});
    return lines;
}

// About how long each line takes to say, with a pause after it (no recording to measure).
QList<double> estimatedStarts(const QList<DemoRecordings::Line> &lines, double &seconds)
{
    QList<double> starts;
    seconds = 0.6;
    for (const DemoRecordings::Line &line : lines) {
        starts.append(qRound(seconds * 10) / 10.0);
        seconds += line.text.size() / 14.0 + 0.9;
    }
    return starts;
}

// As the end-of-call report gives it: the system prompt, then each turn with its start.
QString transcriptJsonOf(const QList<DemoRecordings::Line> &lines, const QList<double> &starts)
{
    QJsonArray turns{QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                 {QStringLiteral("message"), QStringLiteral("You are Ava…")}}};
    for (qsizetype i = 0; i < lines.size(); ++i) {
        turns.append(
            QJsonObject{{QStringLiteral("role"),
                         lines.at(i).isAssistant ? QStringLiteral("bot") : QStringLiteral("user")},
                        {QStringLiteral("message"), lines.at(i).text},
                        {QStringLiteral("secondsFromStart"), starts.at(i)}});
    }
    return QString::fromUtf8(QJsonDocument(turns).toJson(QJsonDocument::Compact));
}

// One conversation as a demo call carries it: its transcript and, when recorded, its audio.
struct Conversation
{
    QString transcriptJson;
    int seconds = 0;
    QString recordingUrl;
};

// Each scenario of a clinic is recorded once; its calls share the file.
Result<Conversation> conversationOf(const Clinic &clinic,
                                    int scenarioIndex,
                                    bool isRecorded,
                                    QHash<QString, Conversation> &made)
{
    const QString fileName =
        QStringLiteral("%1-%2.wav").arg(QLatin1String(clinic.name)).arg(scenarioIndex);
    if (const auto found = made.constFind(fileName); found != made.cend())
        return *found;
    const Scenario &scenario = scenarios().at(scenarioIndex);
    const auto lines = linesOf(scenario, QLatin1String(clinic.greeting));
    Conversation conversation;
    if (isRecorded) {
        const DemoRecordings::Recording recording = DemoRecordings::synthesize(lines);
        const QString folder = DemoRecordings::folder();
        if (!QDir().mkpath(folder))
            return Error{ErrorCode::IoError,
                         DemoSeed::tr("Cannot create the folder %1").arg(folder)};
        QSaveFile file(QDir(folder).filePath(fileName));
        if (!file.open(QIODevice::WriteOnly) || file.write(recording.wav) != recording.wav.size()
            || !file.commit())
            return Error{
                ErrorCode::IoError,
                DemoSeed::tr("Cannot write %1: %2").arg(file.fileName(), file.errorString())};
        conversation.transcriptJson = transcriptJsonOf(lines, recording.turnStarts);
        conversation.seconds = int(std::ceil(recording.seconds));
        conversation.recordingUrl = DemoRecordings::urlOf(fileName).toString();
    } else {
        double seconds = 0;
        conversation.transcriptJson = transcriptJsonOf(lines, estimatedStarts(lines, seconds));
        conversation.seconds = int(seconds) + 2;
    }
    made.insert(fileName, conversation);
    return conversation;
}

// A time in opening hours (8:00 to 18:00, weekdays mostly) of one of the last `days` days.
qint64 openingHoursTime(QRandomGenerator &random, int days)
{
    const QDate today = QDate::currentDate();
    for (;;) {
        const QDate day = today.addDays(-qint64(random.bounded(days)));
        if (day.dayOfWeek() == 7 || (day.dayOfWeek() == 6 && random.bounded(3) != 0))
            continue;
        const QTime time(8 + random.bounded(10), random.bounded(60), random.bounded(60));
        const QDateTime at(day, time);
        if (at > QDateTime::currentDateTime())
            continue;
        return at.toMSecsSinceEpoch();
    }
}
} // namespace

DemoSeed::DemoSeed(Store::Database &database)
    : m_database(database)
{}

Status DemoSeed::admit(const QString &staffName) const
{
    Store::TenantStore tenants(m_database);
    Store::StaffStore staff(m_database);
    auto member = staff.find(staffName);
    for (const Clinic &clinic : kClinics) {
        auto tenant = tenants.find(QLatin1String(clinic.name));
        if (!tenant)
            return tenant.error();
        if (member) {
            auto memberships = staff.memberships(*member);
            if (!memberships)
                return memberships.error();
            if (std::any_of(memberships->cbegin(), memberships->cend(), [&](const auto &m) {
                    return m.tenant.id == tenant->id;
                }))
                continue;
        }
        if (auto added = staff.addToTenant(staffName, *tenant, Store::Role::Owner); !added)
            return added.error();
    }
    return ok();
}

Result<DemoReport> DemoSeed::seed(const DemoOptions &options) const
{
    QRandomGenerator random(options.seed);
    DemoReport report;
    Store::TenantStore tenants(m_database);
    const Tenancy::AdminSession admin(m_database);
    for (const Clinic &clinic : kClinics) {
        const QString name = QLatin1String(clinic.name);
        if (tenants.find(name))
            return Error{ErrorCode::AlreadyExists,
                         tr("This store has the demo clinic %1 already").arg(name)};
        auto tenant = tenants.add(name, QLatin1String(clinic.displayName));
        if (!tenant)
            return tenant.error();
        report.tenants.append(name);
        if (!options.staffName.isEmpty()) {
            if (auto member = Store::StaffStore(m_database)
                                  .addToTenant(options.staffName, *tenant, Store::Role::Owner);
                !member)
                return member.error();
        }
        auto scope = admin.scope(name);
        if (!scope)
            return scope.error();
        Store::PhoneNumberStore numbers(m_database);
        Store::PhoneNumber line;
        line.e164 = QLatin1String(clinic.clinicNumber);
        line.provider = Store::NumberProvider::Twilio;
        line.purpose = Store::NumberPurpose::Clinic;
        line.label = tr("Front desk");
        if (auto added = numbers.add(*scope, line); !added)
            return added.error();
        Store::PhoneNumber assistant;
        assistant.e164 = QLatin1String(clinic.assistantNumber);
        assistant.provider = Store::NumberProvider::Vapi;
        assistant.purpose = Store::NumberPurpose::Assistant;
        assistant.label = tr("Ava, the assistant");
        if (auto added = numbers.add(*scope, assistant); !added)
            return added.error();

        // Leads: people who asked to be called back.
        Store::LeadStore leads(m_database);
        QStringList leadNumbers;
        for (int i = 0; i < 24; ++i) {
            Store::Lead lead;
            lead.name = QStringLiteral("%1 %2").arg(
                QLatin1String(kFirstNames[random.bounded(int(std::size(kFirstNames)))]),
                QLatin1String(kLastNames[random.bounded(int(std::size(kLastNames)))]));
            // One person, one lead: a number already given is drawn again (500 to draw from).
            do {
                lead.phoneE164 = fictionalNumber(random);
            } while (leadNumbers.contains(lead.phoneE164));
            lead.source = QStringList{tr("web form"), tr("referral"), tr("assistant call")}.at(
                random.bounded(3));
            lead.status = QStringList{QStringLiteral("new"),
                                      QStringLiteral("contacted"),
                                      QStringLiteral("booked")}
                              .at(random.bounded(3));
            // Made over the last weeks, as a clinic's leads come in.
            lead.createdAt = openingHoursTime(random, std::min(options.days, 30));
            if (auto added = leads.add(*scope, lead); !added)
                return added.error();
            leadNumbers.append(lead.phoneE164);
            ++report.leads;
        }

        Store::CallStore calls(m_database);
        QHash<QString, Conversation> conversations;
        for (int i = 0; i < options.callsPerTenant; ++i) {
            Store::CallRecord call;
            call.startedAt = openingHoursTime(random, options.days);
            // A third of the callers are people the clinic knows (its leads).
            call.counterpartE164 = random.bounded(3) == 0
                ? leadNumbers.at(random.bounded(int(leadNumbers.size())))
                : fictionalNumber(random);
            call.isInbound = random.bounded(100) < 85;
            call.provider = QStringLiteral("twilio");
            call.providerCallId =
                QStringLiteral("CA%1").arg(random.generate64(), 32, 16, QLatin1Char('0'));
            call.fromE164 = call.isInbound ? call.counterpartE164 : line.e164;
            call.toE164 = call.isInbound ? line.e164 : call.counterpartE164;
            const int roll = int(random.bounded(100));
            if (call.isInbound && roll < 62) {
                // Answered by the assistant: its report completes the call.
                const int scenarioIndex = random.bounded(int(scenarios().size()));
                const Scenario &scenario = scenarios().at(scenarioIndex);
                auto conversation =
                    conversationOf(clinic, scenarioIndex, options.withRecordings, conversations);
                if (!conversation)
                    return conversation.error();
                call.transcriptJson = conversation->transcriptJson;
                call.recordingUrl = conversation->recordingUrl;
                call.status = QStringLiteral("completed");
                call.vapiCallId = QStringLiteral("demo-%1").arg(random.generate64(), 0, 16);
                call.assistantId = QStringLiteral("ava");
                call.summary = QString::fromUtf8(scenario.summary);
                call.endedReason = QString::fromUtf8(scenario.endedReason);
                call.durationSeconds = conversation->seconds;
                call.costMicros = qint64(call.durationSeconds.value_or(0)) * 1'500;
                QStringList flat;
                for (const auto &[isAssistant, text] : scenario.turns)
                    flat.append((isAssistant ? QStringLiteral("AI: ") : QStringLiteral("User: "))
                                + QString::fromUtf8(text));
                call.transcript = flat.join(u'\n');
            } else if (roll < 80) {
                call.status = QStringLiteral("completed");
                call.durationSeconds = 30 + int(random.bounded(400));
            } else if (roll < 90) {
                call.status = QStringLiteral("no-answer");
                call.durationSeconds = 0;
            } else if (roll < 95) {
                call.status = QStringLiteral("canceled");
                call.durationSeconds = 0;
            } else {
                call.status = QStringLiteral("busy");
                call.durationSeconds = 0;
            }
            if (call.durationSeconds.value_or(0) > 0)
                call.endedAt = call.startedAt + *call.durationSeconds * 1000;
            if (auto added = calls.insert(*scope, call); !added)
                return added.error();
            ++report.calls;
        }

        // Text threads: a patient writes, the front desk answers.
        Store::MessageStore messages(m_database);
        const QList<std::pair<const char *, const char *>> threads = {
            {"Hi, can I move my appointment to next week?",
             "Of course! Tuesday at 10:00 or Wednesday at 15:00?"},
            {"Is the clinic open on Saturday?", "Yes, 9:00 to 13:00. See you then!"},
            {"Running 10 minutes late, sorry!", "No problem, thanks for letting us know."},
            {"Do you take new patients?", "We do! Reply with a good time and we'll call you."},
            {"Can I get a copy of my X-rays?", "Yes, we'll email them to you today."},
        };
        // A patient's text, as the webhook stores it.
        auto receive = [&](const QString &patient,
                           const QString &body,
                           qint64 at,
                           const QList<Store::MessageMedia> &media = {}) -> Status {
            Store::MessageRecord inbound;
            inbound.media = media;
            inbound.isInbound = true;
            inbound.counterpartE164 = patient;
            inbound.ourE164 = line.e164;
            inbound.body = body;
            inbound.status = QStringLiteral("received");
            inbound.providerMessageId =
                QStringLiteral("SM%1").arg(random.generate64(), 32, 16, QLatin1Char('0'));
            inbound.sentAt = at;
            return m_database.transaction(
                *scope, Store::TransactionMode::Write, [&](QSqlDatabase &db) {
                    auto applied =
                        messages.applyIn(db, *scope, inbound, Store::MessageSource::Webhook);
                    return applied ? ok() : Status(applied.error());
                });
        };
        QStringList writingAgain; // the two newest conversations' patients
        // A text conversation a day or so over the last weeks, the newest three this week.
        for (int conversation = 0; conversation < 24; ++conversation) {
            const auto &[asked, answered] = threads.at(conversation % threads.size());
            // A third of those who text are the clinic's leads (named in the list), as callers are.
            const QString patient = conversation % 3 == 1 && !leadNumbers.isEmpty()
                ? leadNumbers.at(random.bounded(int(leadNumbers.size())))
                : fictionalNumber(random);
            const qint64 at =
                openingHoursTime(random, conversation < 3 ? 7 : std::min(options.days, 30));
            if (auto stored = receive(patient, QString::fromUtf8(asked), at); !stored)
                return stored.error();
            if (conversation < 2)
                writingAgain.append(patient);
            Store::MessageRecord reply;
            reply.counterpartE164 = patient;
            reply.ourE164 = line.e164;
            reply.body = QString::fromUtf8(answered);
            reply.status = QStringLiteral("delivered");
            reply.providerMessageId =
                QStringLiteral("SM%1").arg(random.generate64(), 32, 16, QLatin1Char('0'));
            reply.sentAt = at + 4 * 60 * 1000;
            if (auto sent = messages.recordOutbound(*scope, reply); !sent)
                return sent.error();
            report.messages += 2;
        }
        // Two patients wrote again just now, after the staff member joined: new to them. One
        // sends a picture of her insurance card (MMS).
        auto card = DemoRecordings::insuranceCard();
        if (!card)
            return card.error();
        const char *again[] = {"Thank you! See you then.", "Here is my insurance card."};
        for (int i = 0; i < writingAgain.size(); ++i) {
            const QList<Store::MessageMedia> media{
                {card->toString(), QStringLiteral("image/svg+xml")}};
            if (auto stored = receive(writingAgain.at(i),
                                      QString::fromUtf8(again[i]),
                                      QDateTime::currentMSecsSinceEpoch(),
                                      i == 1 ? media : QList<Store::MessageMedia>());
                !stored)
                return stored.error();
            ++report.messages;
        }
    }
    return report;
}

Result<Store::DatabaseUrl> DemoSeed::openOrMake(const QString &path, const QString &staffName)
{
    auto url = Store::DatabaseUrl::parse(QStringLiteral("sqlite:") + path);
    if (!url)
        return url.error();
    auto database = Store::Database::open(*url); // made on first use: an explicit act
    if (!database)
        return database.error();
    if (auto migrated = Store::Migrator(**database).migrate(); !migrated)
        return migrated.error();
    DemoOptions options;
    options.staffName = staffName;
    // Seeded once; opened again as it is on later clicks, by whoever clicks.
    auto seeded = DemoSeed(**database).seed(options);
    if (!seeded && seeded.error().code != ErrorCode::AlreadyExists)
        return seeded.error();
    if (!seeded) {
        if (auto admitted = DemoSeed(**database).admit(staffName); !admitted)
            return admitted.error();
    }
    return *url;
}

} // namespace Sb::Demo
