// Sign-in, sessions, passwords, users and API keys.
//
// Staff accounts of both kinds live under /api/v1/users (Access::kAccount, scoped to the caller's publisher or
// tenant): /api/v1/tenant/users is the tenant's directory of licensable people, who never sign in.
#include "common/crypto.hpp"
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "http/inputs/account_inputs.hpp"
#include "http/views/account_views.hpp"
#include "http/views/json_array.hpp"
#include "service/accounts.hpp"

namespace seatkeeper::http {

void add_account_routes(Router& router, service::Services& services) {
    Route login{"POST", "/api/v1/auth/login", Access::kPublic, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_credentials));
                    SK_ASSIGN_OR_RETURN(auto signin, service::login(services, input.email, input.password));
                    return sign_in_response(200, signin, services.settings().secure_cookies);
                }};
    login.signs_in = true;
    router.add(std::move(login));
    // Public so that a browser whose session already expired can still clear its cookie; a live session
    // is ended only with its CSRF token, so another site cannot sign the user out.
    router.add({"POST", "/api/v1/auth/logout", Access::kPublic, [&services](Context& c) -> Result<Response> {
                    if (const auto cookie = c.request.cookie(kSessionCookie)) {
                        if (auto session = service::resolve_session(services, *cookie); session.ok()) {
                            const auto csrf = c.request.header("x-csrf-token");
                            if (!csrf || !crypto::constant_time_equal(*csrf, session->csrf_token)) {
                                return Status::Forbidden("signing out sends the X-CSRF-Token header");
                            }
                            SK_RETURN_IF_ERROR(service::logout(services, *cookie));
                        }
                    }
                    Response r;
                    r.status = 204;
                    r.set_header("Set-Cookie", session_cookie("", 0, services.settings().secure_cookies));
                    return r;
                }});
    // The password routes check a password or a mailed secret: throttled per address like sign-in.
    Route change_password{
        "POST", "/api/v1/auth/password", Access::kAccount, [&services](Context& c) -> Result<Response> {
            SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_password_change));
            // Authorization wins over the cookie in Api::authenticate; an API key has no session to keep.
            const auto cookie = c.request.header("authorization") ? std::nullopt : c.request.cookie(kSessionCookie);
            SK_RETURN_IF_ERROR(service::change_password(services, c.who(), std::string(cookie.value_or("")),
                                                        input.current_password, input.new_password));
            Response r;
            r.status = 204;
            return r;
        }};
    change_password.signs_in = true;
    router.add(std::move(change_password));
    Route request_reset{"POST", "/api/v1/auth/password-reset", Access::kPublic,
                        [&services](Context& c) -> Result<Response> {
                            SK_ASSIGN_OR_RETURN(auto email, read_input(c, inputs::parse_password_reset_request));
                            SK_RETURN_IF_ERROR(service::request_password_reset(services, email));
                            // The same answer whether or not the address has an account.
                            return json_response(202, views::password_reset_requested_json());
                        }};
    request_reset.signs_in = true;
    router.add(std::move(request_reset));
    Route reset{"POST", "/api/v1/auth/password-reset/{token}", Access::kPublic,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto next, read_input(c, inputs::parse_password_reset));
                    SK_RETURN_IF_ERROR(service::reset_password(services, c.param("token"), next));
                    Response r;
                    r.status = 204;
                    return r;
                }};
    reset.signs_in = true;
    router.add(std::move(reset));
    router.add({"GET", "/api/v1/auth/me", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    std::optional<std::string> csrf_token;
                    // A page reloaded in the browser gets its CSRF token back from here.
                    if (const auto cookie = c.request.cookie(kSessionCookie);
                        cookie && !c.request.header("authorization")) {
                        SK_ASSIGN_OR_RETURN(auto session, service::resolve_session(services, *cookie));
                        csrf_token = session.csrf_token;
                    }
                    return json_response(200, views::me_json(c.who(), csrf_token));
                }});

    router.add({"GET", "/api/v1/users", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto users, service::list_users(services, c.who()));
                    return paged_list_response(c, views::json_array(users, views::user_json));
                }});
    router.add({"POST", "/api/v1/users", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_new_user));
                    SK_ASSIGN_OR_RETURN(auto user, service::create_user(services, c.who(), input));
                    return json_response(201, views::user_json(user));
                }});

    router.add({"PATCH", "/api/v1/users/{user_id}", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto change, read_input(c, inputs::parse_user_change));
                    SK_ASSIGN_OR_RETURN(auto user, service::update_user(services, c.who(), c.param("user_id"), change));
                    return json_response(200, views::user_json(user));
                }});
    router.add({"DELETE", "/api/v1/users/{user_id}", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_RETURN_IF_ERROR(service::delete_user(services, c.who(), c.param("user_id")));
                    Response r;
                    r.status = 204;
                    return r;
                }});

    router.add({"GET", "/api/v1/api-keys", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto keys, service::list_api_keys(services, c.who()));
                    return paged_list_response(c, views::json_array(keys, views::api_key_json));
                }});
    Route create_key{"POST", "/api/v1/api-keys", Access::kAccount, [&services](Context& c) -> Result<Response> {
                         SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_new_api_key));
                         SK_ASSIGN_OR_RETURN(auto key, service::create_api_key(services, c.who(), input));
                         return json_response(201, views::api_key_json(key));
                     }};
    create_key.secret_fields = {"key"};
    router.add(std::move(create_key));
    router.add({"DELETE", "/api/v1/api-keys/{key_id}", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_RETURN_IF_ERROR(service::revoke_api_key(services, c.who(), c.param("key_id")));
                    Response r;
                    r.status = 204;
                    return r;
                }});
}

}  // namespace seatkeeper::http
