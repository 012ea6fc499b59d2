// Request bodies of sign-in, passwords, staff users and API keys, read into the inputs of their use cases.
//
// Every route that takes a JSON body reads it with one parse_<input>(body) under http/inputs/, one header per
// area beside http/views/: the handler only calls it. A parser reads with json::Fields (unknown fields refused,
// lengths bounded by domain/limits.hpp, blank text missing) and fails with the Status that names the field and
// the rule; the use case then checks what needs the database or the caller. Parsers are pure, unit-tested in
// inputs_test.cpp.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "common/status.hpp"
#include "service/accounts.hpp"

namespace seatkeeper::http::inputs {

// POST /auth/login.
struct Credentials {
    std::string email;
    std::string password;
};
Result<Credentials> parse_credentials(const boost::json::object& body);

// POST /auth/password.
struct PasswordChange {
    std::string current_password;
    std::string new_password;
};
Result<PasswordChange> parse_password_change(const boost::json::object& body);

// POST /auth/password-reset: the address to mail a link to.
Result<std::string> parse_password_reset_request(const boost::json::object& body);
// POST /auth/password-reset/{token}: the new password.
Result<std::string> parse_password_reset(const boost::json::object& body);

// POST /users.
Result<service::NewUser> parse_new_user(const boost::json::object& body);
// PATCH /users/{user_id}.
Result<service::UserChange> parse_user_change(const boost::json::object& body);
// POST /api-keys.
Result<service::NewApiKey> parse_new_api_key(const boost::json::object& body);

}  // namespace seatkeeper::http::inputs
