#include "domain/customer.hpp"

#include <algorithm>
#include <array>

#include "common/text.hpp"
#include "domain/license_term.hpp"

namespace seatkeeper::domain {

namespace {

using text::ascii_lower;

bool is_label_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

}  // namespace

std::optional<TenantRole> parse_tenant_role(std::string_view text) {
    if (text == "global_admin") return TenantRole::kGlobalAdmin;
    if (text == "billing_admin") return TenantRole::kBillingAdmin;
    if (text == "license_admin") return TenantRole::kLicenseAdmin;
    if (text == "user") return TenantRole::kUser;
    return std::nullopt;
}

std::string_view to_string(TenantRole role) {
    switch (role) {
        case TenantRole::kGlobalAdmin:
            return "global_admin";
        case TenantRole::kBillingAdmin:
            return "billing_admin";
        case TenantRole::kLicenseAdmin:
            return "license_admin";
        case TenantRole::kUser:
            return "user";
    }
    return "user";
}

bool allows(TenantRole role, TenantPermission permission) {
    switch (permission) {
        case TenantPermission::kConsent:
        case TenantPermission::kInstall:
            return role == TenantRole::kGlobalAdmin || role == TenantRole::kBillingAdmin;
        case TenantPermission::kReadLicenses:
            return role != TenantRole::kUser;
        case TenantPermission::kAssignSeats:
            return role == TenantRole::kGlobalAdmin || role == TenantRole::kLicenseAdmin;
        case TenantPermission::kManageAccess:
            return role == TenantRole::kGlobalAdmin;
    }
    return false;
}

bool normalize_tenant_id(std::string_view text, std::span<char, kTenantIdLength> out) {
    if (text.size() != out.size()) return false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        const char c = ascii_lower(text[i]);
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        out[i] = c;
    }
    return true;
}

std::optional<std::string> normalize_tenant_id(std::string_view text) {
    std::array<char, kTenantIdLength> out{};
    if (!normalize_tenant_id(text, out)) return std::nullopt;
    return std::string(out.data(), out.size());
}

Result<std::string> normalize_domain(std::string_view field, std::string_view domain) {
    const std::string d = ascii_lower(domain);
    Status refused = Status::Invalid(std::string(field), "domain",
                                     std::string(field) +
                                         " must be a domain name such as fabrikam.example (letters, digits, "
                                         "'-' and at least one '.')");
    if (d.empty() || d.size() > 253 || d.find('.') == std::string::npos) return refused;
    std::size_t start = 0;
    while (start <= d.size()) {
        const std::size_t end = std::min(d.find('.', start), d.size());
        const std::string_view label(d.data() + start, end - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-' ||
            !std::all_of(label.begin(), label.end(), is_label_char)) {
            return refused;
        }
        start = end + 1;
    }
    return d;
}

Result<std::string> normalize_upn(std::string_view field, std::string_view upn) {
    const auto at = upn.find('@');
    Status refused = Status::Invalid(std::string(field), "upn",
                                     std::string(field) + " must be a user name such as alex@fabrikam.example");
    if (at == std::string_view::npos || at == 0 || at > 64 || upn.size() > 254) return refused;
    const std::string local = ascii_lower(upn.substr(0, at));
    const bool local_ok = std::all_of(local.begin(), local.end(), [](char c) {
        return is_label_char(c) || c == '.' || c == '_' || c == '+' || c == '\'';
    });
    if (!local_ok || local.front() == '.' || local.back() == '.') return refused;
    auto domain = normalize_domain(field, upn.substr(at + 1));
    if (!domain.ok()) return refused;
    return local + "@" + *domain;
}

std::string_view domain_of(std::string_view upn) {
    const auto at = upn.rfind('@');
    return at == std::string_view::npos ? std::string_view{} : upn.substr(at + 1);
}

std::string_view to_string(DealState state) {
    switch (state) {
        case DealState::kSubmitted:
            return "submitted";
        case DealState::kInProgress:
            return "in_progress";
        case DealState::kWon:
            return "won";
        case DealState::kLost:
            return "lost";
        case DealState::kWithdrawn:
            return "withdrawn";
    }
    return "submitted";
}

std::optional<DealState> parse_deal_state(std::string_view text) {
    for (const DealState s :
         {DealState::kSubmitted, DealState::kInProgress, DealState::kWon, DealState::kLost, DealState::kWithdrawn}) {
        if (to_string(s) == text) return s;
    }
    return std::nullopt;
}

Status check_deal_transition(DealState from, DealState to) {
    const auto refused = [&](std::string_view allowed) {
        return Status::Conflict("deal_transition",
                                "A deal that is " + std::string(to_string(from)) + " can't become " +
                                    std::string(to_string(to)) + "; " + std::string(allowed),
                                "state");
    };
    switch (from) {
        case DealState::kSubmitted:
            if (to == DealState::kInProgress || to == DealState::kWithdrawn) return Status::Ok();
            return refused("it can move to in_progress or withdrawn");
        case DealState::kInProgress:
            if (to == DealState::kWon || to == DealState::kLost || to == DealState::kWithdrawn) return Status::Ok();
            return refused("it can move to won, lost or withdrawn");
        case DealState::kWon:
        case DealState::kLost:
        case DealState::kWithdrawn:
            return refused("it is final");
    }
    return refused("");
}

bool deal_allows_licenses(DealState state) { return state == DealState::kInProgress || state == DealState::kWon; }

Status validate_date(std::string_view field, std::string_view text) {
    if (parse_day(text)) return Status::Ok();
    return Status::Invalid(std::string(field), "date", std::string(field) + " must be a date as YYYY-MM-DD");
}

}  // namespace seatkeeper::domain
