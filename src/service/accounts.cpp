#include "service/accounts.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "domain/ids.hpp"
#include "service/events.hpp"

namespace seatkeeper::service {

namespace {

constexpr std::size_t kMinPasswordLength = 10;
constexpr std::size_t kMaxPasswordLength = 256;

std::string lowercase(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

Status validate_password(const std::string& password) {
    if (password.size() < kMinPasswordLength) {
        return Status::Invalid("password", "min_length",
                               "password must be at least " + std::to_string(kMinPasswordLength) + " characters");
    }
    if (password.size() > kMaxPasswordLength) {
        return Status::Invalid("password", "max_length",
                               "password must be at most " + std::to_string(kMaxPasswordLength) + " characters");
    }
    return Status::Ok();
}

// Splits "<id>.<secret>"; both parts non-empty.
std::optional<std::pair<std::string, std::string>> split_credential(std::string_view credential,
                                                                    std::string_view prefix) {
    if (!credential.starts_with(prefix)) return std::nullopt;
    credential.remove_prefix(prefix.size());
    const auto dot = credential.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 >= credential.size() || credential.size() > 200) {
        return std::nullopt;
    }
    return std::make_pair(std::string(credential.substr(0, dot)), std::string(credential.substr(dot + 1)));
}

constexpr std::string_view kApiKeyPrefix = "sk.";

boost::json::object user_json(const UserRecord& u) {
    return {{"id", u.id}, {"email", u.email}, {"name", u.name}, {"role", u.role}, {"publisher_id", u.publisher_id}};
}

boost::json::object key_json(const ApiKeyRecord& k) {
    return {{"id", k.id}, {"name", k.name}, {"role", k.role}, {"publisher_id", k.publisher_id}};
}

Status insert_user(store::Transaction& tx, const std::string& actor, const std::string& publisher_id,
                   const UserRecord& user, const std::string& password_hash) {
    if (tx.query_one("SELECT 1 FROM users WHERE email = ?", {user.email})) {
        return Status::Conflict("duplicate", "a user with this e-mail address already exists", "email");
    }
    tx.execute(
        "INSERT INTO users (id, email, name, password_hash, publisher_id, role, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {user.id, user.email, user.name, password_hash, publisher_id, user.role, user.created_at});
    append_event(tx, actor, publisher_id, {"user.created", "users/" + user.id, nullptr, user_json(user)});
    return Status::Ok();
}

Result<UserRecord> make_user(const NewUser& input, const std::string& publisher_id) {
    SK_RETURN_IF_ERROR(domain::validate_email("email", input.email));
    SK_RETURN_IF_ERROR(validate_password(input.password));
    if (!domain::parse_publisher_role(input.role) || input.role == "app") {
        return Status::Invalid("role", "enum", "role must be one of global_admin, account_admin, developer, viewer");
    }
    return UserRecord{"usr_" + crypto::random_token(12),
                      lowercase(input.email),
                      input.name.empty() ? input.email : input.name,
                      publisher_id,
                      input.role,
                      now_millis()};
}

}  // namespace

Principal system_principal(const std::string& publisher_id) {
    return Principal{"system", publisher_id, domain::PublisherRole::kGlobalAdmin, "", "", "system"};
}

Status create_publisher(Services& services, const NewPublisher& input) {
    SK_RETURN_IF_ERROR(domain::validate_publisher_id(input.id));
    if (input.name.empty()) return Status::Invalid("name", "required", "name is required");
    SK_ASSIGN_OR_RETURN(
        UserRecord admin,
        make_user({input.admin_email, input.admin_name, input.admin_password, "global_admin"}, input.id));
    const std::string hash = crypto::hash_password(input.admin_password);
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        if (tx.query_one("SELECT 1 FROM publishers WHERE id = ?", {input.id})) {
            return Status::Conflict("duplicate", "a publisher with ID '" + input.id + "' already exists", "id");
        }
        tx.execute("INSERT INTO publishers (id, name, created_at) VALUES (?, ?, ?)",
                   {input.id, input.name, now_millis()});
        append_event(tx, "system", input.id,
                     {"publisher.created", "publishers/" + input.id, nullptr,
                      boost::json::object{{"id", input.id}, {"name", input.name}}});
        return insert_user(tx, "system", input.id, admin, hash);
    });
}

