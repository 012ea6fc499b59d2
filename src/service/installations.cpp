#include "service/installations.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "data/installations.hpp"
#include "data/seats.hpp"
#include "data/tenants.hpp"
#include "domain/ids.hpp"
#include "domain/limits.hpp"
#include "domain/offer.hpp"
#include "service/events.hpp"
#include "service/marketplace.hpp"
#include "service/offers.hpp"

namespace seatkeeper::service {

using domain::EventType;
using domain::make_event;

namespace {

Installation installation(data::InstallationRow r) {
    return {std::move(r.id),       std::move(r.tenant_id),   std::move(r.tenant_name),  std::move(r.publisher_id),
            std::move(r.offer_id), std::move(r.environment), std::move(r.installed_by), r.created_at};
}

std::vector<Installation> installations(std::vector<data::InstallationRow> rows) {
    std::vector<Installation> out;
    out.reserve(rows.size());
    for (auto& r : rows) out.push_back(installation(std::move(r)));
    return out;
}

}  // namespace

Result<Installation> install_offer(Services& services, const Principal& principal, const std::string& product,
                                   const std::string& environment) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kInstall));
    SK_ASSIGN_OR_RETURN(const auto ids, parse_product(product));
    const std::string& publisher_id = ids.first;
    const std::string& offer_id = ids.second;
    SK_RETURN_IF_ERROR(json::require_text("environment", environment));
    if (text::utf8_length(environment) > domain::kMaxEnvironmentLength) {
        return Status::Invalid(
            "environment", "max_length",
            "environment must be at most " + std::to_string(domain::kMaxEnvironmentLength) + " characters");
    }
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<Installation> {
            const auto offer = data::offers::find_offer(tx, publisher_id, offer_id);
            if (!offer || offer->offer.state != domain::OfferState::kLive) {
                return Status::NotFound("no live offer '" + product + "' in the marketplace");
            }
            const auto actions = domain::marketplace_actions(offer->offer);
            const bool get_it_now =
                std::find(actions.begin(), actions.end(), domain::CallToAction::kGetItNow) != actions.end();
            const bool licensed = offer->offer.licensing.license_management &&
                                  data::seats::has_licensed_pool(tx, principal.tenant_id, publisher_id, offer_id);
            if (!get_it_now && !licensed) {
                if (!offer->offer.licensing.license_management) {
                    return Status::Conflict("not_installable",
                                            "This offer can't be installed from the marketplace; use its call to "
                                            "action instead",
                                            "offer");
                }
                return Status::Conflict("needs_license",
                                        "This app needs licenses before it can be installed: contact the publisher "
                                        "(Contact me) to buy them",
                                        "offer");
            }
            if (data::installations::exists(tx, principal.tenant_id, publisher_id, offer_id, environment)) {
                return Status::Conflict("duplicate",
                                        product + " is already installed in the environment '" + environment + "'",
                                        "environment");
            }
            const Millis now = now_millis();
            const std::string id = "ins_" + crypto::random_token(9);
            data::installations::insert(
                tx, {id, principal.tenant_id, "", publisher_id, offer_id, environment, principal.actor, now});
            append_event(
                tx, principal.actor, publisher_id,
                make_event<EventType::kInstallationCreated>(
                    domain::installation_subject(principal.tenant_id, id), std::nullopt,
                    domain::InstallationSnapshot{id, product, environment, principal.tenant_id}, principal.tenant_id));
            // The publisher learns who installed it, as from Contact me.
            append_lead(
                tx, principal.actor, publisher_id, offer_id,
                tenant_lead(tx, principal, "Installed " + product + " in the environment '" + environment + "'"));
            return installation(*data::installations::find(tx, id));
        });
}

Result<std::vector<Installation>> list_tenant_installations(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kReadLicenses));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<Installation>> {
                                     return installations(data::installations::of_tenant(tx, principal.tenant_id));
                                 });
}

Result<std::vector<Installation>> list_publisher_installations(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadOffers));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<Installation>> {
            return installations(data::installations::of_publisher(tx, principal.publisher_id));
        });
}

}  // namespace seatkeeper::service
