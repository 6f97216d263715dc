#include "twilioonboarding.h"

#include <core/store/database.h>
#include <core/store/phonenumberstore.h>
#include <core/store/sqlquery.h>
#include <core/vault/sealedsecretstore.h>

#include <QDateTime>

namespace Sb::Providers::Twilio {

struct TwilioOnboarding::Run
{
    Tenancy::TenantScope tenant;
    QString publicUrl;
    std::function<void(Result<OnboardingReport>)> done;
    OnboardingReport report;
    int pending = 0;
    std::optional<Error> firstError;
};

TwilioOnboarding::TwilioOnboarding(Store::Database &database,
                                   const Vault::Sealer &sealer,
                                   Net::HttpClient &http,
                                   Credentials master,
                                   QUrl apiBase)
    : m_database(database)
    , m_sealer(sealer)
    , m_http(http)
    , m_master(std::move(master))
    , m_apiBase(std::move(apiBase))
{}

QString TwilioOnboarding::subaccountName(const QString &tenantName)
{
    return (QStringLiteral("Switchboard: ") + tenantName).left(64); // Twilio's limit
}

Error TwilioOnboarding::failed(const Net::ProviderError &error)
{
    Error plain = error.toError();
    const QString explained = TwilioClient::explain(error);
    if (explained != error.message)
        plain.message += QStringLiteral(" (") + explained + u')';
    return plain;
}

void TwilioOnboarding::connect(const Tenancy::TenantScope &tenant,
                               const QString &tenantName,
                               const QString &publicUrl,
                               std::function<void(Result<OnboardingReport>)> done) const
{
    auto run = std::make_shared<Run>(Run{tenant, publicUrl, std::move(done), {}, 0, {}});
    auto recorded = recordedSubaccount(tenant);
    if (!recorded) {
        run->done(recorded.error());
        return;
    }
    const TwilioClient master(m_http, tenant.tenantId().value(), m_master, m_apiBase);
    const TwilioOnboarding self = *this;
    auto adopt = [self, run](Result<Subaccount, Net::ProviderError> subaccount, bool isNew) {
        if (!subaccount) {
            run->done(failed(subaccount.error()));
            return;
        }
        if (auto kept = self.keep(run->tenant, *subaccount); !kept) {
            run->done(kept.error());
            return;
        }
        run->report.subaccountSid = subaccount->sid;
        run->report.isNewSubaccount = isNew;
        self.pointNumbers(run);
    };
    if (!recorded->isEmpty()) {
        master.fetchSubaccount(*recorded,
                               [adopt](auto subaccount) { adopt(std::move(subaccount), false); });
        return;
    }
    const QString name = subaccountName(tenantName);
    master.findSubaccount(name, [master, name, adopt, run](auto found) {
        if (!found) {
            run->done(failed(found.error()));
        } else if (found->has_value()) {
            adopt(**found, false);
        } else {
            master.createSubaccount(name,
                                    [adopt](auto created) { adopt(std::move(created), true); });
        }
    });
}

Result<QString> TwilioOnboarding::recordedSubaccount(const Tenancy::TenantScope &tenant) const
{
    QString sid;
    auto status =
        m_database.transaction(tenant, Store::TransactionMode::Read, [&](QSqlDatabase &db) {
            Store::SqlQuery query(db,
                                  QStringLiteral("SELECT external_account_id FROM connections"
                                                 " WHERE tenant_id = :t AND kind = 'provider'"
                                                 " AND provider = 'twilio' AND staff_id IS NULL"
                                                 " ORDER BY id LIMIT 1"));
            auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value()).exec();
            if (ran && query.next())
                sid = query.value(0).toString();
            return ran;
        });
    if (!status)
        return status.error();
    return sid;
}

