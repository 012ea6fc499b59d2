// JSON views of accounts: the signed-in caller, staff users and API keys (Partner Center and Admin Center alike).
//
// Every JSON object the API answers is built by one function under http/views/, one per type, so that a type
// has one shape wherever it appears. Vocabulary of every view: an object's own id is `id`; a reference to
// another object is `<type>_id` (`publisher_id`, `tenant_id`, `plan_id`, …). Times are RFC 3339 strings.
// The shapes are documented, field for field, in docs/openapi.yaml, which the HTTP tests check every answer
// against (closed objects): a field added here is added there too.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "service/accounts.hpp"

namespace seatkeeper::http::views {

// An account's object (a user, an API key, a webhook) belongs to a publisher or to a tenant, never both: it names
// the one it has (`publisher_id` or `tenant_id`).
void put_account(boost::json::object& o, const std::string& publisher_id, const std::string& tenant_id);
// The caller: {id, email, name, kind, role, publisher_id | tenant_id} (openapi `Me`'s user).
boost::json::object principal_json(const service::Principal& p);
// The answer to a sign-in: {user, csrf_token, expires_at}.
boost::json::object sign_in_json(const service::SignIn& signin);
// GET /auth/me: {user, csrf_token?}; the token only for a cookie session, so that a reloaded page gets it back.
boost::json::object me_json(const service::Principal& p, const std::optional<std::string>& csrf_token);
// A staff account: {id, email, name, role, disabled, created_at, publisher_id | tenant_id}.
boost::json::object user_json(const data::UserRow& u);
// An API key: {id, name, role, created_at, revoked_at, publisher_id | tenant_id, key?}; `key` (the secret) only
// in the answer that created it.
boost::json::object api_key_json(const service::ApiKeyRecord& k);

// The answer to a password reset request: {detail}, the same whether or not the address has an account.
boost::json::object password_reset_requested_json();

}  // namespace seatkeeper::http::views
