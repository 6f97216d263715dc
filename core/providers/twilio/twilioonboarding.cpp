#include "twilioonboarding.h"

#include "twilioaccounts.h"
#include "twilionumbers.h"

#include <core/common/continuation.h>
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

TwilioOnboarding::TwilioOnboarding(std::shared_ptr<Store::Database> database,
                                   std::shared_ptr<const Vault::Sealer> sealer,
                                   Net::HttpClient &http,
                                   Credentials master,
                                   QUrl apiBase)
    : m_database(std::move(database))
    , m_sealer(std::move(sealer))
    , m_http(&http)
    , m_master(std::move(master))
    , m_apiBase(std::move(apiBase))
{}

QString TwilioOnboarding::subaccountName(const QString &tenantName)
{
    return (QStringLiteral("Switchboard: ") + tenantName).left(64); // Twilio's limit
}

bool TwilioOnboarding::isShuttingDown(const std::shared_ptr<Run> &run) const
{
    if (m_http)
        return false;
    run->done(Error{ErrorCode::Unsupported, tr("Not connected: shutting down")});
    return true;
}

void TwilioOnboarding::connect(const Store::TenantScope &tenant,
                               const QString &tenantName,
                               const QString &publicUrl,
                               QObject *context,
                               std::function<void(Result<OnboardingReport>)> done) const
{
    auto run = std::make_shared<Run>(
        Run{tenant, publicUrl, whileAlive(context, std::move(done)), {}, 0, {}});
    if (isShuttingDown(run))
        return;
    auto recorded = m_database->run([database = m_database, sealer = m_sealer, tenant] {
        return TwilioAccounts(*database, *sealer).recordedSid(tenant);
    });
    // Continued with a copy of this object: it may be gone by then.
    onFinished(m_http.data(),
               std::move(recorded),
               [self = *this, run, tenantName](Result<QString> recorded) {
                   if (!recorded) {
                       run->done(recorded.error());
                       return;
                   }
                   if (self.isShuttingDown(run))
                       return;
                   if (recorded->isEmpty()) {
                       self.findOrCreate(run, tenantName);
                       return;
                   }
                   TwilioClient(
                       *self.m_http, run->tenant.tenantId().value(), self.m_master, self.m_apiBase)
                       .fetchSubaccount(*recorded, [self, run](auto subaccount) {
                           self.adopt(run, std::move(subaccount), false);
                       });
               });
}

void TwilioOnboarding::findOrCreate(std::shared_ptr<Run> run, const QString &tenantName) const
{
    const TwilioClient master(*m_http, run->tenant.tenantId().value(), m_master, m_apiBase);
    const QString name = subaccountName(tenantName);
    master.findSubaccount(name, [self = *this, master, name, run](auto found) {
        if (!found) {
            run->done(TwilioClient::toError(found.error()));
        } else if (found->has_value()) {
            self.adopt(run, **found, false);
        } else {
            master.createSubaccount(
                name, [self, run](auto created) { self.adopt(run, std::move(created), true); });
        }
    });
}

void TwilioOnboarding::adopt(std::shared_ptr<Run> run,
                             Result<Subaccount, Net::ProviderError> subaccount,
                             bool isNew) const
{
    if (!subaccount) {
        run->done(TwilioClient::toError(subaccount.error()));
        return;
    }
    if (isShuttingDown(run))
        return;
    auto kept = m_database->run([database = m_database,
                                 sealer = m_sealer,
                                 run,
                                 subaccount = *subaccount] {
        return TwilioAccounts(*database, *sealer).record(run->tenant, subaccount, run->publicUrl);
    });
    onFinished(m_http.data(),
               std::move(kept),
               [self = *this, run, sid = subaccount->sid, isNew](Status kept) {
                   if (!kept) {
                       run->done(kept.error());
                       return;
                   }
                   run->report.subaccountSid = sid;
                   run->report.isNewSubaccount = isNew;
                   if (!self.isShuttingDown(run))
                       self.pointNumbers(run);
               });
}

void TwilioOnboarding::finish(std::shared_ptr<Run> run) const
{
    if (run->firstError) {
        run->done(*run->firstError);
        return;
    }
    if (isShuttingDown(run))
        return;
    auto added = m_database->run([database = m_database, run] {
        return TwilioNumbers::store(*database, run->tenant, run->report.numbers);
    });
    onFinished(m_http.data(), std::move(added), [run](Result<QStringList> added) {
        if (!added) {
            run->done(added.error());
            return;
        }
        run->report.addedNumbers = *added;
        run->done(run->report);
    });
}

void TwilioOnboarding::pointNumbers(std::shared_ptr<Run> run) const
{
    const TwilioClient master(*m_http, run->tenant.tenantId().value(), m_master, m_apiBase);
    const TwilioOnboarding self = *this;
    master.listIncomingNumbers(run->report.subaccountSid, [self, master, run](auto numbers) {
        if (!numbers) {
            run->done(TwilioClient::toError(numbers.error()));
            return;
        }
        const NumberCallbacks ours = NumberCallbacks::ours(run->publicUrl);
        auto finish = [self, run] {
            self.finish(run);
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
