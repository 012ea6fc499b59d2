// How much a client may send: every length, count and range limit of the API's inputs, one named number per
// rule. Both layers that check an input use the same constant: http/inputs/ refuses an over-long field while it
// reads the body (naming the field, rule `max_length`, `max_items` or `range`), and service/ enforces the rule
// for every caller (the API, the demo seed, the command line). docs/openapi.yaml documents these numbers as
// `maxLength`, `maxItems` and `maximum`; change both together.
//
// Lengths count characters (Unicode code points, text::utf8_length), not bytes, but for passwords, which the
// service counts in bytes since they are only ever hashed.
#pragma once

#include <cstddef>
#include <cstdint>

namespace seatkeeper::domain {

// Lists: `limit` of a page (every list, the change feed included).
inline constexpr std::int64_t kDefaultPageSize = 100;
inline constexpr std::int64_t kMaxPageSize = 1000;

// People, accounts and their secrets.
inline constexpr std::size_t kMaxEmailLength = 254;     // RFC 5321's path limit, less the angle brackets
inline constexpr std::size_t kMaxPasswordLength = 256;  // bytes
inline constexpr std::size_t kMaxUserNameLength = 200;  // a staff account's name
inline constexpr std::size_t kMaxApiKeyNameLength = 100;
inline constexpr std::size_t kMaxRoleLength = 32;
inline constexpr std::size_t kMaxSignupCodeLength = 100;  // the mailed code, spaces and hyphens allowed

// A customer tenant and its directory.
inline constexpr std::size_t kMaxTenantNameLength = 200;
inline constexpr std::size_t kMaxDomainLength = 253;  // RFC 1035's limit of a name in text form
inline constexpr std::size_t kMaxUpnLength = 254;     // a UPN is an e-mail address in form
inline constexpr std::size_t kMaxDisplayNameLength = 200;
inline constexpr std::size_t kMaxGroupNameLength = 100;
inline constexpr std::size_t kMaxGroupMembers = 1000;  // members named in one request
inline constexpr std::size_t kMaxEnvironmentLength = 100;
inline constexpr std::size_t kMaxProductLength = 300;  // "<publisher ID>.<offer ID>" as a client writes it

// Webhooks (issue 15).
inline constexpr std::size_t kMaxWebhookUrlLength = 2000;
inline constexpr std::size_t kMaxWebhookDescriptionLength = 500;
inline constexpr std::size_t kMaxWebhookEvents = 100;       // patterns of one endpoint
inline constexpr std::size_t kMaxWebhookEventLength = 100;  // one pattern
inline constexpr std::size_t kMaxWebhooksPerAccount = 20;   // endpoints of one publisher or tenant

// Seats: users and groups assigned in one request.
inline constexpr std::size_t kMaxAssignUsers = 1000;
inline constexpr std::size_t kMaxAssignGroups = 100;
inline constexpr std::size_t kMaxGroupIdLength = 100;

// Offers, plans and the marketplace.
// An offer or plan ID as read from a body; domain/ids.hpp then applies its own, tighter rules to name the fault.
inline constexpr std::size_t kMaxIdLength = 200;
inline constexpr std::size_t kMaxOfferTypeLength = 100;
inline constexpr std::size_t kMaxOfferNameLength = 200;
inline constexpr std::size_t kMaxOfferSummaryLength = 200;
inline constexpr std::size_t kMaxOfferDescriptionLength = 5000;
inline constexpr std::size_t kMaxPlanNameLength = 200;
inline constexpr std::size_t kMaxPlanDescriptionLength = 3000;
inline constexpr std::size_t kMaxUrlLength = 2048;
inline constexpr std::size_t kMaxLeadNameLength = 200;
inline constexpr std::size_t kMaxLeadCompanyLength = 200;
inline constexpr std::size_t kMaxLeadMessageLength = 2000;
inline constexpr std::size_t kMaxSearchQueryLength = 200;  // the marketplace's `q`

// Deals.
inline constexpr std::size_t kMaxCustomerNameLength = 200;
inline constexpr std::size_t kMaxDealPlans = 100;
inline constexpr std::size_t kMaxSuspensionReasonLength = 500;  // why a publisher suspended a license
inline constexpr std::int64_t kMaxDealSeats = 10'000'000;
inline constexpr std::int64_t kMaxDealValueCents = 100'000'000'000'000;  // a trillion, in cents
inline constexpr std::size_t kCurrencyCodeLength = 3;                    // ISO 4217
inline constexpr std::size_t kDateLength = 10;                           // YYYY-MM-DD

// Usage reports and reclaim (issue 15).
inline constexpr std::int64_t kMaxUsagePeriods = 366;   // days, weeks or months in one report
inline constexpr std::int64_t kDefaultUsageDays = 30;   // `from` left out: the 30 days up to `to`
inline constexpr std::int64_t kMaxUsageRows = 100'000;  // pools × periods in one answer
inline constexpr std::int64_t kMinInactiveDays = 1;     // reclaim's inactive_days
inline constexpr std::int64_t kMaxInactiveDays = 3650;

}  // namespace seatkeeper::domain
