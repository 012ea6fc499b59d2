// The event contract: what every change writes to the `events` table, what the change feed
// (GET /api/v1/events) shows, what the runtime check's index reads back, and (next) what webhooks send.
//
// An event is its type, the subject it is about (a path such as "offers/crm/plans/basic", built by the
// *_subject functions below, never by hand), the tenant that sees it (empty for publisher-only events), and the
// object before and after the change: two snapshots of the type's payload kind (`payload_kind`), `before` empty
// for a creation and `after` empty for a removal. Stored and shown, the payload is
// `{"before": <snapshot or null>, "after": <snapshot or null>}` (`payload_json`); `parse_event` reads a stored
// event back, refusing a type this build does not know or a payload that is not the type's kind.
//
// Each snapshot struct holds its JSON mapping (`to_json`, and `from_json`, which refuses a malformed value with
// a Status naming the field and never throws); docs/openapi.yaml documents every type and payload schema
// (`EventType`, `*Snapshot`), and a test checks that it lists every type. Readers ignore fields they do not
// know, so adding a field to a snapshot breaks no reader.
//
// Pure values and functions; no I/O. Thread-safety: plain values, copy freely.
#pragma once

#include <array>
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "domain/customer.hpp"
#include "domain/license_term.hpp"

namespace seatkeeper::domain {

// Every type of event the code writes. Its text is "<family>.<what happened>" (`to_string`).
enum class EventType {
    kOfferCreated,
    kOfferUpdated,
    kOfferPackageUploaded,
    kOfferStateChanged,
    kOfferReviewed,
    kPlanCreated,
    kPlanUpdated,
    kLeadCreated,
    kDealRegistered,
    kDealUpdated,
    kDealStateChanged,
    kInvitationCreated,
    kInvitationSignupCodeSent,
    kInvitationAccepted,
    kInvitationDeclined,
    kRelationshipCreated,
    kLicenseGranted,
    kLicenseChanged,
    kLicenseRemoved,
    kLicenseSuspended,
    kLicenseReinstated,
    kLicenseRenewed,
    kLicenseStatusChanged,
    kSeatAssigned,
    kSeatUnassigned,
    kGroupCreated,
    kGroupMemberAdded,
    kGroupMemberRemoved,
    kGroupDeleted,
    kGroupAssigned,
    kGroupUnassigned,
    kInstallationCreated,
    kTenantCreated,
    kTenantDomainAdded,
    kTenantDomainVerified,
    kTenantDomainRemoved,
    kDirectoryUserAdded,
    kDirectoryUserRenamed,
    kPublisherCreated,
    kUserCreated,
    kUserSignedIn,
    kUserChanged,
    kUserDeleted,
    kUserPasswordChanged,
    kUserPasswordResetRequested,
    kUserPasswordReset,
    kApiKeyCreated,
    kApiKeyRevoked,
    kSigningKeyCreated,
    kSigningKeyRotated,
    kSigningKeyEncrypted,
    kSigningKeyRewrapped,
    kWebhookCreated,
    kWebhookUpdated,
    kWebhookDeleted,
    kWebhookSecretRotated,
    kWebhookDisabled,
    kWebhookPing,
};

// What an event is about, the part of its type before the dot. Who may read an event in the feed is decided by
// its family (domain/roles.hpp).
enum class EventFamily {
    kOffer,
    kPlan,
    kLead,
    kDeal,
    kInvitation,
    kRelationship,
    kLicense,
    kSeat,
    kGroup,
    kInstallation,
    kTenant,
    kDirectoryUser,
    kPublisher,
    kUser,
    kApiKey,
    kSigningKey,
    kWebhook,
};
std::string_view to_string(EventFamily family);

// Which snapshot struct a type's `before` and `after` hold; one enumerator per alternative of `Snapshot`, in
// its order.
enum class PayloadKind {
    kOffer,
    kPlan,
    kLead,
    kDeal,
    kInvitation,
    kInvitationAnswer,
    kSignupCode,
    kRelationship,
    kLicense,
    kSeat,
    kGroup,
    kGroupMember,
    kGroupAssignment,
    kInstallation,
    kTenant,
    kDomain,
    kDirectoryUser,
    kPublisher,
    kUser,
    kSignIn,
    kPasswordChange,
    kPasswordReset,
    kApiKey,
    kApiKeyRevocation,
    kSigningKey,
    kSigningKeyReseal,
    kWebhook,
};

// One row per event type, in the enum's order: the one table that names types, families and payload kinds.
struct EventTypeInfo {
    EventType type;
    std::string_view name;
    EventFamily family;
    PayloadKind payload;
};
inline constexpr auto kEventTypes = std::to_array<EventTypeInfo>({
    {EventType::kOfferCreated, "offer.created", EventFamily::kOffer, PayloadKind::kOffer},
    {EventType::kOfferUpdated, "offer.updated", EventFamily::kOffer, PayloadKind::kOffer},
    {EventType::kOfferPackageUploaded, "offer.package_uploaded", EventFamily::kOffer, PayloadKind::kOffer},
    {EventType::kOfferStateChanged, "offer.state_changed", EventFamily::kOffer, PayloadKind::kOffer},
    {EventType::kOfferReviewed, "offer.reviewed", EventFamily::kOffer, PayloadKind::kOffer},
    {EventType::kPlanCreated, "plan.created", EventFamily::kPlan, PayloadKind::kPlan},
    {EventType::kPlanUpdated, "plan.updated", EventFamily::kPlan, PayloadKind::kPlan},
    {EventType::kLeadCreated, "lead.created", EventFamily::kLead, PayloadKind::kLead},
    {EventType::kDealRegistered, "deal.registered", EventFamily::kDeal, PayloadKind::kDeal},
    {EventType::kDealUpdated, "deal.updated", EventFamily::kDeal, PayloadKind::kDeal},
    {EventType::kDealStateChanged, "deal.state_changed", EventFamily::kDeal, PayloadKind::kDeal},
    {EventType::kInvitationCreated, "invitation.created", EventFamily::kInvitation, PayloadKind::kInvitation},
    {EventType::kInvitationSignupCodeSent, "invitation.signup_code_sent", EventFamily::kInvitation,
     PayloadKind::kSignupCode},
    {EventType::kInvitationAccepted, "invitation.accepted", EventFamily::kInvitation, PayloadKind::kInvitationAnswer},
    {EventType::kInvitationDeclined, "invitation.declined", EventFamily::kInvitation, PayloadKind::kInvitationAnswer},
    {EventType::kRelationshipCreated, "relationship.created", EventFamily::kRelationship, PayloadKind::kRelationship},
    {EventType::kLicenseGranted, "license.granted", EventFamily::kLicense, PayloadKind::kLicense},
    {EventType::kLicenseChanged, "license.changed", EventFamily::kLicense, PayloadKind::kLicense},
    {EventType::kLicenseRemoved, "license.removed", EventFamily::kLicense, PayloadKind::kLicense},
    {EventType::kLicenseSuspended, "license.suspended", EventFamily::kLicense, PayloadKind::kLicense},
    {EventType::kLicenseReinstated, "license.reinstated", EventFamily::kLicense, PayloadKind::kLicense},
    {EventType::kLicenseRenewed, "license.renewed", EventFamily::kLicense, PayloadKind::kLicense},
    {EventType::kLicenseStatusChanged, "license.status_changed", EventFamily::kLicense, PayloadKind::kLicense},
    {EventType::kSeatAssigned, "seat.assigned", EventFamily::kSeat, PayloadKind::kSeat},
    {EventType::kSeatUnassigned, "seat.unassigned", EventFamily::kSeat, PayloadKind::kSeat},
    {EventType::kGroupCreated, "group.created", EventFamily::kGroup, PayloadKind::kGroup},
    {EventType::kGroupMemberAdded, "group.member_added", EventFamily::kGroup, PayloadKind::kGroupMember},
    {EventType::kGroupMemberRemoved, "group.member_removed", EventFamily::kGroup, PayloadKind::kGroupMember},
    {EventType::kGroupDeleted, "group.deleted", EventFamily::kGroup, PayloadKind::kGroup},
    {EventType::kGroupAssigned, "group.assigned", EventFamily::kGroup, PayloadKind::kGroupAssignment},
    {EventType::kGroupUnassigned, "group.unassigned", EventFamily::kGroup, PayloadKind::kGroupAssignment},
    {EventType::kInstallationCreated, "installation.created", EventFamily::kInstallation, PayloadKind::kInstallation},
    {EventType::kTenantCreated, "tenant.created", EventFamily::kTenant, PayloadKind::kTenant},
    {EventType::kTenantDomainAdded, "tenant.domain_added", EventFamily::kTenant, PayloadKind::kDomain},
    {EventType::kTenantDomainVerified, "tenant.domain_verified", EventFamily::kTenant, PayloadKind::kDomain},
    {EventType::kTenantDomainRemoved, "tenant.domain_removed", EventFamily::kTenant, PayloadKind::kDomain},
    {EventType::kDirectoryUserAdded, "directory_user.added", EventFamily::kDirectoryUser, PayloadKind::kDirectoryUser},
    {EventType::kDirectoryUserRenamed, "directory_user.renamed", EventFamily::kDirectoryUser,
     PayloadKind::kDirectoryUser},
    {EventType::kPublisherCreated, "publisher.created", EventFamily::kPublisher, PayloadKind::kPublisher},
    {EventType::kUserCreated, "user.created", EventFamily::kUser, PayloadKind::kUser},
    {EventType::kUserSignedIn, "user.signed_in", EventFamily::kUser, PayloadKind::kSignIn},
    {EventType::kUserChanged, "user.changed", EventFamily::kUser, PayloadKind::kUser},
    {EventType::kUserDeleted, "user.deleted", EventFamily::kUser, PayloadKind::kUser},
    {EventType::kUserPasswordChanged, "user.password_changed", EventFamily::kUser, PayloadKind::kPasswordChange},
    {EventType::kUserPasswordResetRequested, "user.password_reset_requested", EventFamily::kUser,
     PayloadKind::kPasswordReset},
    {EventType::kUserPasswordReset, "user.password_reset", EventFamily::kUser, PayloadKind::kPasswordReset},
    {EventType::kApiKeyCreated, "api_key.created", EventFamily::kApiKey, PayloadKind::kApiKey},
    {EventType::kApiKeyRevoked, "api_key.revoked", EventFamily::kApiKey, PayloadKind::kApiKeyRevocation},
    {EventType::kSigningKeyCreated, "signing_key.created", EventFamily::kSigningKey, PayloadKind::kSigningKey},
    {EventType::kSigningKeyRotated, "signing_key.rotated", EventFamily::kSigningKey, PayloadKind::kSigningKey},
    {EventType::kSigningKeyEncrypted, "signing_key.encrypted", EventFamily::kSigningKey,
     PayloadKind::kSigningKeyReseal},
    {EventType::kSigningKeyRewrapped, "signing_key.rewrapped", EventFamily::kSigningKey,
     PayloadKind::kSigningKeyReseal},
    {EventType::kWebhookCreated, "webhook.created", EventFamily::kWebhook, PayloadKind::kWebhook},
    {EventType::kWebhookUpdated, "webhook.updated", EventFamily::kWebhook, PayloadKind::kWebhook},
    {EventType::kWebhookDeleted, "webhook.deleted", EventFamily::kWebhook, PayloadKind::kWebhook},
    {EventType::kWebhookSecretRotated, "webhook.secret_rotated", EventFamily::kWebhook, PayloadKind::kWebhook},
    {EventType::kWebhookDisabled, "webhook.disabled", EventFamily::kWebhook, PayloadKind::kWebhook},
    {EventType::kWebhookPing, "webhook.ping", EventFamily::kWebhook, PayloadKind::kWebhook},
});

constexpr const EventTypeInfo& info_of(EventType type) { return kEventTypes[static_cast<std::size_t>(type)]; }
constexpr std::string_view to_string(EventType type) { return info_of(type).name; }
constexpr EventFamily family_of(EventType type) { return info_of(type).family; }
constexpr PayloadKind payload_kind(EventType type) { return info_of(type).payload; }
// Whose feed an event of the type can reach (docs/openapi.yaml's table of types: its publisher and tenant
// columns): what a webhook of a publisher or of a tenant can receive. Signing key events reach neither.
bool publishers_see(EventType type);
bool tenants_see(EventType type);
// The schema docs/openapi.yaml gives a payload kind ("SeatSnapshot"; Offer and Plan are their API views).
std::string_view payload_schema_name(PayloadKind kind);
// nullopt for a text that names no type of this build (a typo, or a newer version's type).
std::optional<EventType> parse_event_type(std::string_view text);

// ---- Subjects: the path of what an event is about. The feed's `subject` filter takes a subject and everything
// under it, so children extend their parent's path (a plan's under its offer's, a seat's under its license's).

std::string offer_subject(std::string_view offer_id);                           // offers/<offer_id>
std::string plan_subject(std::string_view offer_id, std::string_view plan_id);  // offers/<offer_id>/plans/<plan_id>
std::string lead_subject(std::string_view offer_id, std::string_view lead_id);  // offers/<offer_id>/leads/<lead_id>
std::string deal_subject(std::string_view deal_id);                             // deals/<deal_id>
std::string invitation_subject(std::string_view deal_id, std::string_view invitation_id);
std::string license_subject(std::string_view deal_id, std::string_view plan_id);  // deals/<deal_id>/licenses/<plan>
std::string relationship_subject(std::string_view tenant_id);                     // relationships/<tenant_id>
std::string tenant_subject(std::string_view tenant_id);                           // tenants/<tenant_id>
std::string domain_subject(std::string_view tenant_id, std::string_view domain);
std::string directory_user_subject(std::string_view tenant_id, std::string_view upn);
std::string group_subject(std::string_view tenant_id, std::string_view group_id);
// tenants/<tenant_id>/licenses/<service_id>/groups/<group_id>
std::string group_assignment_subject(std::string_view tenant_id, std::string_view service_id,
                                     std::string_view group_id);
// tenants/<tenant_id>/licenses/<service_id>/seats/<upn>
std::string seat_subject(std::string_view tenant_id, std::string_view service_id, std::string_view upn);
std::string installation_subject(std::string_view tenant_id, std::string_view installation_id);
std::string publisher_subject(std::string_view publisher_id);  // publishers/<publisher_id>
std::string user_subject(std::string_view user_id);            // users/<user_id>
std::string api_key_subject(std::string_view key_id);          // api_keys/<key_id>
std::string signing_key_subject(std::string_view kid);         // signing_keys/<kid>
std::string signing_keys_subject();                            // signing_keys: all of them at once (re-sealing)
std::string webhook_subject(std::string_view webhook_id);      // webhooks/<webhook_id>

// ---- Snapshots, one struct per payload kind. `to_json` gives the object as the feed shows it, fields in a fixed
// order; `from_json` reads one back (Invalid naming the field when a field is missing or of the wrong type).

// The offer as the API answers it (GET /api/v1/offers/{offer_id}; service/views.cpp offer_json), so the audit
// log shows what the API showed. Carried as that JSON rather than declared again field by field: its schema is
// openapi's `Offer`. from_json asks only for an object with a string `id`.
struct OfferView {
    static constexpr PayloadKind kKind = PayloadKind::kOffer;
    boost::json::object json;
    [[nodiscard]] boost::json::object to_json() const { return json; }
    static Result<OfferView> from_json(const boost::json::value& value);
};

// A plan as the API answers it (service/views.cpp plan_json; openapi's `Plan`), carried like OfferView.
struct PlanView {
    static constexpr PayloadKind kKind = PayloadKind::kPlan;
    boost::json::object json;
    [[nodiscard]] boost::json::object to_json() const { return json; }
    static Result<PlanView> from_json(const boost::json::value& value);
};

// A Contact me request: who asked (the message stays out of the feed).
struct LeadSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kLead;
    std::string id;
    std::string email;
    std::string company;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<LeadSnapshot> from_json(const boost::json::value& value);
};

