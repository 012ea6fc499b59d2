#include "domain/events.hpp"

#include <cmath>
#include <initializer_list>
#include <limits>

namespace seatkeeper::domain {

namespace bj = boost::json;

std::string_view to_string(EventFamily family) {
    switch (family) {
        case EventFamily::kOffer:
            return "offer";
        case EventFamily::kPlan:
            return "plan";
        case EventFamily::kLead:
            return "lead";
        case EventFamily::kDeal:
            return "deal";
        case EventFamily::kInvitation:
            return "invitation";
        case EventFamily::kRelationship:
            return "relationship";
        case EventFamily::kLicense:
            return "license";
        case EventFamily::kSeat:
            return "seat";
        case EventFamily::kGroup:
            return "group";
        case EventFamily::kInstallation:
            return "installation";
        case EventFamily::kTenant:
            return "tenant";
        case EventFamily::kDirectoryUser:
            return "directory_user";
        case EventFamily::kPublisher:
            return "publisher";
        case EventFamily::kUser:
            return "user";
        case EventFamily::kApiKey:
            return "api_key";
        case EventFamily::kSigningKey:
            return "signing_key";
        case EventFamily::kWebhook:
            return "webhook";
    }
    return "";
}

bool publishers_see(EventType type) {
    switch (family_of(type)) {
        case EventFamily::kGroup:
        case EventFamily::kDirectoryUser:
        case EventFamily::kTenant:  // tenant.created and the domains: the tenant's own
        case EventFamily::kSigningKey:
            return false;
        default:
            return true;
    }
}

bool tenants_see(EventType type) {
    switch (family_of(type)) {
        case EventFamily::kOffer:
        case EventFamily::kPlan:
        case EventFamily::kLead:
        case EventFamily::kDeal:
        case EventFamily::kPublisher:
        case EventFamily::kSigningKey:
            return false;
        case EventFamily::kInvitation:  // the answer only: the tenant answered it
            return type == EventType::kInvitationAccepted || type == EventType::kInvitationDeclined;
        default:
            return true;
    }
}

std::string_view payload_schema_name(PayloadKind kind) {
    using enum PayloadKind;
    switch (kind) {
        case kOffer:
            return "Offer";
        case kPlan:
            return "Plan";
        case kLead:
            return "LeadSnapshot";
        case kDeal:
            return "DealSnapshot";
        case kInvitation:
            return "InvitationSnapshot";
        case kInvitationAnswer:
            return "InvitationAnswerSnapshot";
        case kSignupCode:
            return "SignupCodeSnapshot";
        case kRelationship:
            return "RelationshipSnapshot";
        case kLicense:
            return "LicenseSnapshot";
        case kSeat:
            return "SeatSnapshot";
        case kGroup:
            return "GroupSnapshot";
        case kGroupMember:
            return "GroupMemberSnapshot";
        case kGroupAssignment:
            return "GroupAssignmentSnapshot";
        case kInstallation:
            return "InstallationSnapshot";
        case kTenant:
            return "TenantSnapshot";
        case kDomain:
            return "DomainSnapshot";
        case kDirectoryUser:
            return "DirectoryUserSnapshot";
        case kPublisher:
            return "PublisherSnapshot";
        case kUser:
            return "UserSnapshot";
        case kSignIn:
            return "SignInSnapshot";
        case kPasswordChange:
            return "PasswordChangeSnapshot";
        case kPasswordReset:
            return "PasswordResetSnapshot";
        case kApiKey:
            return "ApiKeySnapshot";
        case kApiKeyRevocation:
            return "ApiKeyRevocationSnapshot";
        case kSigningKey:
            return "SigningKeySnapshot";
        case kSigningKeyReseal:
            return "SigningKeyResealSnapshot";
        case kWebhook:
            return "WebhookSnapshot";
    }
    return "";
}

std::optional<EventType> parse_event_type(std::string_view text) {
    for (const auto& row : kEventTypes) {
        if (row.name == text) return row.type;
    }
    return std::nullopt;
}

// ---- Subjects

namespace {

std::string path(std::initializer_list<std::string_view> segments) {
    std::string out;
    for (const auto segment : segments) {
        if (!out.empty()) out += '/';
        out += segment;
    }
    return out;
}

}  // namespace

std::string offer_subject(std::string_view offer_id) { return path({"offers", offer_id}); }
std::string plan_subject(std::string_view offer_id, std::string_view plan_id) {
    return path({"offers", offer_id, "plans", plan_id});
}
std::string lead_subject(std::string_view offer_id, std::string_view lead_id) {
    return path({"offers", offer_id, "leads", lead_id});
}
std::string deal_subject(std::string_view deal_id) { return path({"deals", deal_id}); }
std::string invitation_subject(std::string_view deal_id, std::string_view invitation_id) {
    return path({"deals", deal_id, "invitations", invitation_id});
}
std::string license_subject(std::string_view deal_id, std::string_view plan_id) {
    return path({"deals", deal_id, "licenses", plan_id});
}
std::string relationship_subject(std::string_view tenant_id) { return path({"relationships", tenant_id}); }
std::string tenant_subject(std::string_view tenant_id) { return path({"tenants", tenant_id}); }
std::string domain_subject(std::string_view tenant_id, std::string_view domain) {
    return path({"tenants", tenant_id, "domains", domain});
}
std::string directory_user_subject(std::string_view tenant_id, std::string_view upn) {
    return path({"tenants", tenant_id, "users", upn});
}
std::string group_subject(std::string_view tenant_id, std::string_view group_id) {
    return path({"tenants", tenant_id, "groups", group_id});
}
std::string group_assignment_subject(std::string_view tenant_id, std::string_view service_id,
                                     std::string_view group_id) {
    return path({"tenants", tenant_id, "licenses", service_id, "groups", group_id});
}
std::string seat_subject(std::string_view tenant_id, std::string_view service_id, std::string_view upn) {
    return path({"tenants", tenant_id, "licenses", service_id, "seats", upn});
}
std::string installation_subject(std::string_view tenant_id, std::string_view installation_id) {
    return path({"tenants", tenant_id, "installations", installation_id});
}
std::string publisher_subject(std::string_view publisher_id) { return path({"publishers", publisher_id}); }
std::string user_subject(std::string_view user_id) { return path({"users", user_id}); }
std::string api_key_subject(std::string_view key_id) { return path({"api_keys", key_id}); }
std::string signing_key_subject(std::string_view kid) { return path({"signing_keys", kid}); }
std::string signing_keys_subject() { return "signing_keys"; }
std::string webhook_subject(std::string_view webhook_id) { return path({"webhooks", webhook_id}); }

// ---- Reading snapshots

namespace {

// Pulls typed fields out of one snapshot object; each failure names the field. Fields it is not asked for are
// ignored (see the header: adding a field breaks no reader).
class Reader {
public:
    static Result<Reader> of(const bj::value& value) {
        if (!value.is_object()) return Status::Invalid("", "type", "a snapshot must be a JSON object");
        return Reader(value.as_object());
    }

