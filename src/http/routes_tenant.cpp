// Admin Center (a customer tenant's staff): consent invitations, the tenant, its user directory and groups,
// licenses and seat assignments, installations.
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "http/inputs/tenant_inputs.hpp"
#include "http/views/json_array.hpp"
#include "http/views/license_views.hpp"
#include "http/views/tenant_views.hpp"
#include "service/deals.hpp"
#include "service/installations.hpp"
#include "service/licenses.hpp"
#include "service/tenants.hpp"

namespace seatkeeper::http {

namespace {

Response no_content(int status = 204) {
    Response r;
    r.status = status;
    return r;
}

}  // namespace

void add_tenant_routes(Router& router, service::Services& services) {
    // Consent: anyone holding the link may read what it asks for; only a tenant's billing or global admin
    // may answer it.
    router.add({"GET", "/api/v1/invitations/{token}", Access::kPublic, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto v, service::view_invitation(services, c.param("token")));
                    return json_response(200, views::invitation_json(v));
                }});
    router.add(
        {"POST", "/api/v1/invitations/{token}/accept", Access::kTenant, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto v, service::accept_invitation(services, c.who(), c.param("token")));
             return json_response(200, views::invitation_json(v));
         }});
    router.add(
        {"POST", "/api/v1/invitations/{token}/decline", Access::kTenant, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto v, service::decline_invitation(services, c.who(), c.param("token")));
             return json_response(200, views::invitation_json(v));
         }});
    Route signup_code{"POST", "/api/v1/invitations/{token}/signup-code", Access::kPublic,
                      [&services](Context& c) -> Result<Response> {
                          SK_RETURN_IF_ERROR(service::send_signup_code(services, c.param("token")));
                          return no_content(202);
                      }};
    signup_code.public_write = true;  // it sends mail: throttled per address, as Contact me
    router.add(std::move(signup_code));
    Route signup{
        "POST", "/api/v1/invitations/{token}/signup", Access::kPublic, [&services](Context& c) -> Result<Response> {
            SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_invitation_signup));
            SK_ASSIGN_OR_RETURN(auto tenant, service::signup_from_invitation(services, c.param("token"), input));
            SK_ASSIGN_OR_RETURN(auto invitation, service::view_invitation(services, c.param("token")));
            SK_ASSIGN_OR_RETURN(auto signin, service::login(services, invitation.email, input.password));
            Response r = sign_in_response(201, signin, services.settings().secure_cookies);
            return r;
        }};
    signup.signs_in = true;
    router.add(std::move(signup));

    router.add({"GET", "/api/v1/tenant", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto tenant, service::get_tenant(services, c.who()));
                    return json_response(200, views::tenant_json(tenant));
                }});

    router.add({"GET", "/api/v1/tenant/domains", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto domains, service::list_domains(services, c.who()));
                    return paged_list_response(c, views::json_array(domains, views::domain_json));
                }});
    router.add({"POST", "/api/v1/tenant/domains", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto domain, read_input(c, inputs::parse_new_domain));
                    SK_ASSIGN_OR_RETURN(auto added, service::add_domain(services, c.who(), domain));
                    return json_response(201, views::domain_json(added));
                }});
    router.add({"POST", "/api/v1/tenant/domains/{domain}/verify", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto verified, service::verify_domain(services, c.who(), c.param("domain")));
                    return json_response(200, views::domain_json(verified));
                }});
    router.add(
        {"DELETE", "/api/v1/tenant/domains/{domain}", Access::kTenant, [&services](Context& c) -> Result<Response> {
             SK_RETURN_IF_ERROR(service::remove_domain(services, c.who(), c.param("domain")));
             return no_content();
         }});

    router.add({"GET", "/api/v1/tenant/users", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto users, service::list_directory(services, c.who()));
                    return paged_list_response(c, views::json_array(users, views::directory_user_json));
                }});
    router.add({"POST", "/api/v1/tenant/users", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_new_directory_user));
                    bool created = false;
                    SK_ASSIGN_OR_RETURN(auto user, service::add_directory_user(services, c.who(), input.upn,
                                                                               input.display_name, &created));
                    return json_response(created ? 201 : 200, views::directory_user_json(user));
                }});
    Route import{"POST", "/api/v1/tenant/users/import", Access::kTenant, [&services](Context& c) -> Result<Response> {
                     SK_ASSIGN_OR_RETURN(auto added, service::import_directory_csv(services, c.who(), c.request.body));
                     return json_response(200, views::directory_import_json(added));
                 }};
    import.max_body = 2U << 20;
    router.add(std::move(import));

    router.add({"GET", "/api/v1/tenant/groups", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto groups, service::list_groups(services, c.who()));
                    return paged_list_response(c, views::json_array(groups, views::group_json));
                }});
    router.add({"POST", "/api/v1/tenant/groups", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_new_group));
                    SK_ASSIGN_OR_RETURN(auto group,
                                        service::create_group(services, c.who(), input.name, input.members));
                    return json_response(201, views::group_json(group));
                }});
    router.add(
        {"GET", "/api/v1/tenant/groups/{group_id}", Access::kTenant, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto group, service::get_group(services, c.who(), c.param("group_id")));
             return json_response(200, views::group_json(group));
         }});
    router.add(
        {"DELETE", "/api/v1/tenant/groups/{group_id}", Access::kTenant, [&services](Context& c) -> Result<Response> {
             SK_RETURN_IF_ERROR(service::delete_group(services, c.who(), c.param("group_id")));
             return no_content();
         }});
    router.add({"POST", "/api/v1/tenant/groups/{group_id}/members", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto members, read_input(c, inputs::parse_group_members));
                    SK_ASSIGN_OR_RETURN(auto group,
                                        service::add_group_members(services, c.who(), c.param("group_id"), members));
                    return json_response(200, views::group_json(group));
                }});
    router.add({"DELETE", "/api/v1/tenant/groups/{group_id}/members/{upn}", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_RETURN_IF_ERROR(
                        service::remove_group_member(services, c.who(), c.param("group_id"), c.param("upn")).status());
                    return no_content();
                }});

    router.add({"GET", "/api/v1/tenant/licenses", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto licenses, service::list_tenant_licenses(services, c.who()));
                    return paged_list_response(c, views::json_array(licenses, views::tenant_license_json));
                }});
    router.add({"GET", "/api/v1/tenant/licenses/{service_id}/assignments", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto a, service::list_assignments(services, c.who(), c.param("service_id")));
                    return json_response(200, views::assignments_json(a));
                }});
    router.add({"POST", "/api/v1/tenant/licenses/{service_id}/assignments", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_seat_assignment));
                    const bool minimal = prefers_minimal(c.request);
                    SK_ASSIGN_OR_RETURN(auto a, service::assign_seats(services, c.who(), c.param("service_id"),
                                                                      input.users, input.groups,
                                                                      minimal ? service::AssignmentAnswer::kNamedOnly
                                                                              : service::AssignmentAnswer::kWholeList));
                    Response response = json_response(200, views::assignments_json(a));
                    if (minimal) response.set_header("Preference-Applied", "return=minimal");
                    return response;
                }});
    router.add({"DELETE", "/api/v1/tenant/licenses/{service_id}/assignments/{upn}", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_RETURN_IF_ERROR(
                        service::unassign_user(services, c.who(), c.param("service_id"), c.param("upn")));
                    return no_content();
                }});
    router.add({"DELETE", "/api/v1/tenant/licenses/{service_id}/groups/{group_id}", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_RETURN_IF_ERROR(
                        service::unassign_group(services, c.who(), c.param("service_id"), c.param("group_id")));
                    return no_content();
                }});

    router.add({"GET", "/api/v1/tenant/installations", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto installs, service::list_tenant_installations(services, c.who()));
                    return paged_list_response(c, views::json_array(installs, views::installation_json));
                }});
    router.add({"POST", "/api/v1/tenant/installations", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_new_installation));
                    SK_ASSIGN_OR_RETURN(auto install,
                                        service::install_offer(services, c.who(), input.product, input.environment));
                    return json_response(201, views::installation_json(install));
                }});
    router.add({"POST", "/api/v1/tenant/trials", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_new_trial));
                    SK_ASSIGN_OR_RETURN(auto license,
                                        service::start_trial(services, c.who(), input.product, input.plan_id));
                    return json_response(201, views::tenant_license_json(license));
                }});
}

}  // namespace seatkeeper::http