Result<UserRecord> create_user(Services& services, const Principal& principal, const NewUser& input) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kManageAccess));
    SK_ASSIGN_OR_RETURN(UserRecord user, make_user(input, principal.publisher_id));
    const std::string hash = crypto::hash_password(input.password);
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<UserRecord> {
            SK_RETURN_IF_ERROR(insert_user(tx, principal.actor, principal.publisher_id, user, hash));
            return user;
        });
}

Result<std::vector<UserRecord>> list_users(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadOffers));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<UserRecord>> {
            std::vector<UserRecord> out;
            for (const auto& r : tx.query("SELECT id, email, name, publisher_id, role, created_at FROM users "
                                          "WHERE publisher_id = ? ORDER BY created_at, id",
                                          {principal.publisher_id})) {
                out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.integer(5)});
            }
            return out;
        });
}

Result<SignIn> login(Services& services, const std::string& email, const std::string& password) {
    // An argon2id hash of a fixed string, verified when the user does not exist so that both paths take the
    // same time and reveal nothing about which e-mail addresses have accounts.
    static const std::string kDummyHash = crypto::hash_password("seatkeeper-dummy-password");
    const Status refused = Status::Unauthenticated("e-mail address or password is wrong");
    auto found = store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::optional<store::Row>> {
            return tx.query_one("SELECT id, email, name, publisher_id, role, password_hash FROM users WHERE email = ?",
                                {lowercase(email)});
        });
    if (!found.ok()) return found.status();
    if (!found->has_value()) {
        crypto::verify_password(kDummyHash, password);
        return refused;
    }
    const store::Row& user = **found;
    if (!crypto::verify_password(user.text(5), password)) return refused;
    const auto role = domain::parse_publisher_role(user.text(4));
    if (!role) return refused;

    const std::string session_id = crypto::random_token(12);
    const std::string secret = crypto::random_token(32);
    SignIn out{session_id + "." + secret, crypto::random_token(32),
               Principal{"user:" + user.text(0), user.text(3), *role, user.text(0), user.text(1), user.text(2)},
               now_millis() + services.settings().session_ttl_ms};
    SK_RETURN_IF_ERROR(store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
        tx.execute("DELETE FROM sessions WHERE expires_at < ?", {now_millis()});
        tx.execute(
            "INSERT INTO sessions (id, secret_hash, user_id, csrf_token, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            {session_id, crypto::hash_secret(secret), user.text(0), out.csrf_token, now_millis(), out.expires_at});
        append_event(
            tx, out.principal.actor, out.principal.publisher_id,
            {"user.signed_in", "users/" + user.text(0), nullptr, boost::json::object{{"session", session_id}}});
        return Status::Ok();
    }));
    return out;
}

Status logout(Services& services, const std::string& cookie) {
    const auto parts = split_credential(cookie, "");
    if (!parts) return Status::Ok();
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
        tx.execute("DELETE FROM sessions WHERE id = ?", {parts->first});
        return Status::Ok();
    });
}

Result<SignIn> resolve_session(Services& services, const std::string& cookie) {
    const Status refused = Status::Unauthenticated("the session is unknown or has expired; sign in again");
    const auto parts = split_credential(cookie, "");
    if (!parts) return refused;
    auto row = store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::optional<store::Row>> {
            return tx.query_one(
                "SELECT s.secret_hash, s.csrf_token, s.expires_at, u.id, u.email, u.name, u.publisher_id, u.role "
                "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?",
                {parts->first});
        });
    if (!row.ok()) return row.status();
    if (!row->has_value()) return refused;
    const store::Row& r = **row;
    if (!crypto::constant_time_equal(r.text(0), crypto::hash_secret(parts->second))) return refused;
    if (r.integer(2) < now_millis()) return refused;
    const auto role = domain::parse_publisher_role(r.text(7));
    if (!role) return refused;
    return SignIn{cookie, r.text(1), Principal{"user:" + r.text(3), r.text(6), *role, r.text(3), r.text(4), r.text(5)},
                  r.integer(2)};
}

