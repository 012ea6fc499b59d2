// The public marketplace: live offers, a product page by "<publisher>.<offer>", preview links, and the
// Contact me leads that publishers list. Nothing here needs a principal except listing leads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "service/offers.hpp"
#include "service/page.hpp"

namespace seatkeeper::service {

struct MarketplaceOffer {
    data::OfferRecord record;
    std::string publisher_name;
    std::vector<domain::Plan> plans;  // live: published plans; preview: the plans under review
    bool preview = false;
};

// Live offers whose name, summary, description or ids contain `query` (case-insensitive); all when empty.
Result<std::vector<MarketplaceOffer>> list_marketplace_offers(Services& services, const std::string& query);
// `product` is "<publisher>.<offer>". A live offer, or an offer in preview when `preview_token` matches.
Result<MarketplaceOffer> get_marketplace_offer(Services& services, const std::string& product,
                                               const std::string& preview_token);

struct NewLead {
    std::string name;
    std::string email;
    std::string company;
    std::string message;
};
struct LeadRecord {
    std::string id;
    std::string offer_id;
    NewLead lead;
    Millis created_at = 0;
};
// "<publisher>.<offer>" as in a marketplace link → (publisher ID, offer ID); Invalid (field `offer`, rule
// "product") otherwise. What a tenant's Get it now and Free trial name the offer by.
Result<std::pair<std::string, std::string>> parse_product(const std::string& product);
// Leaves a lead for the publisher of `offer_id` with its lead.created event, in the caller's transaction: Contact
// me, and a tenant installing the offer or starting its free trial.
LeadRecord append_lead(store::Transaction& tx, const std::string& actor, const std::string& publisher_id,
                       const std::string& offer_id, const NewLead& input);
// The lead a tenant's admin leaves by acting on an offer: their name and address, the tenant's name, `message`.
NewLead tenant_lead(store::Transaction& tx, const Principal& principal, std::string message);
// Contact me: only for offers whose marketplace actions include contact_me.
Result<LeadRecord> create_lead(Services& services, const std::string& product, const std::string& preview_token,
                               const NewLead& input);
// Newest first, one page at a time (`offer_id` "" for all the publisher's offers).
Result<Page<LeadRecord>> list_leads(Services& services, const Principal& principal, const std::string& offer_id,
                                    const PageQuery& page);

}  // namespace seatkeeper::service
