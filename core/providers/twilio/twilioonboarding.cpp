#include "twilioonboarding.h"

#include "twilioaccounts.h"
#include "twilionumbers.h"

#include <core/store/database.h>

namespace Sb::Providers::Twilio {

struct TwilioOnboarding::Run
{
    Store::TenantScope tenant;
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

void TwilioOnboarding::connect(const Store::TenantScope &tenant,
                               const QString &tenantName,
                               const QString &publicUrl,
                               std::function<void(Result<OnboardingReport>)> done) const
{
    auto run = std::make_shared<Run>(Run{tenant, publicUrl, std::move(done), {}, 0, {}});
    auto recorded = TwilioAccounts(m_database, m_sealer).recordedSid(tenant);
    if (!recorded) {
        run->done(recorded.error());
        return;
    }
    const TwilioClient master(m_http, tenant.tenantId().value(), m_master, m_apiBase);
    const TwilioOnboarding self = *this;
    auto adopt = [self, run](Result<Subaccount, Net::ProviderError> subaccount, bool isNew) {
        if (!subaccount) {
            run->done(TwilioClient::toError(subaccount.error()));
            return;
        }
        if (auto kept = TwilioAccounts(self.m_database, self.m_sealer)
                            .record(run->tenant, *subaccount, run->publicUrl);
            !kept) {
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
            run->done(TwilioClient::toError(found.error()));
        } else if (found->has_value()) {
            adopt(**found, false);
        } else {
            master.createSubaccount(name,
                                    [adopt](auto created) { adopt(std::move(created), true); });
        }
    });
}

void TwilioOnboarding::pointNumbers(std::shared_ptr<Run> run) const
{
    const TwilioClient master(m_http, run->tenant.tenantId().value(), m_master, m_apiBase);
    const TwilioOnboarding self = *this;
    master.listIncomingNumbers(run->report.subaccountSid, [self, master, run](auto numbers) {
        if (!numbers) {
            run->done(TwilioClient::toError(numbers.error()));
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
            auto added = TwilioNumbers::store(self.m_database, run->tenant, run->report.numbers);
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
                    run->firstError = TwilioClient::toError(result.error());
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

} // namespace Sb::Providers::Twilio
