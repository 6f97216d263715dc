#include "leadsview.h"

#include "leaddetailview.h"

#include <ui/frame/provideraccess.h>

#include <core/common/continuation.h>
#include <core/crm/contactsource.h>
#include <core/crm/leadpush.h>
#include <core/numbering/phonenumberparser.h>
#include <core/store/database.h>
#include <core/store/leadstore.h>
#include <core/store/oauthgrantstore.h>

// The Leads page and the clinic's CRMs: where the lead shown is in each connected CRM, and
// "Push to …" (the rest of the page is in leadsview.cpp).
namespace Sb::Ui {

void LeadsView::loadCrm(LeadId id)
{
    ProviderAccess *providers = context().providers;
    if (!tenant() || !providers) {
        m_detail->showCrms({});
        return;
    }
    using CrmRecordState = LeadDetailView::CrmRecordState;
    const Providers::CrmPlatforms crms = providers->crms();
    auto read = context().database->run([database = context().database, scope = tenant()->scope, id, crms]()
                                            -> Result<QList<CrmRecordState>> {
        auto grants = Store::OAuthGrantStore(*database).list(scope);
        if (!grants)
            return grants.error();
        QList<CrmRecordState> states;
        for (const QString &platform : crms.names()) {
            auto record = Store::LeadStore(*database).crmRecord(scope, id, platform);
            if (!record)
                return record.error();
            const auto grant = std::find_if(grants->cbegin(), grants->cend(), [&](const Store::StoredGrant &g) {
                return g.key.provider == platform && !g.key.owner.isValid();
            });
            const bool isConnected = grant != grants->cend() && !grant->needsReconnect;
            // A CRM shows when it is connected, or holds this lead from before.
            if (isConnected || *record)
                states.append({platform, crms.find(platform)->displayName(), *record, isConnected});
        }
        return states;
    });
    onFinished(this, std::move(read), [this, id](Result<QList<CrmRecordState>> states) {
        if (m_detail->shown().id != id)
            return;
        if (!states)
            return m_detail->showCrms({});
        const bool hasTokens = context().providers->tokens();
        for (CrmRecordState &state : *states)
            state.mayPush = state.mayPush && hasTokens;
        m_detail->showCrms(*states);
    });
}

void LeadsView::pushToCrm(LeadId id, const QString &platform)
{
    ProviderAccess *providers = context().providers;
    if (!tenant() || !providers || !providers->tokens())
        return;
    const auto crm = providers->crms().find(platform);
    if (!crm)
        return;
    if (m_crmTokens != providers->tokens()) { // the vault opened again: new tokens
        m_crms.clear();
        m_crmTokens = providers->tokens();
    }
    auto &source = m_crms[platform];
    if (!source)
        source = crm->contacts(providers->http(), *providers->tokens(), tenant()->scope,
                               Numbering::PhoneNumberParser::configuredRegion());
    m_detail->setPushing(platform);
    m_detail->showNotice(tr("Pushing to %1…").arg(crm->displayName()));
    Crm::LeadPush::push(context().database, tenant()->scope, id, *source, this,
                        [this, id, name = crm->displayName()](Result<Crm::PushedLead> pushed) {
        if (!pushed)
            m_detail->showNotice(tr("Not pushed: %1").arg(pushed.error().message));
        else
            m_detail->showNotice(pushed->wasThere ? tr("Already in %1 (record %2).").arg(name, pushed->recordId)
                                                  : tr("Pushed to %1 (record %2).").arg(name, pushed->recordId));
        loadCrm(id);
    });
}

} // namespace Sb::Ui