// A deal as the API answers it, less its created_at and updated_at.
struct DealSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kDeal;
    struct Customer {
        std::string name;
        std::string domain;
        std::string contact_email;
    };
    std::string id;
    std::string offer_id;
    Customer customer;
    std::vector<std::string> plan_ids;
    std::int64_t seats = 0;
    std::int64_t value_cents = 0;  // JSON `value`: a whole number when it is one (42000, not 4.2E4)
    std::string currency;
    std::string close_date;  // YYYY-MM-DD
    DealState state = DealState::kSubmitted;
    std::optional<std::string> tenant_id;  // once the customer consented; JSON null before
    std::string source = "registered";     // or "trial" (issue 14); absent in earlier events: registered
    [[nodiscard]] boost::json::object to_json() const;
    static Result<DealSnapshot> from_json(const boost::json::value& value);
};

// A consent invitation as sent (the link's token never leaves the mail).
struct InvitationSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kInvitation;
    std::string id;
    std::string email;
    Millis expires_at = 0;  // JSON RFC 3339
    [[nodiscard]] boost::json::object to_json() const;
    static Result<InvitationSnapshot> from_json(const boost::json::value& value);
};

// An invitation as answered: accepted or declined, and what it was for.
struct InvitationAnswerSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kInvitationAnswer;
    std::string id;
    std::string state;  // accepted, declined
    std::string email;
    std::string publisher_id;
    std::string offer_id;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<InvitationAnswerSnapshot> from_json(const boost::json::value& value);
};