    [[nodiscard]] Result<std::string> text(std::string_view key) const {
        const bj::value* v = object_->if_contains(key);
        if (v == nullptr) return missing(key);
        if (!v->is_string()) return wrong(key, "a string");
        return std::string(v->as_string());
    }
    // Absent or null: nullopt.
    [[nodiscard]] Result<std::optional<std::string>> optional_text(std::string_view key) const {
        const bj::value* v = object_->if_contains(key);
        if (v == nullptr || v->is_null()) return std::optional<std::string>();
        if (!v->is_string()) return wrong(key, "a string or null");
        return std::optional<std::string>(std::string(v->as_string()));
    }
    [[nodiscard]] Result<std::int64_t> integer(std::string_view key) const {
        const bj::value* v = object_->if_contains(key);
        if (v == nullptr) return missing(key);
        if (v->is_int64()) return v->as_int64();
        if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return static_cast<std::int64_t>(v->as_uint64());
        }
        return wrong(key, "an integer");
    }
    [[nodiscard]] Result<bool> boolean(std::string_view key) const {
        const bj::value* v = object_->if_contains(key);
        if (v == nullptr) return missing(key);
        if (!v->is_bool()) return wrong(key, "true or false");
        return v->as_bool();
    }
    // Absent: false (a field added later).
    [[nodiscard]] Result<bool> optional_boolean(std::string_view key) const {
        if (object_->if_contains(key) == nullptr) return false;
        return boolean(key);
    }
    [[nodiscard]] Result<std::vector<std::string>> texts(std::string_view key) const {
        const bj::value* v = object_->if_contains(key);
        if (v == nullptr) return missing(key);
        if (!v->is_array()) return wrong(key, "an array of strings");
        std::vector<std::string> out;
        out.reserve(v->as_array().size());
        for (const auto& item : v->as_array()) {
            if (!item.is_string()) return wrong(key, "an array of strings");
            out.emplace_back(item.as_string());
        }
        return out;
    }
    [[nodiscard]] Result<Millis> time(std::string_view key) const {
        SK_ASSIGN_OR_RETURN(const std::string text_value, text(key));
        const auto t = parse_rfc3339(text_value);
        if (!t) return wrong(key, "an RFC 3339 time");
        return *t;
    }
    // An amount of money as the feed writes it (a JSON number, at most two decimals), in cents.
    [[nodiscard]] Result<std::int64_t> cents(std::string_view key) const {
        const bj::value* v = object_->if_contains(key);
        if (v == nullptr) return missing(key);
        constexpr std::int64_t kMaxUnits = std::numeric_limits<std::int64_t>::max() / 100;
        if (v->is_int64() && v->as_int64() >= -kMaxUnits && v->as_int64() <= kMaxUnits) return v->as_int64() * 100;
        if (v->is_double() && std::isfinite(v->as_double()) &&
            std::fabs(v->as_double()) < static_cast<double>(kMaxUnits)) {
            return static_cast<std::int64_t>(std::llround(v->as_double() * 100.0));
        }
        return wrong(key, "a number");
    }
    [[nodiscard]] Result<Day> day(std::string_view key) const {
        SK_ASSIGN_OR_RETURN(const std::string text_value, text(key));
        const auto d = parse_day(text_value);
        if (!d) return wrong(key, "a date as YYYY-MM-DD");
        return *d;
    }
    // Absent or null: nullptr.
    [[nodiscard]] Result<const bj::value*> optional_object(std::string_view key) const {
        const bj::value* v = object_->if_contains(key);
        if (v == nullptr || v->is_null()) return static_cast<const bj::value*>(nullptr);
        if (!v->is_object()) return wrong(key, "an object or null");
        return v;
    }
    [[nodiscard]] Result<const bj::value*> object(std::string_view key) const {
        const bj::value* v = object_->if_contains(key);
        if (v == nullptr) return missing(key);
        if (!v->is_object()) return wrong(key, "an object");
        return v;
    }

private:
    explicit Reader(const bj::object& object) : object_(&object) {}

