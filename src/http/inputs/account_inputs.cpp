#include "http/inputs/account_inputs.hpp"

#include "common/json.hpp"
#include "domain/limits.hpp"

namespace seatkeeper::http::inputs {

using domain::kMaxApiKeyNameLength;
using domain::kMaxEmailLength;
using domain::kMaxPasswordLength;
using domain::kMaxRoleLength;
using domain::kMaxUserNameLength;

Result<Credentials> parse_credentials(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"email", "password"}));
    Credentials out;
    SK_ASSIGN_OR_RETURN(out.email, f.required_string("email", kMaxEmailLength));
    SK_ASSIGN_OR_RETURN(out.password, f.required_string("password", kMaxPasswordLength, json::Text::kSecret));
    return out;
}

Result<PasswordChange> parse_password_change(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"current_password", "new_password"}));
    PasswordChange out;
    SK_ASSIGN_OR_RETURN(out.current_password, f.required_string("current_password", kMaxPasswordLength));
    SK_ASSIGN_OR_RETURN(out.new_password, f.required_string("new_password", kMaxPasswordLength));
    return out;
}

Result<std::string> parse_password_reset_request(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"email"}));
    return f.required_string("email", kMaxEmailLength);
}

Result<std::string> parse_password_reset(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"new_password"}));
    return f.required_string("new_password", kMaxPasswordLength);
}

Result<service::NewUser> parse_new_user(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"email", "name", "password", "role"}));
    service::NewUser input;
    SK_ASSIGN_OR_RETURN(input.email, f.required_string("email", kMaxEmailLength));
    SK_ASSIGN_OR_RETURN(auto name, f.optional_string("name", kMaxUserNameLength));
    SK_ASSIGN_OR_RETURN(input.password, f.required_string("password", kMaxPasswordLength, json::Text::kSecret));
    SK_ASSIGN_OR_RETURN(input.role, f.required_string("role", kMaxRoleLength));
    input.name = name.value_or("");
    return input;
}

Result<service::UserChange> parse_user_change(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"name", "role", "disabled"}));
    service::UserChange change;
    SK_ASSIGN_OR_RETURN(change.name, f.optional_string("name", kMaxUserNameLength));
    SK_ASSIGN_OR_RETURN(change.role, f.optional_string("role", kMaxRoleLength));
    SK_ASSIGN_OR_RETURN(change.disabled, f.optional_bool("disabled"));
    return change;
}

Result<service::NewApiKey> parse_new_api_key(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"role", "name"}));
    service::NewApiKey input;
    SK_ASSIGN_OR_RETURN(input.role, f.required_string("role", kMaxRoleLength));
    SK_ASSIGN_OR_RETURN(auto name, f.optional_string("name", kMaxApiKeyNameLength));
    input.name = name.value_or("");
    return input;
}

}  // namespace seatkeeper::http::inputs