// A sign-up code mailed for an invitation: the invitation and the address (never the code).
struct SignupCodeSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kSignupCode;
    std::string id;  // the invitation's
    std::string email;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<SignupCodeSnapshot> from_json(const boost::json::value& value);
};

// A tenant consented to a publisher (once per pair).
struct RelationshipSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kRelationship;
    std::string publisher_id;
    std::string tenant_id;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<RelationshipSnapshot> from_json(const boost::json::value& value);
};

// A deal's licenses of one plan: what the tenant's pool of the Service ID adds up.
struct LicenseSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kLicense;
    std::string deal_id;
    std::string tenant_id;
    std::string service_id;
    std::string plan_id;
    std::string offer_id;
    std::int64_t quantity = 0;
    bool active = false;  // false once removed (the trash icon)
    // Issue 14 (absent from earlier events: no term, active, not suspended).
    std::optional<LicenseTerm> term;               // JSON {start_date, end_date, grace_days} or null: no end
    std::optional<std::string> suspension_reason;  // set while suspended
    std::string status;  // domain::LicenseStatus when the event was written; "" in events before issue 14
    bool site = false;   // a site license (absent before: false)
    bool trial = false;  // a free trial (absent before: false)
    [[nodiscard]] boost::json::object to_json() const;
    static Result<LicenseSnapshot> from_json(const boost::json::value& value);
};