    static Status missing(std::string_view key) {
        return Status::Invalid(std::string(key), "required", std::string(key) + " is missing");
    }
    static Status wrong(std::string_view key, std::string_view want) {
        return Status::Invalid(std::string(key), "type", std::string(key) + " must be " + std::string(want));
    }

    const bj::object* object_;
};

bj::value or_null(const std::optional<std::string>& text) { return text ? bj::value(*text) : bj::value(nullptr); }

bj::array array_of(const std::vector<std::string>& texts) {
    bj::array out;
    out.reserve(texts.size());
    for (const auto& t : texts) out.emplace_back(t);
    return out;
}

// A view carried as JSON: an object with a string `id`, which is all its readers rely on.
Result<bj::object> view_object(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    SK_RETURN_IF_ERROR(r.text("id"));
    return value.as_object();
}

}  // namespace

Result<OfferView> OfferView::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(bj::object json, view_object(value));
    return OfferView{std::move(json)};
}

Result<PlanView> PlanView::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(bj::object json, view_object(value));
    return PlanView{std::move(json)};
}

bj::object LeadSnapshot::to_json() const { return {{"id", id}, {"email", email}, {"company", company}}; }
Result<LeadSnapshot> LeadSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    LeadSnapshot out;
    SK_ASSIGN_OR_RETURN(out.id, r.text("id"));
    SK_ASSIGN_OR_RETURN(out.email, r.text("email"));
    SK_ASSIGN_OR_RETURN(out.company, r.text("company"));
    return out;
}

