// Request bodies of the Admin Center: sign-up from a consent invitation, domains, the user directory, groups,
// seat assignments and installations. How parsers work: account_inputs.hpp.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "service/deals.hpp"
#include "service/licenses.hpp"

namespace seatkeeper::http::inputs {

// POST /invitations/{token}/signup. A sign-up registers the invited address's domain only: `domains` is
// refused with a rule of its own, before anything else, so that the client learns why.
Result<service::InvitationSignup> parse_invitation_signup(const boost::json::object& body);
// POST /tenant/domains: the domain.
Result<std::string> parse_new_domain(const boost::json::object& body);

// POST /tenant/users.
struct NewDirectoryUser {
    std::string upn;
    std::string display_name;
};
Result<NewDirectoryUser> parse_new_directory_user(const boost::json::object& body);

// POST /tenant/groups.
struct NewGroup {
    std::string name;
    std::vector<std::string> members;
};
Result<NewGroup> parse_new_group(const boost::json::object& body);
// POST /tenant/groups/{group_id}/members: the UPNs to add.
Result<std::vector<std::string>> parse_group_members(const boost::json::object& body);

// POST /tenant/licenses/{service_id}/assignments.
struct SeatAssignment {
    std::vector<std::string> users;   // UPNs
    std::vector<std::string> groups;  // group IDs
};
Result<SeatAssignment> parse_seat_assignment(const boost::json::object& body);

// POST /tenant/installations.
struct NewInstallation {
    std::string product;      // "<publisher ID>.<offer ID>"
    std::string environment;  // "Production" when not given
};
Result<NewInstallation> parse_new_installation(const boost::json::object& body);

// POST /tenant/trials.
struct NewTrial {
    std::string product;  // "<publisher ID>.<offer ID>"
    std::string plan_id;
};
Result<NewTrial> parse_new_trial(const boost::json::object& body);

// POST /tenant/licenses/{service_id}/reclaim: inactive_days (required, kMinInactiveDays–kMaxInactiveDays) and
// dry_run (false when not given).
Result<service::ReclaimRequest> parse_reclaim(const boost::json::object& body);

}  // namespace seatkeeper::http::inputs