// One user's seat of a Service ID: the check index applies these one by one.
struct SeatSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kSeat;
    std::string tenant_id;
    std::string service_id;
    std::string upn;
    std::string plan_id;
    std::optional<std::string> group_id;  // held through this group; JSON null for a direct assignment
    [[nodiscard]] boost::json::object to_json() const;
    static Result<SeatSnapshot> from_json(const boost::json::value& value);
};

// A tenant's group of users.
struct GroupSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kGroup;
    std::string id;
    std::string name;
    std::vector<std::string> members;  // UPNs
    [[nodiscard]] boost::json::object to_json() const;
    static Result<GroupSnapshot> from_json(const boost::json::value& value);
};

// One member of a group.
struct GroupMemberSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kGroupMember;
    std::string group_id;
    std::string upn;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<GroupMemberSnapshot> from_json(const boost::json::value& value);
};

// A group assigned to a Service ID: each member holds a seat through it.
struct GroupAssignmentSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kGroupAssignment;
    std::string group_id;
    std::string service_id;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<GroupAssignmentSnapshot> from_json(const boost::json::value& value);
};

// An offer installed in one of a tenant's environments (Get it now).
struct InstallationSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kInstallation;
    std::string id;
    std::string offer;  // "<publisher_id>.<offer_id>", as in the marketplace link
    std::string environment;
    std::string tenant_id;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<InstallationSnapshot> from_json(const boost::json::value& value);
};