namespace {

Result<DealSnapshot::Customer> read_customer(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    DealSnapshot::Customer out;
    SK_ASSIGN_OR_RETURN(out.name, r.text("name"));
    SK_ASSIGN_OR_RETURN(out.domain, r.text("domain"));
    SK_ASSIGN_OR_RETURN(out.contact_email, r.text("contact_email"));
    return out;
}

}  // namespace

bj::object DealSnapshot::to_json() const {
    return {
        {"id", id},
        {"offer_id", offer_id},
        {"customer", {{"name", customer.name}, {"domain", customer.domain}, {"contact_email", customer.contact_email}}},
        {"plan_ids", array_of(plan_ids)},
        {"seats", seats},
        {"value",
         value_cents % 100 == 0 ? bj::value(value_cents / 100) : bj::value(static_cast<double>(value_cents) / 100.0)},
        {"currency", currency},
        {"close_date", close_date},
        {"state", domain::to_string(state)},
        {"tenant_id", or_null(tenant_id)},
        {"source", source}};
}
Result<DealSnapshot> DealSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    DealSnapshot out;
    SK_ASSIGN_OR_RETURN(out.id, r.text("id"));
    SK_ASSIGN_OR_RETURN(out.offer_id, r.text("offer_id"));
    SK_ASSIGN_OR_RETURN(const bj::value* customer_json, r.object("customer"));
    {
        const auto customer = read_customer(*customer_json);
        if (!customer.ok()) return Status(customer.status()).in("customer");
        out.customer = *customer;
    }
    SK_ASSIGN_OR_RETURN(out.plan_ids, r.texts("plan_ids"));
    SK_ASSIGN_OR_RETURN(out.seats, r.integer("seats"));
    SK_ASSIGN_OR_RETURN(out.value_cents, r.cents("value"));
    SK_ASSIGN_OR_RETURN(out.currency, r.text("currency"));
    SK_ASSIGN_OR_RETURN(out.close_date, r.text("close_date"));
    SK_ASSIGN_OR_RETURN(const std::string state, r.text("state"));
    const auto parsed = parse_deal_state(state);
    if (!parsed) return Status::Invalid("state", "enum", "state '" + state + "' is not a deal state");
    out.state = *parsed;
    SK_ASSIGN_OR_RETURN(out.tenant_id, r.optional_text("tenant_id"));
    SK_ASSIGN_OR_RETURN(const auto source, r.optional_text("source"));
    out.source = source.value_or("registered");
    return out;
}

bj::object InvitationSnapshot::to_json() const {
    return {{"id", id}, {"email", email}, {"expires_at", format_rfc3339(expires_at)}};
}
Result<InvitationSnapshot> InvitationSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    InvitationSnapshot out;
    SK_ASSIGN_OR_RETURN(out.id, r.text("id"));
    SK_ASSIGN_OR_RETURN(out.email, r.text("email"));
    SK_ASSIGN_OR_RETURN(out.expires_at, r.time("expires_at"));
    return out;
}

bj::object InvitationAnswerSnapshot::to_json() const {
    return {{"id", id}, {"state", state}, {"email", email}, {"publisher_id", publisher_id}, {"offer_id", offer_id}};
}
Result<InvitationAnswerSnapshot> InvitationAnswerSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    InvitationAnswerSnapshot out;
    SK_ASSIGN_OR_RETURN(out.id, r.text("id"));
    SK_ASSIGN_OR_RETURN(out.state, r.text("state"));
    SK_ASSIGN_OR_RETURN(out.email, r.text("email"));
    SK_ASSIGN_OR_RETURN(out.publisher_id, r.text("publisher_id"));
    SK_ASSIGN_OR_RETURN(out.offer_id, r.text("offer_id"));
    return out;
}

