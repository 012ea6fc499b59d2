// The identifier rules of PRODUCT.md step 1, 2 and 4: publisher IDs, Offer IDs, Plan IDs, aliases, and the
// Service ID built from them. Each check returns a Status naming the field and the rule, with a message a
// person can act on. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/status.hpp"

namespace seatkeeper::domain {

// `len(publisher ID) + len(offer ID)` must stay under this (the seed: "under 40 characters").
inline constexpr std::size_t kMaxPublisherPlusOfferLength = 39;
inline constexpr std::size_t kMaxPlanIdLength = 50;
inline constexpr std::size_t kMaxAliasLength = 100;

// Lowercase ASCII letters, digits, '-' and '_'; nothing else (no spaces, no uppercase).
bool is_id_text(std::string_view text);

Status validate_publisher_id(std::string_view id);
Status validate_offer_id(std::string_view publisher_id, std::string_view offer_id);
Status validate_plan_id(std::string_view plan_id);
Status validate_offer_alias(std::string_view alias);
Status validate_email(std::string_view field, std::string_view email);
// http(s) URL with a host, no spaces or control characters.
Status validate_url(std::string_view field, std::string_view url);

// "<publisher ID>.<offer ID>.<plan ID>": globally unique because each part is unique in its scope and
// none may contain '.'.
std::string service_id(std::string_view publisher_id, std::string_view offer_id, std::string_view plan_id);

}  // namespace seatkeeper::domain