// A customer tenant and its verified domains.
struct TenantSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kTenant;
    std::string id;
    std::string name;
    std::vector<std::string> domains;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<TenantSnapshot> from_json(const boost::json::value& value);
};

// One of a tenant's domains.
struct DomainSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kDomain;
    std::string domain;
    std::string state;  // pending, verified
    [[nodiscard]] boost::json::object to_json() const;
    static Result<DomainSnapshot> from_json(const boost::json::value& value);
};

// A user of a tenant's directory (who can hold seats; not a sign-in account).
struct DirectoryUserSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kDirectoryUser;
    std::string upn;
    std::string display_name;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<DirectoryUserSnapshot> from_json(const boost::json::value& value);
};

struct PublisherSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kPublisher;
    std::string id;
    std::string name;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<PublisherSnapshot> from_json(const boost::json::value& value);
};

// A sign-in account of a publisher or of a tenant: exactly one of publisher_id and tenant_id is set, and only
// that one is in the JSON.
struct UserSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kUser;
    std::string id;
    std::string email;
    std::string name;
    std::string role;
    bool disabled = false;
    std::string publisher_id;
    std::string tenant_id;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<UserSnapshot> from_json(const boost::json::value& value);
};

// A sign-in: the session's id (never its secret).
struct SignInSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kSignIn;
    std::string session;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<SignInSnapshot> from_json(const boost::json::value& value);
};