bj::object SignupCodeSnapshot::to_json() const { return {{"id", id}, {"email", email}}; }
Result<SignupCodeSnapshot> SignupCodeSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    SignupCodeSnapshot out;
    SK_ASSIGN_OR_RETURN(out.id, r.text("id"));
    SK_ASSIGN_OR_RETURN(out.email, r.text("email"));
    return out;
}

bj::object RelationshipSnapshot::to_json() const { return {{"publisher_id", publisher_id}, {"tenant_id", tenant_id}}; }
Result<RelationshipSnapshot> RelationshipSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    RelationshipSnapshot out;
    SK_ASSIGN_OR_RETURN(out.publisher_id, r.text("publisher_id"));
    SK_ASSIGN_OR_RETURN(out.tenant_id, r.text("tenant_id"));
    return out;
}

bj::object LicenseSnapshot::to_json() const {
    bj::object out{{"deal_id", deal_id},   {"tenant_id", tenant_id}, {"service_id", service_id}, {"plan_id", plan_id},
                   {"offer_id", offer_id}, {"quantity", quantity},   {"active", active}};
    if (term) {
        out["term"] = bj::object{{"start_date", format_day(term->start)},
                                 {"end_date", format_day(term->end)},
                                 {"grace_days", term->grace_days}};
    } else {
        out["term"] = nullptr;
    }
    out["suspension_reason"] = or_null(suspension_reason);
    if (!status.empty()) out["status"] = status;
    out["site"] = site;
    out["trial"] = trial;
    return out;
}
Result<LicenseSnapshot> LicenseSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    LicenseSnapshot out;
    SK_ASSIGN_OR_RETURN(out.deal_id, r.text("deal_id"));
    SK_ASSIGN_OR_RETURN(out.tenant_id, r.text("tenant_id"));
    SK_ASSIGN_OR_RETURN(out.service_id, r.text("service_id"));
    SK_ASSIGN_OR_RETURN(out.plan_id, r.text("plan_id"));
    SK_ASSIGN_OR_RETURN(out.offer_id, r.text("offer_id"));
    SK_ASSIGN_OR_RETURN(out.quantity, r.integer("quantity"));
    SK_ASSIGN_OR_RETURN(out.active, r.boolean("active"));
    SK_ASSIGN_OR_RETURN(out.suspension_reason, r.optional_text("suspension_reason"));
    SK_ASSIGN_OR_RETURN(const auto status, r.optional_text("status"));
    out.status = status.value_or("");
    SK_ASSIGN_OR_RETURN(out.site, r.optional_boolean("site"));
    SK_ASSIGN_OR_RETURN(out.trial, r.optional_boolean("trial"));
    SK_ASSIGN_OR_RETURN(const bj::value* term, r.optional_object("term"));
    if (term != nullptr) {
        SK_ASSIGN_OR_RETURN(const Reader t, Reader::of(*term));
        SK_ASSIGN_OR_RETURN(const Day start, t.day("start_date"));
        SK_ASSIGN_OR_RETURN(const Day end, t.day("end_date"));
        SK_ASSIGN_OR_RETURN(const std::int64_t grace, t.integer("grace_days"));
        out.term = LicenseTerm{start, end, static_cast<std::int32_t>(grace)};
    }
    return out;
}

