#include "http/views/account_views.hpp"

#include "common/clock.hpp"

namespace seatkeeper::http::views {

void put_account(boost::json::object& o, const std::string& publisher_id, const std::string& tenant_id) {
    if (!tenant_id.empty()) {
        o["tenant_id"] = tenant_id;
    } else {
        o["publisher_id"] = publisher_id;
    }
}

boost::json::object principal_json(const service::Principal& p) {
    boost::json::object o{{"id", p.user_id},
                          {"email", p.email},
                          {"name", p.name},
                          {"kind", p.is_tenant() ? "tenant" : "publisher"},
                          {"role", p.is_tenant() ? domain::to_string(p.tenant_role) : domain::to_string(p.role)}};
    put_account(o, p.publisher_id, p.tenant_id);
    return o;
}

boost::json::object sign_in_json(const service::SignIn& signin) {
    return {{"user", principal_json(signin.principal)},
            {"csrf_token", signin.csrf_token},
            {"expires_at", format_rfc3339(signin.expires_at)}};
}

boost::json::object me_json(const service::Principal& p, const std::optional<std::string>& csrf_token) {
    boost::json::object out{{"user", principal_json(p)}};
    if (csrf_token) out["csrf_token"] = *csrf_token;
    return out;
}

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

boost::json::object api_key_json(const service::ApiKeyRecord& k) {
    boost::json::object o{{"id", k.id},
                          {"name", k.name},
                          {"role", k.role},
                          {"created_at", format_rfc3339(k.created_at)},
                          {"revoked_at", k.revoked_at ? boost::json::value(format_rfc3339(*k.revoked_at)) : nullptr}};
    put_account(o, k.publisher_id, k.tenant_id);
    if (!k.key.empty()) o["key"] = k.key;
    return o;
}

boost::json::object password_reset_requested_json() {
    return {{"detail",
             "If an active account has this address, a link to reset its password is on its way; it works once, "
             "within an hour."}};
}

}  // namespace seatkeeper::http::views