// A password change: nothing to show (`{}`).
struct PasswordChangeSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kPasswordChange;
    // NOLINTNEXTLINE(readability-convert-member-functions-to-static): the interface every snapshot has
    [[nodiscard]] boost::json::object to_json() const { return {}; }
    static Result<PasswordChangeSnapshot> from_json(const boost::json::value& value);
};

// A password reset link asked for or used: the link's id (never its secret).
struct PasswordResetSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kPasswordReset;
    std::string reset;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<PasswordResetSnapshot> from_json(const boost::json::value& value);
};

// An API key (never its secret): exactly one of publisher_id and tenant_id is set, as for UserSnapshot.
struct ApiKeySnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kApiKey;
    std::string id;
    std::string name;
    std::string role;
    std::string publisher_id;
    std::string tenant_id;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<ApiKeySnapshot> from_json(const boost::json::value& value);
};

// Whether an API key is revoked: api_key.revoked goes from false to true.
struct ApiKeyRevocationSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kApiKeyRevocation;
    bool revoked = false;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<ApiKeyRevocationSnapshot> from_json(const boost::json::value& value);
};

// A token signing key (its public id; the key itself is in the JWKS).
struct SigningKeySnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kSigningKey;
    std::string kid;
    std::optional<std::string> alg;  // left out for the retired key of a rotation
    [[nodiscard]] boost::json::object to_json() const;
    static Result<SigningKeySnapshot> from_json(const boost::json::value& value);
};

// Signing keys sealed (again) with a master key: its id and the keys' ids.
struct SigningKeyResealSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kSigningKeyReseal;
    std::string master_key_id;
    std::vector<std::string> kids;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<SigningKeyResealSnapshot> from_json(const boost::json::value& value);
};

// Any payload, alternatives in PayloadKind's order (checked below).
// A webhook endpoint (never its secret): exactly one of publisher_id and tenant_id is set, as for UserSnapshot.
// webhook.ping carries it as `after` and goes to that endpoint only.
struct WebhookSnapshot {
    static constexpr PayloadKind kKind = PayloadKind::kWebhook;
    std::string id;
    std::string url;
    std::string description;
    std::vector<std::string> events;
    bool enabled = true;
    std::optional<std::string> disabled_reason;
    std::string publisher_id;
    std::string tenant_id;
    [[nodiscard]] boost::json::object to_json() const;
    static Result<WebhookSnapshot> from_json(const boost::json::value& value);
};

using Snapshot =
    std::variant<OfferView, PlanView, LeadSnapshot, DealSnapshot, InvitationSnapshot, InvitationAnswerSnapshot,
                 SignupCodeSnapshot, RelationshipSnapshot, LicenseSnapshot, SeatSnapshot, GroupSnapshot,
                 GroupMemberSnapshot, GroupAssignmentSnapshot, InstallationSnapshot, TenantSnapshot, DomainSnapshot,
                 DirectoryUserSnapshot, PublisherSnapshot, UserSnapshot, SignInSnapshot, PasswordChangeSnapshot,
                 PasswordResetSnapshot, ApiKeySnapshot, ApiKeyRevocationSnapshot, SigningKeySnapshot,
                 SigningKeyResealSnapshot, WebhookSnapshot>;