bj::object SeatSnapshot::to_json() const {
    return {{"tenant_id", tenant_id},
            {"service_id", service_id},
            {"upn", upn},
            {"plan_id", plan_id},
            {"group_id", or_null(group_id)}};
}
Result<SeatSnapshot> SeatSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    SeatSnapshot out;
    SK_ASSIGN_OR_RETURN(out.tenant_id, r.text("tenant_id"));
    SK_ASSIGN_OR_RETURN(out.service_id, r.text("service_id"));
    SK_ASSIGN_OR_RETURN(out.upn, r.text("upn"));
    SK_ASSIGN_OR_RETURN(out.plan_id, r.text("plan_id"));
    SK_ASSIGN_OR_RETURN(out.group_id, r.optional_text("group_id"));
    return out;
}

bj::object GroupSnapshot::to_json() const { return {{"id", id}, {"name", name}, {"members", array_of(members)}}; }
Result<GroupSnapshot> GroupSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    GroupSnapshot out;
    SK_ASSIGN_OR_RETURN(out.id, r.text("id"));
    SK_ASSIGN_OR_RETURN(out.name, r.text("name"));
    SK_ASSIGN_OR_RETURN(out.members, r.texts("members"));
    return out;
}

bj::object GroupMemberSnapshot::to_json() const { return {{"group_id", group_id}, {"upn", upn}}; }
Result<GroupMemberSnapshot> GroupMemberSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    GroupMemberSnapshot out;
    SK_ASSIGN_OR_RETURN(out.group_id, r.text("group_id"));
    SK_ASSIGN_OR_RETURN(out.upn, r.text("upn"));
    return out;
}

bj::object GroupAssignmentSnapshot::to_json() const { return {{"group_id", group_id}, {"service_id", service_id}}; }
Result<GroupAssignmentSnapshot> GroupAssignmentSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    GroupAssignmentSnapshot out;
    SK_ASSIGN_OR_RETURN(out.group_id, r.text("group_id"));
    SK_ASSIGN_OR_RETURN(out.service_id, r.text("service_id"));
    return out;
}

bj::object InstallationSnapshot::to_json() const {
    return {{"id", id}, {"offer", offer}, {"environment", environment}, {"tenant_id", tenant_id}};
}
Result<InstallationSnapshot> InstallationSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    InstallationSnapshot out;
    SK_ASSIGN_OR_RETURN(out.id, r.text("id"));
    SK_ASSIGN_OR_RETURN(out.offer, r.text("offer"));
    SK_ASSIGN_OR_RETURN(out.environment, r.text("environment"));
    SK_ASSIGN_OR_RETURN(out.tenant_id, r.text("tenant_id"));
    return out;
}

bj::object TenantSnapshot::to_json() const { return {{"id", id}, {"name", name}, {"domains", array_of(domains)}}; }
Result<TenantSnapshot> TenantSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    TenantSnapshot out;
    SK_ASSIGN_OR_RETURN(out.id, r.text("id"));
    SK_ASSIGN_OR_RETURN(out.name, r.text("name"));
    SK_ASSIGN_OR_RETURN(out.domains, r.texts("domains"));
    return out;
}

bj::object DomainSnapshot::to_json() const { return {{"domain", domain}, {"state", state}}; }
Result<DomainSnapshot> DomainSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    DomainSnapshot out;
    SK_ASSIGN_OR_RETURN(out.domain, r.text("domain"));
    SK_ASSIGN_OR_RETURN(out.state, r.text("state"));
    return out;
}

bj::object DirectoryUserSnapshot::to_json() const { return {{"upn", upn}, {"display_name", display_name}}; }
Result<DirectoryUserSnapshot> DirectoryUserSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    DirectoryUserSnapshot out;
    SK_ASSIGN_OR_RETURN(out.upn, r.text("upn"));
    SK_ASSIGN_OR_RETURN(out.display_name, r.text("display_name"));
    return out;
}

bj::object PublisherSnapshot::to_json() const { return {{"id", id}, {"name", name}}; }
Result<PublisherSnapshot> PublisherSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    PublisherSnapshot out;
    SK_ASSIGN_OR_RETURN(out.id, r.text("id"));
    SK_ASSIGN_OR_RETURN(out.name, r.text("name"));
    return out;
}

