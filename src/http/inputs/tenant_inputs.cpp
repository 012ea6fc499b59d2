#include "http/inputs/tenant_inputs.hpp"

#include "common/json.hpp"
#include "domain/ids.hpp"
#include "domain/limits.hpp"

namespace seatkeeper::http::inputs {

Result<service::InvitationSignup> parse_invitation_signup(const boost::json::object& body) {
    const json::Fields f(body);
    if (body.contains("domains")) {
        return Status::Invalid("domains", "not_allowed",
                               "a sign-up registers the invited address's domain only; add further domains "
                               "afterwards (Domains), each proven by a DNS TXT record");
    }
    SK_RETURN_IF_ERROR(f.only({"tenant_name", "name", "password", "code"}));
    service::InvitationSignup input;
    SK_ASSIGN_OR_RETURN(input.tenant_name, f.required_string("tenant_name", domain::kMaxTenantNameLength));
    SK_ASSIGN_OR_RETURN(auto name, f.optional_string("name", domain::kMaxUserNameLength));
    input.name = name.value_or("");
    SK_ASSIGN_OR_RETURN(input.password, f.required_string("password", domain::kMaxPasswordLength, json::Text::kSecret));
    // Optional here so that the other fields are checked first (service::signup_from_invitation).
    SK_ASSIGN_OR_RETURN(auto code, f.optional_string("code", domain::kMaxSignupCodeLength));
    input.code = code.value_or("");
    return input;
}

Result<std::string> parse_new_domain(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"domain"}));
    return f.required_string("domain", domain::kMaxDomainLength);
}

Result<NewDirectoryUser> parse_new_directory_user(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"upn", "display_name"}));
    NewDirectoryUser out;
    SK_ASSIGN_OR_RETURN(out.upn, f.required_string("upn", domain::kMaxUpnLength));
    SK_ASSIGN_OR_RETURN(auto name, f.optional_string("display_name", domain::kMaxDisplayNameLength));
    out.display_name = name.value_or("");
    return out;
}

Result<NewGroup> parse_new_group(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"name", "members"}));
    NewGroup out;
    SK_ASSIGN_OR_RETURN(out.name, f.required_string("name", domain::kMaxGroupNameLength));
    SK_ASSIGN_OR_RETURN(auto members,
                        f.optional_string_list("members", domain::kMaxGroupMembers, domain::kMaxUpnLength));
    out.members = members.value_or(std::vector<std::string>{});
    return out;
}

Result<std::vector<std::string>> parse_group_members(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"members"}));
    SK_ASSIGN_OR_RETURN(auto members,
                        f.optional_string_list("members", domain::kMaxGroupMembers, domain::kMaxUpnLength));
    return members.value_or(std::vector<std::string>{});
}

Result<SeatAssignment> parse_seat_assignment(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"users", "groups"}));
    SK_ASSIGN_OR_RETURN(auto users, f.optional_string_list("users", domain::kMaxAssignUsers, domain::kMaxUpnLength));
    SK_ASSIGN_OR_RETURN(auto groups,
                        f.optional_string_list("groups", domain::kMaxAssignGroups, domain::kMaxGroupIdLength));
    return SeatAssignment{users.value_or(std::vector<std::string>{}), groups.value_or(std::vector<std::string>{})};
}

Result<NewInstallation> parse_new_installation(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"offer", "environment"}));
    NewInstallation out;
    SK_ASSIGN_OR_RETURN(out.product, f.required_string("offer", domain::kMaxProductLength));
    SK_ASSIGN_OR_RETURN(auto environment, f.optional_string("environment", domain::kMaxEnvironmentLength));
    out.environment = environment.value_or("Production");
    return out;
}

Result<NewTrial> parse_new_trial(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"offer", "plan_id"}));
    NewTrial out;
    SK_ASSIGN_OR_RETURN(out.product, f.required_string("offer", domain::kMaxProductLength));
    SK_ASSIGN_OR_RETURN(out.plan_id, f.required_string("plan_id", domain::kMaxPlanIdLength));
    return out;
}

Result<service::ReclaimRequest> parse_reclaim(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"inactive_days", "dry_run"}));
    service::ReclaimRequest out;
    SK_ASSIGN_OR_RETURN(auto days,
                        f.optional_integer("inactive_days", domain::kMinInactiveDays, domain::kMaxInactiveDays));
    if (!days) return Status::Invalid("inactive_days", "required", "inactive_days is required");
    out.inactive_days = *days;
    SK_ASSIGN_OR_RETURN(auto dry_run, f.optional_bool("dry_run"));
    out.dry_run = dry_run.value_or(false);
    return out;
}

}  // namespace seatkeeper::http::inputs
