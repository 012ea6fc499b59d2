// Sign-in, sessions, users and API keys.
#include "common/crypto.hpp"
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "service/accounts.hpp"

namespace seatkeeper::http {

namespace {

boost::json::object user_json(const service::UserRecord& u) {
    boost::json::object o{{"id", u.id},
                          {"email", u.email},
                          {"name", u.name},
                          {"role", u.role},
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
                    return list_response(std::move(items));
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

    router.add({"GET", "/api/v1/api-keys", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto keys, service::list_api_keys(services, c.who()));
                    boost::json::array items;
                    for (const auto& k : keys) items.emplace_back(key_json(k));
                    return list_response(std::move(items));
                }});
    router.add({"POST", "/api/v1/api-keys", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    const json::Fields f(body);
                    SK_RETURN_IF_ERROR(f.only({"role", "name"}));
                    service::NewApiKey input;
                    SK_ASSIGN_OR_RETURN(input.role, f.required_string("role", 32));
                    SK_ASSIGN_OR_RETURN(auto name, f.optional_string("name", 100));
                    input.name = name.value_or("");
                    SK_ASSIGN_OR_RETURN(auto key, service::create_api_key(services, c.who(), input));
                    return json_response(201, key_json(key));
                }});
    router.add({"DELETE", "/api/v1/api-keys/{key_id}", Access::kAccount, [&services](Context& c) -> Result<Response> {
                    SK_RETURN_IF_ERROR(service::revoke_api_key(services, c.who(), c.param("key_id")));
                    Response r;
                    r.status = 204;
                    return r;
                }});
}

}  // namespace seatkeeper::http