namespace {

// The account a user or key belongs to: its tenant_id when it has one, else its publisher_id (UserSnapshot).
void put_account(bj::object& out, const std::string& publisher_id, const std::string& tenant_id) {
    if (!tenant_id.empty()) {
        out["tenant_id"] = tenant_id;
    } else {
        out["publisher_id"] = publisher_id;
    }
}

Status read_account(const Reader& r, std::string& publisher_id, std::string& tenant_id) {
    SK_ASSIGN_OR_RETURN(auto tenant, r.optional_text("tenant_id"));
    if (tenant) {
        tenant_id = std::move(*tenant);
        return Status::Ok();
    }
    SK_ASSIGN_OR_RETURN(publisher_id, r.text("publisher_id"));
    return Status::Ok();
}

}  // namespace

bj::object UserSnapshot::to_json() const {
    bj::object out{{"id", id}, {"email", email}, {"name", name}, {"role", role}, {"disabled", disabled}};
    put_account(out, publisher_id, tenant_id);
    return out;
}
Result<UserSnapshot> UserSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    UserSnapshot out;
    SK_ASSIGN_OR_RETURN(out.id, r.text("id"));
    SK_ASSIGN_OR_RETURN(out.email, r.text("email"));
    SK_ASSIGN_OR_RETURN(out.name, r.text("name"));
    SK_ASSIGN_OR_RETURN(out.role, r.text("role"));
    SK_ASSIGN_OR_RETURN(out.disabled, r.boolean("disabled"));
    SK_RETURN_IF_ERROR(read_account(r, out.publisher_id, out.tenant_id));
    return out;
}

bj::object SignInSnapshot::to_json() const { return {{"session", session}}; }
Result<SignInSnapshot> SignInSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    SignInSnapshot out;
    SK_ASSIGN_OR_RETURN(out.session, r.text("session"));
    return out;
}

Result<PasswordChangeSnapshot> PasswordChangeSnapshot::from_json(const bj::value& value) {
    SK_RETURN_IF_ERROR(Reader::of(value));
    return PasswordChangeSnapshot{};
}

bj::object PasswordResetSnapshot::to_json() const { return {{"reset", reset}}; }
Result<PasswordResetSnapshot> PasswordResetSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    PasswordResetSnapshot out;
    SK_ASSIGN_OR_RETURN(out.reset, r.text("reset"));
    return out;
}

bj::object ApiKeySnapshot::to_json() const {
    bj::object out{{"id", id}, {"name", name}, {"role", role}};
    put_account(out, publisher_id, tenant_id);
    return out;
}
Result<ApiKeySnapshot> ApiKeySnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    ApiKeySnapshot out;
    SK_ASSIGN_OR_RETURN(out.id, r.text("id"));
    SK_ASSIGN_OR_RETURN(out.name, r.text("name"));
    SK_ASSIGN_OR_RETURN(out.role, r.text("role"));
    SK_RETURN_IF_ERROR(read_account(r, out.publisher_id, out.tenant_id));
    return out;
}

bj::object ApiKeyRevocationSnapshot::to_json() const { return {{"revoked", revoked}}; }
Result<ApiKeyRevocationSnapshot> ApiKeyRevocationSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    ApiKeyRevocationSnapshot out;
    SK_ASSIGN_OR_RETURN(out.revoked, r.boolean("revoked"));
    return out;
}

bj::object SigningKeySnapshot::to_json() const {
    bj::object out{{"kid", kid}};
    if (alg) out["alg"] = *alg;
    return out;
}
Result<SigningKeySnapshot> SigningKeySnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    SigningKeySnapshot out;
    SK_ASSIGN_OR_RETURN(out.kid, r.text("kid"));
    SK_ASSIGN_OR_RETURN(out.alg, r.optional_text("alg"));
    return out;
}

bj::object SigningKeyResealSnapshot::to_json() const {
    return {{"master_key_id", master_key_id}, {"kids", array_of(kids)}};
}
Result<SigningKeyResealSnapshot> SigningKeyResealSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    SigningKeyResealSnapshot out;
    SK_ASSIGN_OR_RETURN(out.master_key_id, r.text("master_key_id"));
    SK_ASSIGN_OR_RETURN(out.kids, r.texts("kids"));
    return out;
}

