// The customer side's rules (PRODUCT.md steps 9–12): tenant roles and what they allow, tenant ids, domains
// and UPNs, the deal lifecycle, license quantities. Pure functions over plain values; no I/O.
//
// Deal lifecycle:  submitted ─→ in_progress ─→ won | lost
//                      └──────────┴─────→ withdrawn
// won, lost and withdrawn are final. Licenses may be managed while a deal is in_progress or won.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace seatkeeper::domain {

enum class TenantRole { kGlobalAdmin, kBillingAdmin, kLicenseAdmin, kUser };
std::optional<TenantRole> parse_tenant_role(std::string_view text);
std::string_view to_string(TenantRole role);

enum class TenantPermission {
    kConsent,       // accept or decline a publisher's invitation (billing and global admins)
    kReadLicenses,  // licenses, seats, groups, directory, installations
    kAssignSeats,   // assign and unassign seats, manage groups and the user directory
    kInstall,       // Get it now, and starting a free trial
    kManageAccess,  // the tenant's sign-in users and API keys
};
bool allows(TenantRole role, TenantPermission permission);

// "3f2a…-…": 36 characters, lowercase hex in 8-4-4-4-12 groups. Uppercase is accepted and lowercased.
std::optional<std::string> normalize_tenant_id(std::string_view text);
inline constexpr std::size_t kTenantIdLength = 36;
// The same into `out`, allocating nothing (the runtime check's hot path); false when `text` is not a tenant ID.
bool normalize_tenant_id(std::string_view text, std::span<char, kTenantIdLength> out);

// A DNS name of at least two labels ("fabrikam.example"), lowercased; Invalid naming `field` otherwise.
Result<std::string> normalize_domain(std::string_view field, std::string_view domain);
// "user@domain": an e-mail-shaped user principal name, lowercased; Invalid naming `field` otherwise.
Result<std::string> normalize_upn(std::string_view field, std::string_view upn);
// The part after '@' of a normalized UPN or e-mail address.
std::string_view domain_of(std::string_view upn);

enum class DealState { kSubmitted, kInProgress, kWon, kLost, kWithdrawn };
std::string_view to_string(DealState state);
std::optional<DealState> parse_deal_state(std::string_view text);
// Ok, or Conflict (rule "deal_transition") saying which moves the current state allows.
Status check_deal_transition(DealState from, DealState to);
// Licenses can be added, changed and trashed only while the deal is in progress or won.
bool deal_allows_licenses(DealState state);

// "YYYY-MM-DD", a real calendar date.
Status validate_date(std::string_view field, std::string_view text);

inline constexpr std::int64_t kMaxLicenseQuantity = 1'000'000;

}  // namespace seatkeeper::domain
