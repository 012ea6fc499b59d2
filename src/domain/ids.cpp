#include "domain/ids.hpp"

#include <algorithm>

#include "common/json.hpp"
#include "common/text.hpp"

namespace seatkeeper::domain {

namespace {
bool is_id_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }

Status id_text_rule(std::string_view field, std::string_view label, std::string_view id) {
    if (id.empty()) return Status::Invalid(std::string(field), "required", std::string(label) + " is required");
    if (id.find(' ') != std::string_view::npos) {
        return Status::Invalid(std::string(field), "no_spaces", std::string(label) + " can't contain spaces");
    }
    if (std::any_of(id.begin(), id.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        return Status::Invalid(std::string(field), "lowercase",
                               std::string(label) + " must use lowercase letters only");
    }
    if (!is_id_text(id)) {
        return Status::Invalid(
            std::string(field), "characters",
            std::string(label) + " may contain only lowercase letters, digits, hyphens (-) and underscores (_)");
    }
    return Status::Ok();
}
}  // namespace

bool is_id_text(std::string_view text) { return !text.empty() && std::all_of(text.begin(), text.end(), is_id_char); }

Status validate_publisher_id(std::string_view id) {
    SK_RETURN_IF_ERROR(id_text_rule("id", "Publisher ID", id));
    if (id.size() >= kMaxPublisherPlusOfferLength) {
        return Status::Invalid("id", "max_length",
                               "Publisher ID must be shorter than " + std::to_string(kMaxPublisherPlusOfferLength) +
                                   " characters so that offer IDs fit beside it");
    }
    return Status::Ok();
}

Status validate_offer_id(std::string_view publisher_id, std::string_view offer_id) {
    SK_RETURN_IF_ERROR(id_text_rule("id", "Offer ID", offer_id));
    if (publisher_id.size() + offer_id.size() > kMaxPublisherPlusOfferLength) {
        return Status::Invalid("id", "max_length",
                               "Offer ID combined with the publisher ID must be under 40 characters: '" +
                                   std::string(publisher_id) + "' has " + std::to_string(publisher_id.size()) +
                                   ", so the Offer ID may have at most " +
                                   std::to_string(kMaxPublisherPlusOfferLength -
                                                  std::min(publisher_id.size(), kMaxPublisherPlusOfferLength)) +
                                   " (it has " + std::to_string(offer_id.size()) + ")");
    }
    return Status::Ok();
}

Status validate_plan_id(std::string_view plan_id) {
    SK_RETURN_IF_ERROR(id_text_rule("id", "Plan ID", plan_id));
    if (plan_id.size() > kMaxPlanIdLength) {
        return Status::Invalid("id", "max_length",
                               "Plan ID must be at most " + std::to_string(kMaxPlanIdLength) + " characters");
    }
    return Status::Ok();
}

Status validate_offer_alias(std::string_view alias) {
    SK_RETURN_IF_ERROR(json::require_text("alias", alias, "Offer alias"));
    if (text::utf8_length(alias) > kMaxAliasLength) {
        return Status::Invalid("alias", "max_length",
                               "Offer alias must be at most " + std::to_string(kMaxAliasLength) + " characters");
    }
    if (std::any_of(alias.begin(), alias.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
        return Status::Invalid("alias", "characters", "Offer alias can't contain control characters");
    }
    return Status::Ok();
}

Status validate_email(std::string_view field, std::string_view email) {
    const auto at = email.find('@');
    const bool ok = at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
                    email.find('@', at + 1) == std::string_view::npos &&
                    email.find('.', at + 1) != std::string_view::npos && email.back() != '.' &&
                    std::none_of(email.begin(), email.end(),
                                 [](char c) { return c == ' ' || static_cast<unsigned char>(c) < 0x20; }) &&
                    email.size() <= 254;
    if (!ok) return Status::Invalid(std::string(field), "email", std::string(field) + " must be an e-mail address");
    return Status::Ok();
}

Status validate_url(std::string_view field, std::string_view url) {
    const bool scheme = url.starts_with("https://") || url.starts_with("http://");
    const auto host_start = url.find("://");
    const bool host = scheme && host_start + 3 < url.size() && url[host_start + 3] != '/';
    const bool clean = std::none_of(
        url.begin(), url.end(), [](char c) { return c == ' ' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    if (!scheme || !host || !clean || url.size() > 2048) {
        return Status::Invalid(std::string(field), "url",
                               std::string(field) + " must be an http:// or https:// URL (at most 2048 characters)");
    }
    return Status::Ok();
}

std::string service_id(std::string_view publisher_id, std::string_view offer_id, std::string_view plan_id) {
    std::string out;
    out.reserve(publisher_id.size() + offer_id.size() + plan_id.size() + 2);
    out.append(publisher_id).append(".").append(offer_id).append(".").append(plan_id);
    return out;
}

}  // namespace seatkeeper::domain