bj::object WebhookSnapshot::to_json() const {
    bj::object out{{"id", id},
                   {"url", url},
                   {"description", description},
                   {"events", array_of(events)},
                   {"enabled", enabled},
                   {"disabled_reason", disabled_reason ? bj::value(*disabled_reason) : bj::value(nullptr)}};
    put_account(out, publisher_id, tenant_id);
    return out;
}
Result<WebhookSnapshot> WebhookSnapshot::from_json(const bj::value& value) {
    SK_ASSIGN_OR_RETURN(const Reader r, Reader::of(value));
    WebhookSnapshot out;
    SK_ASSIGN_OR_RETURN(out.id, r.text("id"));
    SK_ASSIGN_OR_RETURN(out.url, r.text("url"));
    SK_ASSIGN_OR_RETURN(out.description, r.text("description"));
    SK_ASSIGN_OR_RETURN(out.events, r.texts("events"));
    SK_ASSIGN_OR_RETURN(out.enabled, r.boolean("enabled"));
    SK_ASSIGN_OR_RETURN(out.disabled_reason, r.optional_text("disabled_reason"));
    SK_RETURN_IF_ERROR(read_account(r, out.publisher_id, out.tenant_id));
    return out;
}

// ---- Events

namespace {

bj::value side_json(const std::optional<Snapshot>& side) {
    if (!side) return nullptr;
    return std::visit([](const auto& snapshot) { return bj::value(snapshot.to_json()); }, *side);
}

// The snapshot of kind `kind` in `value` (the alternative of that index), or why it is not one.
template <std::size_t I = 0>
Result<Snapshot> snapshot_of(PayloadKind kind, const bj::value& value) {
    if constexpr (I < std::variant_size_v<Snapshot>) {
        if (static_cast<std::size_t>(kind) != I) return snapshot_of<I + 1>(kind, value);
        using Payload = std::variant_alternative_t<I, Snapshot>;
        SK_ASSIGN_OR_RETURN(Payload payload, Payload::from_json(value));
        return Snapshot(std::in_place_index<I>, std::move(payload));
    } else {
        return Status::Internal("no snapshot of payload kind " + std::to_string(static_cast<int>(kind)));
    }
}

Result<std::optional<Snapshot>> side_of(const bj::object& payload, std::string_view side, PayloadKind kind) {
    const bj::value* value = payload.if_contains(side);
    if (value == nullptr) {
        return Status::Invalid(std::string(side), "required", "the payload has no " + std::string(side));
    }
    if (value->is_null()) return std::optional<Snapshot>();
    auto snapshot = snapshot_of(kind, *value);
    if (!snapshot.ok()) return Status(snapshot.status()).in(side);
    return std::optional<Snapshot>(std::move(snapshot).value());
}

}  // namespace

bj::object payload_json(const Event& event) {
    return {{"before", side_json(event.before())}, {"after", side_json(event.after())}};
}

Result<Event> parse_event(std::string_view type, std::string subject, std::string tenant_id, std::string_view payload) {
    const auto parsed_type = parse_event_type(type);
    if (!parsed_type) return Status::Invalid("type", "enum", "'" + std::string(type) + "' is not an event type");
    boost::system::error_code ec;
    const bj::value json = bj::parse(payload, ec);
    if (ec) return Status::Malformed("the event's payload is not JSON", "payload");
    if (!json.is_object()) return Status::Invalid("payload", "type", "the event's payload must be a JSON object");
    const PayloadKind kind = payload_kind(*parsed_type);
    SK_ASSIGN_OR_RETURN(auto before, side_of(json.as_object(), "before", kind));
    SK_ASSIGN_OR_RETURN(auto after, side_of(json.as_object(), "after", kind));
    return Event(*parsed_type, std::move(subject), std::move(tenant_id), std::move(before), std::move(after));
}

}  // namespace seatkeeper::domain
