#include "service/marketplace.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "data/marketplace.hpp"
#include "data/tenants.hpp"
#include "domain/ids.hpp"
#include "service/events.hpp"

namespace seatkeeper::service {

namespace {

std::string lowercase(std::string_view s) { return text::ascii_lower(s); }

std::optional<std::pair<std::string, std::string>> split_product(const std::string& product) {
    const auto dot = product.find('.');
    if (dot == std::string::npos) return std::nullopt;
    auto publisher = product.substr(0, dot);
    auto offer = product.substr(dot + 1);
    if (!domain::is_id_text(publisher) || !domain::is_id_text(offer)) return std::nullopt;
    return std::make_pair(std::move(publisher), std::move(offer));
}

bool visible(const data::OfferRecord& rec, const std::string& preview_token, bool& preview) {
    preview = false;
    if (rec.offer.state == domain::OfferState::kLive) return true;
    const bool previewable =
        rec.offer.state == domain::OfferState::kPreview || rec.offer.state == domain::OfferState::kPublishing;
    if (previewable && !preview_token.empty() && !rec.preview_token.empty() &&
        crypto::constant_time_equal(preview_token, rec.preview_token)) {
        preview = true;
        return true;
    }
    return false;
}

MarketplaceOffer assemble(store::Transaction& tx, data::OfferRecord rec, bool preview) {
    MarketplaceOffer out{std::move(rec), {}, {}, preview};
    const auto& o = out.record.offer;
    if (auto name = data::marketplace::publisher_name(tx, o.publisher_id)) out.publisher_name = std::move(*name);
    for (auto& p : data::offers::list_plans(tx, o.publisher_id, o.id)) {
        if (preview || p.plan.state == domain::PlanState::kPublished) out.plans.push_back(std::move(p.plan));
    }
    return out;
}

Result<MarketplaceOffer> find_product(store::Transaction& tx, const std::string& product,
                                      const std::string& preview_token) {
    const Status missing = Status::NotFound("no offer '" + product + "' on the marketplace");
    const auto ids = split_product(product);
    if (!ids) return missing;
    auto rec = data::offers::find_offer(tx, ids->first, ids->second);
    bool preview = false;
    if (!rec || !visible(*rec, preview_token, preview)) return missing;
    return assemble(tx, std::move(*rec), preview);
}

}  // namespace

Result<std::vector<MarketplaceOffer>> list_marketplace_offers(Services& services, const std::string& query) {
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<MarketplaceOffer>> {
            std::vector<MarketplaceOffer> out;
            const std::string needle = lowercase(query);
            for (const auto& key : data::marketplace::live_offers(tx)) {
                auto rec = data::offers::find_offer(tx, key.publisher_id, key.offer_id);
                if (!rec) continue;
                const auto& o = rec->offer;
                const std::string haystack = lowercase(o.publisher_id + "." + o.id + " " + o.listing.name + " " +
                                                       o.listing.summary + " " + o.listing.description);
                if (!needle.empty() && haystack.find(needle) == std::string::npos) continue;
                out.push_back(assemble(tx, std::move(*rec), false));
            }
            return out;
        });
}

Result<MarketplaceOffer> get_marketplace_offer(Services& services, const std::string& product,
                                               const std::string& preview_token) {
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) { return find_product(tx, product, preview_token); });
}

Result<LeadRecord> create_lead(Services& services, const std::string& product, const std::string& preview_token,
                               const NewLead& input) {
    SK_RETURN_IF_ERROR(json::require_text("name", input.name));
    SK_RETURN_IF_ERROR(domain::validate_email("email", input.email));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<LeadRecord> {
            SK_ASSIGN_OR_RETURN(MarketplaceOffer offer, find_product(tx, product, preview_token));
            const auto actions = domain::marketplace_actions(offer.record.offer);
            if (std::find(actions.begin(), actions.end(), domain::CallToAction::kContactMe) == actions.end()) {
                return Status::Conflict("contact_me_unavailable", "this offer does not take Contact me requests");
            }
            return append_lead(tx, "public", offer.record.offer.publisher_id, offer.record.offer.id, input);
        });
}

Result<std::pair<std::string, std::string>> parse_product(const std::string& product) {
    const auto dot = product.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 >= product.size()) {
        return Status::Invalid("offer", "product", "offer must be '<publisher>.<offer>' as in the marketplace link");
    }
    return std::make_pair(product.substr(0, dot), product.substr(dot + 1));
}

NewLead tenant_lead(store::Transaction& tx, const Principal& principal, std::string message) {
    const auto tenant = data::tenants::find(tx, principal.tenant_id);
    return {principal.name.empty() ? principal.actor : principal.name, principal.email,
            tenant ? tenant->name : principal.tenant_id, std::move(message)};
}

LeadRecord append_lead(store::Transaction& tx, const std::string& actor, const std::string& publisher_id,
                       const std::string& offer_id, const NewLead& input) {
    LeadRecord lead{"lead_" + crypto::random_token(12), offer_id, input, now_millis()};
    data::marketplace::insert_lead(
        tx, {lead.id, publisher_id, offer_id, input.name, input.email, input.company, input.message, lead.created_at});
    append_event(
        tx, actor, publisher_id,
        domain::make_event<domain::EventType::kLeadCreated>(domain::lead_subject(offer_id, lead.id), std::nullopt,
                                                            domain::LeadSnapshot{lead.id, input.email, input.company}));
    return lead;
}

Result<Page<LeadRecord>> list_leads(Services& services, const Principal& principal, const std::string& offer_id,
                                    const PageQuery& page) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadOffers));
    SK_ASSIGN_OR_RETURN(const Keyset after, parse_keyset(page.cursor));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<Page<LeadRecord>> {
            Page<LeadRecord> out;
            for (auto& r :
                 data::marketplace::leads(tx, principal.publisher_id, offer_id, after.present, after.created_at,
                                          after.id, static_cast<std::int64_t>(page.limit + 1))) {
                out.items.push_back(
                    {std::move(r.id),
                     std::move(r.offer_id),
                     {std::move(r.name), std::move(r.email), std::move(r.company), std::move(r.message)},
                     r.created_at});
            }
            if (out.items.size() > page.limit) {
                out.items.pop_back();
                out.next_cursor = keyset_cursor(out.items.back().created_at, out.items.back().id);
            }
            return out;
        });
}

}  // namespace seatkeeper::service