Result<ApiKeyRecord> create_api_key(Services& services, const Principal& principal, const NewApiKey& input) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kManageAccess));
    if (!domain::parse_publisher_role(input.role)) {
        return Status::Invalid("role", "enum",
                               "role must be one of global_admin, account_admin, developer, viewer, app");
    }
    if (text::utf8_length(input.name) > 100) {
        return Status::Invalid("name", "max_length", "name must be at most 100 characters");
    }
    const std::string secret = crypto::random_token(32);
    ApiKeyRecord key{"key_" + crypto::random_token(12),
                     input.name.empty() ? input.role + " key" : input.name,
                     input.role,
                     principal.publisher_id,
                     now_millis(),
                     std::nullopt,
                     ""};
    key.key = std::string(kApiKeyPrefix) + key.id + "." + secret;
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<ApiKeyRecord> {
            if (!tx.query_one("SELECT 1 FROM publishers WHERE id = ?", {principal.publisher_id})) {
                return Status::NotFound("publisher '" + principal.publisher_id + "' does not exist");
            }
            tx.execute(
                "INSERT INTO api_keys (id, secret_hash, publisher_id, role, name, created_by, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                {key.id, crypto::hash_secret(secret), key.publisher_id, key.role, key.name, principal.actor,
                 key.created_at});
            append_event(tx, principal.actor, principal.publisher_id,
                         {"api_key.created", "api_keys/" + key.id, nullptr, key_json(key)});
            return key;
        });
}

Result<std::vector<ApiKeyRecord>> list_api_keys(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kManageAccess));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<ApiKeyRecord>> {
            std::vector<ApiKeyRecord> out;
            for (const auto& r : tx.query("SELECT id, name, role, publisher_id, created_at, revoked_at FROM api_keys "
                                          "WHERE publisher_id = ? ORDER BY created_at, id",
                                          {principal.publisher_id})) {
                out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.integer(4), r.optional_integer(5), ""});
            }
            return out;
        });
}

Status revoke_api_key(Services& services, const Principal& principal, const std::string& key_id) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kManageAccess));
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        const auto row = tx.query_one("SELECT name, role, revoked_at FROM api_keys WHERE id = ? AND publisher_id = ?",
                                      {key_id, principal.publisher_id});
        if (!row) return Status::NotFound("API key '" + key_id + "' does not exist");
        if (!row->is_null(2)) return Status::Ok();
        tx.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ?", {now_millis(), key_id});
        append_event(tx, principal.actor, principal.publisher_id,
                     {"api_key.revoked", "api_keys/" + key_id, boost::json::object{{"revoked", false}},
                      boost::json::object{{"revoked", true}}});
        return Status::Ok();
    });
}

Result<Principal> resolve_api_key(Services& services, const std::string& key) {
    const Status refused = Status::Unauthenticated("the API key is unknown or revoked");
    const auto parts = split_credential(key, kApiKeyPrefix);
    if (!parts) return refused;
    auto row = store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::optional<store::Row>> {
            return tx.query_one("SELECT secret_hash, publisher_id, role, name, revoked_at FROM api_keys WHERE id = ?",
                                {parts->first});
        });
    if (!row.ok()) return row.status();
    if (!row->has_value()) return refused;
    const store::Row& r = **row;
    if (!crypto::constant_time_equal(r.text(0), crypto::hash_secret(parts->second)) || !r.is_null(4)) return refused;
    const auto role = domain::parse_publisher_role(r.text(2));
    if (!role) return refused;
    return Principal{"key:" + parts->first, r.text(1), *role, "", "", r.text(3)};
}

}  // namespace seatkeeper::service