Status TwilioOnboarding::keep(const Tenancy::TenantScope &tenant,
                              const Subaccount &subaccount) const
{
    // The token first: a connection is never recorded without the secret that verifies it.
    if (auto sealed = Vault::SealedSecretStore(m_database, m_sealer)
                          .put(tenant,
                               QStringLiteral("twilio-account:") + subaccount.sid,
                               QStringLiteral("auth-token"),
                               subaccount.authToken);
        !sealed)
        return sealed;
    return m_database.transaction(tenant, Store::TransactionMode::Write, [&](QSqlDatabase &db) {
        Store::SqlQuery exists(
            db,
            QStringLiteral("SELECT COUNT(*) FROM connections WHERE tenant_id = :t"
                           " AND provider = 'twilio' AND external_account_id = :sid"));
        auto count = exists.bind(QStringLiteral(":t"), tenant.tenantId().value())
                         .bind(QStringLiteral(":sid"), subaccount.sid)
                         .scalar();
        if (!count)
            return Status(count.error());
        if (count->toInt() > 0)
            return ok();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        return Store::SqlQuery(db,
                               QStringLiteral("INSERT INTO connections (tenant_id, kind, provider,"
                                              " external_account_id, label, status, created_at,"
                                              " updated_at) VALUES (:t, 'provider', 'twilio', :sid,"
                                              " :label, 'connected', :now, :now)"))
            .bind(QStringLiteral(":t"), tenant.tenantId().value())
            .bind(QStringLiteral(":sid"), subaccount.sid)
            .bind(QStringLiteral(":label"), subaccount.friendlyName)
            .bind(QStringLiteral(":now"), now)
            .exec();
    });
}

void TwilioOnboarding::pointNumbers(std::shared_ptr<Run> run) const
{
    const TwilioClient master(m_http, run->tenant.tenantId().value(), m_master, m_apiBase);
    const TwilioOnboarding self = *this;
    master.listIncomingNumbers(run->report.subaccountSid, [self, master, run](auto numbers) {
        if (!numbers) {
            run->done(failed(numbers.error()));
            return;
        }
        QString base = run->publicUrl;
        while (base.endsWith(u'/'))
            base.chop(1);
        const NumberCallbacks ours{base + QStringLiteral("/twilio/sms"),
                                   base + QStringLiteral("/twilio/voice"),
                                   base + QStringLiteral("/twilio/call-status")};
        auto finish = [self, run] {
            if (run->firstError) {
                run->done(*run->firstError);
                return;
            }
            auto added = self.storeNumbers(run->tenant, run->report.numbers);
            if (!added) {
                run->done(added.error());
                return;
            }
            run->report.addedNumbers = *added;
            run->done(run->report);
        };
        run->pending = int(numbers->size());
        if (run->pending == 0) {
            finish();
            return;
        }
        for (const IncomingNumber &number : std::as_const(*numbers)) {
            const bool isPointed = number.smsUrl == ours.smsUrl && number.voiceUrl == ours.voiceUrl
                && number.statusCallback == ours.statusCallback;
            auto settled = [run, finish](Result<IncomingNumber, Net::ProviderError> result) {
                if (result)
                    run->report.numbers.append(*result);
                else if (!run->firstError)
                    run->firstError = failed(result.error());
                if (--run->pending == 0)
                    finish();
            };
            if (isPointed)
                settled(number); // already right: nothing to send
            else
                master.setNumberCallbacks(run->report.subaccountSid, number.sid, ours, settled);
        }
    });
}

Result<QStringList> TwilioOnboarding::storeNumbers(const Tenancy::TenantScope &tenant,
                                                   const QList<IncomingNumber> &numbers) const
{
    Store::PhoneNumberStore store(m_database);
    QStringList added;
    for (const IncomingNumber &number : numbers) {
        if (store.find(tenant, number.e164))
            continue;
        Store::PhoneNumber phone;
        phone.e164 = number.e164;
        phone.provider = Store::NumberProvider::Twilio;
        phone.providerAccountId = number.accountSid;
        phone.providerNumberId = number.sid;
        phone.purpose = Store::NumberPurpose::Clinic;
        if (auto stored = store.add(tenant, phone); !stored)
            return stored.error();
        added.append(number.e164);
    }
    return added;
}

} // namespace Sb::Providers::Twilio