// The snapshot struct of a type's payload, known at compile time: make_event<EventType::kSeatAssigned> takes
// SeatSnapshots and nothing else.
template <EventType T>
using PayloadOf = std::variant_alternative_t<static_cast<std::size_t>(payload_kind(T)), Snapshot>;

class Event;

// A new event of type T. `tenant_id` is the tenant that sees it too (consent, licenses, seats, installations,
// the tenant's own changes); empty for publisher-only events.
template <EventType T>
Event make_event(std::string subject, std::optional<PayloadOf<T>> before, std::optional<PayloadOf<T>> after,
                 std::string tenant_id = {});

// A stored event read back: Invalid when `type` names no type of this build, when `payload` is not JSON of
// the shape `payload_json` writes, or when a side is not a snapshot of the type's kind (the field says which:
// "after.upn").
Result<Event> parse_event(std::string_view type, std::string subject, std::string tenant_id, std::string_view payload);

// An event as the writers make it (make_event) and the readers get it back (parse_event): its snapshots are
// always of its type's payload kind.
class Event {
public:
    [[nodiscard]] EventType type() const { return type_; }
    [[nodiscard]] const std::string& subject() const { return subject_; }
    [[nodiscard]] const std::string& tenant_id() const { return tenant_id_; }
    [[nodiscard]] const std::optional<Snapshot>& before() const { return before_; }
    [[nodiscard]] const std::optional<Snapshot>& after() const { return after_; }
    // The snapshot as `P`; nullptr when that side is empty (or, by mistake, not a `P`).
    template <typename P>
    [[nodiscard]] const P* before_as() const {
        return before_ ? std::get_if<P>(&*before_) : nullptr;
    }
    template <typename P>
    [[nodiscard]] const P* after_as() const {
        return after_ ? std::get_if<P>(&*after_) : nullptr;
    }

private:
    Event(EventType type, std::string subject, std::string tenant_id, std::optional<Snapshot> before,
          std::optional<Snapshot> after)
        : type_(type),
          subject_(std::move(subject)),
          tenant_id_(std::move(tenant_id)),
          before_(std::move(before)),
          after_(std::move(after)) {}

    template <EventType T>
    friend Event make_event(std::string subject, std::optional<PayloadOf<T>> before, std::optional<PayloadOf<T>> after,
                            std::string tenant_id);
    friend Result<Event> parse_event(std::string_view type, std::string subject, std::string tenant_id,
                                     std::string_view payload);

    EventType type_;
    std::string subject_;
    std::string tenant_id_;
    std::optional<Snapshot> before_;
    std::optional<Snapshot> after_;
};

template <EventType T>
Event make_event(std::string subject, std::optional<PayloadOf<T>> before, std::optional<PayloadOf<T>> after,
                 std::string tenant_id) {
    std::optional<Snapshot> b;
    std::optional<Snapshot> a;
    if (before) b.emplace(std::move(*before));
    if (after) a.emplace(std::move(*after));
    return {T, std::move(subject), std::move(tenant_id), std::move(b), std::move(a)};
}

// `{"before": …, "after": …}`, each side its snapshot's to_json or null: what the events table stores.
boost::json::object payload_json(const Event& event);

namespace detail {
template <std::size_t... I>
constexpr bool kinds_in_order(std::index_sequence<I...>) {
    return ((std::variant_alternative_t<I, Snapshot>::kKind == static_cast<PayloadKind>(I)) && ...);
}
constexpr bool types_in_order() {
    for (std::size_t i = 0; i < std::size(kEventTypes); ++i) {
        if (kEventTypes[i].type != static_cast<EventType>(i)) return false;
    }
    return true;
}
}  // namespace detail
static_assert(detail::kinds_in_order(std::make_index_sequence<std::variant_size_v<Snapshot>>()),
              "Snapshot's alternatives must follow PayloadKind's order");
static_assert(detail::types_in_order(), "kEventTypes must list every EventType in the enum's order");
static_assert(static_cast<std::size_t>(EventType::kWebhookPing) + 1 == std::size(kEventTypes),
              "kEventTypes must list every EventType");

}  // namespace seatkeeper::domain
