// Sign-in, sessions, passwords, users and API keys.
//
// Staff accounts of both kinds live under /api/v1/users (Access::kAccount, scoped to the caller's publisher or
// tenant): /api/v1/tenant/users is the tenant's directory of licensable people, who never sign in.
#include "common/crypto.hpp"
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "service/accounts.hpp"

namespace seatkeeper::http {

namespace {

boost::json::object user_json(const data::UserRow& u) {
    boost::json::object o{{"id", u.id},
                          {"email", u.email},
                          {"name", u.name},
                          {"role", u.role},
                          {"disabled", u.disabled_at.has_value()},
                          {"created_at", format_rfc3339(u.created_at)}};
    put_account(o, u.publisher_id, u.tenant_id);
    return o;
}

boost::json::object key_json(const service::ApiKeyRecord& k) {
    boost::json::object o{{"id", k.id},
                          {"name", k.name},
                          {"role", k.role},
                          {"created_at", format_rfc3339(k.created_at)},
                          {"revoked_at", k.revoked_at ? boost::json::value(format_rfc3339(*k.revoked_at)) : nullptr}};
    put_account(o, k.publisher_id, k.tenant_id);
    if (!k.key.empty()) o["key"] = k.key;
    return o;
}

}  // namespace

void add_account_routes(Router& router, service::Services& services) {
    Route login{"POST", "/api/v1/auth/login", Access::kPublic, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    const json::Fields f(body);
                    SK_RETURN_IF_ERROR(f.only({"email", "password"}));
                    SK_ASSIGN_OR_RETURN(auto email, f.required_string("email", 254));
                    SK_ASSIGN_OR_RETURN(auto password, f.required_string("password", 256, json::Text::kSecret));
                    SK_ASSIGN_OR_RETURN(auto signin, service::login(services, email, password));
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
            SK_ASSIGN_OR_RETURN(auto body, body_object(c));
            const json::Fields f(body);
            SK_RETURN_IF_ERROR(f.only({"current_password", "new_password"}));
            SK_ASSIGN_OR_RETURN(auto current, f.required_string("current_password", 256));
            SK_ASSIGN_OR_RETURN(auto next, f.required_string("new_password", 256));
            // Authorization wins over the cookie in Api::authenticate; an API key has no session to keep.
            const auto cookie = c.request.header("authorization") ? std::nullopt : c.request.cookie(kSessionCookie);
            SK_RETURN_IF_ERROR(
                service::change_password(services, c.who(), std::string(cookie.value_or("")), current, next));
            Response r;
            r.status = 204;
            return r;
        }};
    change_password.signs_in = true;
    router.add(std::move(change_password));
    Route request_reset{
        "POST", "/api/v1/auth/password-reset", Access::kPublic, [&services](Context& c) -> Result<Response> {
            SK_ASSIGN_OR_RETURN(auto body, body_object(c));
            const json::Fields f(body);
            SK_RETURN_IF_ERROR(f.only({"email"}));
            SK_ASSIGN_OR_RETURN(auto email, f.required_string("email", 254));
            SK_RETURN_IF_ERROR(service::request_password_reset(services, email));
            // The same answer whether or not the address has an account.
            return json_response(
                202, boost::json::object{{"detail",
                                          "If an active account has this address, a link to reset its password is on "
                                          "its way; it works once, within an hour."}});
        }};
    request_reset.signs_in = true;
    router.add(std::move(request_reset));
    Route reset{"POST", "/api/v1/auth/password-reset/{token}", Access::kPublic,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    const json::Fields f(body);
                    SK_RETURN_IF_ERROR(f.only({"new_password"}));
                    SK_ASSIGN_OR_RETURN(auto next, f.required_string("new_password", 256));
                    SK_RETURN_IF_ERROR(service::reset_password(services, c.param("token"), next));
                    Response r;
                    r.status = 204;
                    return r;
                }};
    reset.signs_in = true;
    router.add(std::move(reset));
    router.add({"GET", "/api/v1/auth/me", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    boost::json::object out{{"user", principal_json(c.who())}};
                    // A page reloaded in the browser gets its CSRF token back from here.
                    if (const auto cookie = c.request.cookie(kSessionCookie);
                        cookie && !c.request.header("authorization")) {
                        SK_ASSIGN_OR_RETURN(auto session, service::resolve_session(services, *cookie));
                        out["csrf_token"] = session.csrf_token;
                    }
                    return json_response(200, out);
                }});

    router.add({"GET", "/api/v1/users", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto users, service::list_users(services, c.who()));
                    boost::json::array items;
                    for (const auto& u : users) items.emplace_back(user_json(u));
                    return paged_list_response(c, std::move(items));
                }});
    router.add({"POST", "/api/v1/users", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    const json::Fields f(body);
                    SK_RETURN_IF_ERROR(f.only({"email", "name", "password", "role"}));
                    service::NewUser input;
                    SK_ASSIGN_OR_RETURN(input.email, f.required_string("email", 254));
                    SK_ASSIGN_OR_RETURN(auto name, f.optional_string("name", 200));
                    SK_ASSIGN_OR_RETURN(input.password, f.required_string("password", 256, json::Text::kSecret));
                    SK_ASSIGN_OR_RETURN(input.role, f.required_string("role", 32));
                    input.name = name.value_or("");
                    SK_ASSIGN_OR_RETURN(auto user, service::create_user(services, c.who(), input));
                    return json_response(201, user_json(user));
                }});

    router.add({"PATCH", "/api/v1/users/{user_id}", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    const json::Fields f(body);
                    SK_RETURN_IF_ERROR(f.only({"name", "role", "disabled"}));
                    service::UserChange change;
                    SK_ASSIGN_OR_RETURN(change.name, f.optional_string("name", 200));
                    SK_ASSIGN_OR_RETURN(change.role, f.optional_string("role", 32));
                    SK_ASSIGN_OR_RETURN(change.disabled, f.optional_bool("disabled"));
                    SK_ASSIGN_OR_RETURN(auto user, service::update_user(services, c.who(), c.param("user_id"), change));
                    return json_response(200, user_json(user));
                }});
    router.add({"DELETE", "/api/v1/users/{user_id}", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_RETURN_IF_ERROR(service::delete_user(services, c.who(), c.param("user_id")));
                    Response r;
                    r.status = 204;
                    return r;
                }});

    router.add({"GET", "/api/v1/api-keys", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto keys, service::list_api_keys(services, c.who()));
                    boost::json::array items;
                    for (const auto& k : keys) items.emplace_back(key_json(k));
                    return paged_list_response(c, std::move(items));
                }});
    Route create_key{"POST", "/api/v1/api-keys", Access::kAccount, [&services](Context& c) -> Result<Response> {
                         SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                         const json::Fields f(body);
                         SK_RETURN_IF_ERROR(f.only({"role", "name"}));
                         service::NewApiKey input;
                         SK_ASSIGN_OR_RETURN(input.role, f.required_string("role", 32));
                         SK_ASSIGN_OR_RETURN(auto name, f.optional_string("name", 100));
                         input.name = name.value_or("");
                         SK_ASSIGN_OR_RETURN(auto key, service::create_api_key(services, c.who(), input));
                         return json_response(201, key_json(key));
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
