#include "service/accounts.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "domain/credential.hpp"
#include "domain/ids.hpp"
#include "domain/limits.hpp"
#include "service/events.hpp"
#include "service/mail.hpp"

namespace seatkeeper::service {

using domain::EventType;
using domain::make_event;

namespace {

using domain::kApiKeyPrefix;
using domain::split_credential;

constexpr std::size_t kMinPasswordLength = 10;
using domain::kMaxPasswordLength;
constexpr Millis kPasswordResetTtlMs = 3600LL * 1000;
// Reset links mailed to one user within an hour; further requests answer the same and mail nothing, so
// nobody can flood a mailbox through the public route.
constexpr std::int64_t kResetMailsPerHour = 3;
// The columns user_from_row reads, in its order.
constexpr std::string_view kUserColumns = "id, email, name, publisher_id, role, created_at, tenant_id, disabled_at";

std::string lowercase(std::string_view s) { return text::ascii_lower(s); }

Status validate_password(const std::string& field, const std::string& password) {
    if (password.size() < kMinPasswordLength) {
        return Status::Invalid(field, "min_length",
                               field + " must be at least " + std::to_string(kMinPasswordLength) + " characters");
    }
    if (password.size() > kMaxPasswordLength) {
        return Status::Invalid(field, "max_length",
                               field + " must be at most " + std::to_string(kMaxPasswordLength) + " characters");
    }
    return Status::Ok();
}

Status validate_role(const std::string& role, bool tenant) {
    if (tenant) {
        if (!domain::parse_tenant_role(role)) {
            return Status::Invalid("role", "enum",
                                   "role must be one of global_admin, billing_admin, license_admin, user");
        }
    } else if (!domain::parse_publisher_role(role) || role == "app") {
        return Status::Invalid("role", "enum", "role must be one of global_admin, account_admin, developer, viewer");
    }
    return Status::Ok();
}

Status validate_name(const std::string& name) {
    if (text::utf8_length(name) > domain::kMaxUserNameLength) {
        return Status::Invalid("name", "max_length",
                               "name must be at most " + std::to_string(domain::kMaxUserNameLength) + " characters");
    }
    return Status::Ok();
}

domain::UserSnapshot user_snapshot(const UserRecord& u) {
    return {.id = u.id,
            .email = u.email,
            .name = u.name,
            .role = u.role,
            .disabled = u.disabled_at.has_value(),
            .publisher_id = u.publisher_id,
            .tenant_id = u.tenant_id};
}

domain::ApiKeySnapshot key_snapshot(const ApiKeyRecord& k) {
    return {.id = k.id, .name = k.name, .role = k.role, .publisher_id = k.publisher_id, .tenant_id = k.tenant_id};
}

store::Value text_or_null(const std::string& text) { return text.empty() ? store::null_value() : store::Value{text}; }

Status insert_user(store::Transaction& tx, const std::string& actor, const UserRecord& user,
                   const std::string& password_hash) {
    if (tx.query_one("SELECT 1 FROM users WHERE email = ?", {user.email})) {
        return Status::Conflict("duplicate", "a user with this e-mail address already exists", "email");
    }
    tx.execute(
        "INSERT INTO users (id, email, name, password_hash, publisher_id, tenant_id, role, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {user.id, user.email, user.name, password_hash, text_or_null(user.publisher_id), text_or_null(user.tenant_id),
         user.role, user.created_at});
    append_event(tx, actor, user.publisher_id,
                 make_event<EventType::kUserCreated>(domain::user_subject(user.id), std::nullopt, user_snapshot(user),
                                                     user.tenant_id));
    return Status::Ok();
}

// A new user of a publisher (publisher_id set) or of a tenant (tenant_id set), validated.
Result<UserRecord> make_user(const NewUser& input, const std::string& publisher_id, const std::string& tenant_id) {
    SK_RETURN_IF_ERROR(domain::validate_email("email", input.email));
    SK_RETURN_IF_ERROR(validate_password("password", input.password));
    SK_RETURN_IF_ERROR(validate_role(input.role, !tenant_id.empty()));
    SK_RETURN_IF_ERROR(validate_name(input.name));
    return UserRecord{"usr_" + crypto::random_token(12),
                      lowercase(input.email),
                      input.name.empty() ? input.email : input.name,
                      publisher_id,
                      input.role,
                      now_millis(),
                      tenant_id};
}

// The principal of a user or key row: publisher staff when `publisher_id` is set, tenant staff when
// `tenant_id` is; nullopt when the stored role does not fit (never expected).
std::optional<Principal> principal_of(std::string actor, const std::optional<std::string>& publisher_id,
                                      const std::optional<std::string>& tenant_id, const std::string& role,
                                      std::string user_id, std::string email, std::string name) {
    Principal p{std::move(actor), "", domain::PublisherRole::kViewer, std::move(user_id), std::move(email),
                std::move(name)};
    if (tenant_id) {
        const auto tenant_role = domain::parse_tenant_role(role);
        if (!tenant_role) return std::nullopt;
        p.kind = AccountKind::kTenant;
        p.tenant_id = *tenant_id;
        p.tenant_role = *tenant_role;
        return p;
    }
    const auto publisher_role = domain::parse_publisher_role(role);
    if (!publisher_id || !publisher_role) return std::nullopt;
    p.publisher_id = *publisher_id;
    p.role = *publisher_role;
    return p;
}

Status require_access_admin(const Principal& principal) {
    return principal.is_tenant() ? require_tenant(principal, domain::TenantPermission::kManageAccess)
                                 : require(principal, domain::Permission::kManageAccess);
}

UserRecord user_from_row(const store::Row& r) {
    return {r.text(0),
            r.text(1),
            r.text(2),
            r.optional_text(3).value_or(""),
            r.text(4),
            r.integer(5),
            r.optional_text(6).value_or(""),
            r.optional_integer(7)};
}

// A user (not deleted) of the principal's own publisher or tenant; NotFound for anyone else's.
Result<UserRecord> load_own_user(store::Transaction& tx, const Principal& principal, const std::string& user_id) {
    const auto row = tx.query_one("SELECT " + std::string(kUserColumns) + " FROM users WHERE id = ? AND " +
                                      std::string(principal.scope_column()) + " = ? AND deleted_at IS NULL",
                                  {user_id, principal.scope()});
    if (!row) return Status::NotFound("user '" + user_id + "' does not exist");
    return user_from_row(*row);
}

// Conflict when `user`, an active global admin about to stop being one (`field` says how: "role",
// "disabled", or empty for a deletion), is the account's last: nobody could manage its users any more.
Status keep_a_global_admin(store::Transaction& tx, const Principal& principal, const UserRecord& user,
                           const std::string& field) {
    if (user.role != "global_admin" || user.disabled_at) return Status::Ok();
    const auto others = tx.query_one("SELECT COUNT(*) FROM users WHERE " + std::string(principal.scope_column()) +
                                         " = ? AND role = ? AND disabled_at IS NULL AND deleted_at IS NULL AND id <> ?",
                                     {principal.scope(), std::string("global_admin"), user.id});
    if (others && others->integer(0) > 0) return Status::Ok();
    return Status::Conflict("last_global_admin",
                            user.email +
                                " is the last active global admin of this account; make another user "
                                "global admin first",
                            field);
}

// Ends every session of the user but `keep_session_id` (empty: all of them) and voids their reset links.
void end_sessions(store::Transaction& tx, const std::string& user_id, const std::string& keep_session_id = {}) {
    tx.execute("DELETE FROM sessions WHERE user_id = ? AND id <> ?", {user_id, keep_session_id});
    tx.execute("UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL", {now_millis(), user_id});
}

std::string reset_link(const Settings& settings, const std::string& token) {
    return settings.public_url + "/password-reset/" + token;
}

// The user whose reset link `parts` is, if it can still be used.
Result<std::string> usable_reset(store::Transaction& tx, const std::pair<std::string, std::string>& parts) {
    const Status unknown = Status::NotFound("this password reset link is unknown; ask for a new one");
    const auto row = tx.query_one(
        "SELECT r.secret_hash, r.user_id, r.expires_at, r.used_at FROM password_resets r JOIN users u ON "
        "u.id = r.user_id WHERE r.id = ? AND u.disabled_at IS NULL AND u.deleted_at IS NULL",
        {parts.first});
    if (!row || !crypto::constant_time_equal(row->text(0), crypto::hash_secret(parts.second))) return unknown;
    if (!row->is_null(3)) {
        return Status::Conflict("reset_link_used", "this password reset link was used already; ask for a new one");
    }
    if (row->integer(2) < now_millis()) {
        return Status::Conflict("reset_link_expired", "this password reset link has expired; ask for a new one");
    }
    return row->text(1);
}

}  // namespace

Principal system_principal(const std::string& publisher_id) {
    return Principal{"system", publisher_id, domain::PublisherRole::kGlobalAdmin, "", "", "system"};
}

Principal tenant_system_principal(const std::string& tenant_id) {
    Principal p{"system", "", domain::PublisherRole::kViewer, "", "", "system"};
    p.kind = AccountKind::kTenant;
    p.tenant_id = tenant_id;
    p.tenant_role = domain::TenantRole::kGlobalAdmin;
    return p;
}

Status insert_tenant_admin(store::Transaction& tx, const std::string& actor, const std::string& tenant_id,
                           const NewUser& input, std::string& user_id) {
    SK_ASSIGN_OR_RETURN(UserRecord admin, make_user(input, "", tenant_id));
    user_id = admin.id;
    return insert_user(tx, actor, admin, crypto::hash_password(input.password));
}

Status validate_new_user(const NewUser& input, bool tenant) {
    return make_user(input, tenant ? "" : "p", tenant ? "t" : "").status();
}

Status create_publisher(Services& services, const NewPublisher& input) {
    SK_RETURN_IF_ERROR(domain::validate_publisher_id(input.id));
    SK_RETURN_IF_ERROR(json::require_text("name", input.name));
    SK_ASSIGN_OR_RETURN(
        UserRecord admin,
        make_user({input.admin_email, input.admin_name, input.admin_password, "global_admin"}, input.id, ""));
    const std::string hash = crypto::hash_password(input.admin_password);
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        if (tx.query_one("SELECT 1 FROM publishers WHERE id = ?", {input.id})) {
            return Status::Conflict("duplicate", "a publisher with ID '" + input.id + "' already exists", "id");
        }
        tx.execute("INSERT INTO publishers (id, name, created_at) VALUES (?, ?, ?)",
                   {input.id, input.name, now_millis()});
        append_event(tx, "system", input.id,
                     make_event<EventType::kPublisherCreated>(domain::publisher_subject(input.id), std::nullopt,
                                                              domain::PublisherSnapshot{input.id, input.name}));
        return insert_user(tx, "system", admin, hash);
    });
}

Result<UserRecord> create_user(Services& services, const Principal& principal, const NewUser& input) {
    SK_RETURN_IF_ERROR(require_access_admin(principal));
    SK_ASSIGN_OR_RETURN(UserRecord user, make_user(input, principal.publisher_id, principal.tenant_id));
    const std::string hash = crypto::hash_password(input.password);
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<UserRecord> {
            if (principal.is_tenant() && !tx.query_one("SELECT 1 FROM tenants WHERE id = ?", {principal.tenant_id})) {
                return Status::NotFound("tenant '" + principal.tenant_id + "' does not exist");
            }
            if (!principal.is_tenant() &&
                !tx.query_one("SELECT 1 FROM publishers WHERE id = ?", {principal.publisher_id})) {
                return Status::NotFound("publisher '" + principal.publisher_id + "' does not exist");
            }
            SK_RETURN_IF_ERROR(insert_user(tx, principal.actor, user, hash));
            return user;
        });
}

Result<std::vector<UserRecord>> list_users(Services& services, const Principal& principal) {
    if (principal.is_tenant()) {
        SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kReadLicenses));
    } else {
        SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadOffers));
    }
    const std::string scope_column(principal.scope_column());
    const std::string& scope = principal.scope();
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<UserRecord>> {
            std::vector<UserRecord> out;
            for (const auto& r : tx.query("SELECT " + std::string(kUserColumns) + " FROM users WHERE " + scope_column +
                                              " = ? AND deleted_at IS NULL ORDER BY created_at, id",
                                          {scope})) {
                out.push_back(user_from_row(r));
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
            return tx.query_one(
                "SELECT id, email, name, publisher_id, role, password_hash, tenant_id, disabled_at, deleted_at "
                "FROM users WHERE email = ?",
                {lowercase(email)});
        });
    if (!found.ok()) return found.status();
    if (!found->has_value() || !found->value().is_null(8)) {
        crypto::verify_password(kDummyHash, password);
        return refused;
    }
    const store::Row& user = **found;
    // A disabled account is refused like a wrong password, after the same work: an anonymous caller learns
    // nothing about it (an admin sees `disabled` in the user list).
    if (!crypto::verify_password(user.text(5), password) || !user.is_null(7)) return refused;
    auto principal = principal_of("user:" + user.text(0), user.optional_text(3), user.optional_text(6), user.text(4),
                                  user.text(0), user.text(1), user.text(2));
    if (!principal) return refused;

    const std::string session_id = crypto::random_token(12);
    const std::string secret = crypto::random_token(32);
    SignIn out{domain::format_credential("", session_id, secret), crypto::random_token(32), std::move(*principal),
               now_millis() + services.settings().session_ttl_ms};
    SK_RETURN_IF_ERROR(store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
        tx.execute("DELETE FROM sessions WHERE expires_at < ?", {now_millis()});
        tx.execute(
            "INSERT INTO sessions (id, secret_hash, user_id, csrf_token, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            {session_id, crypto::hash_secret(secret), user.text(0), out.csrf_token, now_millis(), out.expires_at});
        append_event(tx, out.principal.actor, out.principal.publisher_id,
                     make_event<EventType::kUserSignedIn>(domain::user_subject(user.text(0)), std::nullopt,
                                                          domain::SignInSnapshot{session_id}, out.principal.tenant_id));
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
                "SELECT s.secret_hash, s.csrf_token, s.expires_at, u.id, u.email, u.name, u.publisher_id, u.role, "
                "u.tenant_id FROM sessions s JOIN users u ON u.id = s.user_id "
                "WHERE s.id = ? AND u.disabled_at IS NULL AND u.deleted_at IS NULL",
                {parts->first});
        });
    if (!row.ok()) return row.status();
    if (!row->has_value()) return refused;
    const store::Row& r = **row;
    if (!crypto::constant_time_equal(r.text(0), crypto::hash_secret(parts->second))) return refused;
    if (r.integer(2) < now_millis()) return refused;
    auto principal = principal_of("user:" + r.text(3), r.optional_text(6), r.optional_text(8), r.text(7), r.text(3),
                                  r.text(4), r.text(5));
    if (!principal) return refused;
    return SignIn{cookie, r.text(1), std::move(*principal), r.integer(2)};
}

Result<UserRecord> update_user(Services& services, const Principal& principal, const std::string& user_id,
                               const UserChange& change) {
    SK_RETURN_IF_ERROR(require_access_admin(principal));
    if (change.name) {
        if (change.name->empty()) return Status::Invalid("name", "required", "name must not be empty");
        SK_RETURN_IF_ERROR(validate_name(*change.name));
    }
    if (change.role) SK_RETURN_IF_ERROR(validate_role(*change.role, principal.is_tenant()));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<UserRecord> {
            SK_ASSIGN_OR_RETURN(const UserRecord before, load_own_user(tx, principal, user_id));
            UserRecord after = before;
            if (change.name) after.name = *change.name;
            if (change.role) after.role = *change.role;
            if (change.disabled && *change.disabled != before.disabled_at.has_value()) {
                after.disabled_at = *change.disabled ? std::optional<Millis>(now_millis()) : std::nullopt;
            }
            if (after.role != "global_admin") SK_RETURN_IF_ERROR(keep_a_global_admin(tx, principal, before, "role"));
            if (after.disabled_at) SK_RETURN_IF_ERROR(keep_a_global_admin(tx, principal, before, "disabled"));
            if (after.name == before.name && after.role == before.role && after.disabled_at == before.disabled_at) {
                return after;
            }
            tx.execute("UPDATE users SET name = ?, role = ?, disabled_at = ? WHERE id = ?",
                       {after.name, after.role,
                        after.disabled_at ? store::Value{*after.disabled_at} : store::null_value(), after.id});
            // A role change needs nothing more: every request reads the role afresh (resolve_session).
            if (after.disabled_at && !before.disabled_at) end_sessions(tx, after.id);
            append_event(tx, principal.actor, after.publisher_id,
                         make_event<EventType::kUserChanged>(domain::user_subject(after.id), user_snapshot(before),
                                                             user_snapshot(after), after.tenant_id));
            return after;
        });
}

Status delete_user(Services& services, const Principal& principal, const std::string& user_id) {
    SK_RETURN_IF_ERROR(require_access_admin(principal));
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        SK_ASSIGN_OR_RETURN(const UserRecord user, load_own_user(tx, principal, user_id));
        SK_RETURN_IF_ERROR(keep_a_global_admin(tx, principal, user, ""));
        end_sessions(tx, user.id);
        const Millis now = now_millis();
        // The tombstone: the address is free for a new account, and no password verifies against "".
        tx.execute(
            "UPDATE users SET email = ?, password_hash = '', deleted_at = ?, disabled_at = COALESCE(disabled_at, ?) "
            "WHERE id = ?",
            {user.id + "@deleted.invalid", now, now, user.id});
        append_event(tx, principal.actor, user.publisher_id,
                     make_event<EventType::kUserDeleted>(domain::user_subject(user.id), user_snapshot(user),
                                                         std::nullopt, user.tenant_id));
        return Status::Ok();
    });
}

Status change_password(Services& services, const Principal& principal, const std::string& session_cookie,
                       const std::string& current_password, const std::string& new_password) {
    if (principal.user_id.empty()) {
        return Status::Forbidden("an API key has no password; sign in as a user to change yours");
    }
    SK_RETURN_IF_ERROR(validate_password("new_password", new_password));
    const auto session = split_credential(session_cookie, "");
    SK_ASSIGN_OR_RETURN(const auto stored,
                        store::in_transaction(services.store(), store::TxMode::kRead,
                                              [&](store::Transaction& tx) -> Result<std::optional<store::Row>> {
                                                  return tx.query_one("SELECT password_hash FROM users WHERE id = ?",
                                                                      {principal.user_id});
                                              }));
    if (!stored) return Status::Unauthenticated("the user no longer exists; sign in again");
    const std::string old_hash = stored->text(0);
    if (!crypto::verify_password(old_hash, current_password)) {
        return Status::Invalid("current_password", "mismatch", "current_password is not your password");
    }
    const std::string new_hash = crypto::hash_password(new_password);
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        // Unchanged since it was verified: a concurrent change or reset is not silently undone.
        if (tx.execute("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ? AND disabled_at IS NULL",
                       {new_hash, principal.user_id, old_hash}) == 0) {
            return Status::Conflict("changed", "the password was changed meanwhile; sign in again and retry");
        }
        end_sessions(tx, principal.user_id, session ? session->first : "");
        append_event(
            tx, principal.actor, principal.publisher_id,
            make_event<EventType::kUserPasswordChanged>(domain::user_subject(principal.user_id), std::nullopt,
                                                        domain::PasswordChangeSnapshot{}, principal.tenant_id));
        return Status::Ok();
    });
}

Status request_password_reset(Services& services, const std::string& email) {
    SK_RETURN_IF_ERROR(domain::validate_email("email", email));
    const std::string id = crypto::random_token(12);
    const std::string secret = crypto::random_token(32);
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        const Millis now = now_millis();
        const auto user = tx.query_one(
            "SELECT id, publisher_id, tenant_id FROM users WHERE email = ? AND disabled_at IS NULL AND "
            "deleted_at IS NULL",
            {lowercase(email)});
        if (!user) return Status::Ok();
        const std::string user_id = user->text(0);
        const auto recent = tx.query_one("SELECT COUNT(*) FROM password_resets WHERE user_id = ? AND created_at > ?",
                                         {user_id, now - kPasswordResetTtlMs});
        if (recent && recent->integer(0) >= kResetMailsPerHour) return Status::Ok();
        tx.execute(
            "INSERT INTO password_resets (id, secret_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            {id, crypto::hash_secret(secret), user_id, now, now + kPasswordResetTtlMs});
        OutgoingMail mail{lowercase(email), "Reset your Seatkeeper password",
                          "Someone asked to reset the password of your Seatkeeper account " + lowercase(email) +
                              ".\n\nTo choose a new password, open this link within an hour. It works once:\n\n" +
                              reset_link(services.settings(), domain::format_credential("", id, secret)) +
                              "\n\nIf it was not you, ignore this mail: your password stays as it is.\n",
                          user->optional_text(1), user->optional_text(2)};
        mail.secret_body = true;
        SK_RETURN_IF_ERROR(enqueue_mail(tx, mail).status());
        const std::string publisher_id = user->optional_text(1).value_or("");
        const std::string tenant_id = user->optional_text(2).value_or("");
        append_event(tx, "public", publisher_id,
                     make_event<EventType::kUserPasswordResetRequested>(domain::user_subject(user_id), std::nullopt,
                                                                        domain::PasswordResetSnapshot{id}, tenant_id));
        return Status::Ok();
    });
}

Status reset_password(Services& services, const std::string& token, const std::string& new_password) {
    SK_RETURN_IF_ERROR(validate_password("new_password", new_password));
    const auto parts = split_credential(token, "");
    if (!parts) return Status::NotFound("this password reset link is unknown; ask for a new one");
    // Checked before the (slow) hashing, and again in the writing transaction.
    SK_RETURN_IF_ERROR(store::in_transaction(services.store(), store::TxMode::kRead, [&](store::Transaction& tx) {
                           return usable_reset(tx, *parts);
                       }).status());
    const std::string hash = crypto::hash_password(new_password);
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        SK_ASSIGN_OR_RETURN(const std::string user_id, usable_reset(tx, *parts));
        const auto user = tx.query_one("SELECT publisher_id, tenant_id FROM users WHERE id = ?", {user_id});
        tx.execute("UPDATE users SET password_hash = ? WHERE id = ?", {hash, user_id});
        end_sessions(tx, user_id);  // also voids this link and any other
        append_event(tx, "user:" + user_id, user->optional_text(0).value_or(""),
                     make_event<EventType::kUserPasswordReset>(domain::user_subject(user_id), std::nullopt,
                                                               domain::PasswordResetSnapshot{parts->first},
                                                               user->optional_text(1).value_or("")));
        return Status::Ok();
    });
}

Result<ApiKeyRecord> create_api_key(Services& services, const Principal& principal, const NewApiKey& input) {
    SK_RETURN_IF_ERROR(require_access_admin(principal));
    if (principal.is_tenant() && !domain::parse_tenant_role(input.role)) {
        return Status::Invalid("role", "enum", "role must be one of global_admin, billing_admin, license_admin, user");
    }
    if (!principal.is_tenant() && !domain::parse_publisher_role(input.role)) {
        return Status::Invalid("role", "enum",
                               "role must be one of global_admin, account_admin, developer, viewer, app");
    }
    if (text::utf8_length(input.name) > domain::kMaxApiKeyNameLength) {
        return Status::Invalid("name", "max_length",
                               "name must be at most " + std::to_string(domain::kMaxApiKeyNameLength) + " characters");
    }
    const std::string secret = crypto::random_token(32);
    ApiKeyRecord key{"key_" + crypto::random_token(12),
                     input.name.empty() ? input.role + " key" : input.name,
                     input.role,
                     principal.publisher_id,
                     now_millis(),
                     std::nullopt,
                     "",
                     principal.tenant_id};
    key.key = domain::format_credential(kApiKeyPrefix, key.id, secret);
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<ApiKeyRecord> {
            if (principal.is_tenant() && !tx.query_one("SELECT 1 FROM tenants WHERE id = ?", {principal.tenant_id})) {
                return Status::NotFound("tenant '" + principal.tenant_id + "' does not exist");
            }
            if (!principal.is_tenant() &&
                !tx.query_one("SELECT 1 FROM publishers WHERE id = ?", {principal.publisher_id})) {
                return Status::NotFound("publisher '" + principal.publisher_id + "' does not exist");
            }
            tx.execute(
                "INSERT INTO api_keys (id, secret_hash, publisher_id, tenant_id, role, name, created_by, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                {key.id, crypto::hash_secret(secret), text_or_null(key.publisher_id), text_or_null(key.tenant_id),
                 key.role, key.name, principal.actor, key.created_at});
            append_event(tx, principal.actor, principal.publisher_id,
                         make_event<EventType::kApiKeyCreated>(domain::api_key_subject(key.id), std::nullopt,
                                                               key_snapshot(key), principal.tenant_id));
            return key;
        });
}

Result<std::vector<ApiKeyRecord>> list_api_keys(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require_access_admin(principal));
    const std::string scope_column(principal.scope_column());
    const std::string& scope = principal.scope();
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<ApiKeyRecord>> {
            std::vector<ApiKeyRecord> out;
            for (const auto& r : tx.query("SELECT id, name, role, publisher_id, created_at, revoked_at, tenant_id "
                                          "FROM api_keys WHERE " +
                                              scope_column + " = ? ORDER BY created_at, id",
                                          {scope})) {
                out.push_back({r.text(0), r.text(1), r.text(2), r.optional_text(3).value_or(""), r.integer(4),
                               r.optional_integer(5), "", r.optional_text(6).value_or("")});
            }
            return out;
        });
}

Status revoke_api_key(Services& services, const Principal& principal, const std::string& key_id) {
    SK_RETURN_IF_ERROR(require_access_admin(principal));
    const std::string scope_column(principal.scope_column());
    const std::string& scope = principal.scope();
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        const auto row = tx.query_one(
            "SELECT name, role, revoked_at FROM api_keys WHERE id = ? AND " + scope_column + " = ?", {key_id, scope});
        if (!row) return Status::NotFound("API key '" + key_id + "' does not exist");
        if (!row->is_null(2)) return Status::Ok();
        tx.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ?", {now_millis(), key_id});
        append_event(tx, principal.actor, principal.publisher_id,
                     make_event<EventType::kApiKeyRevoked>(
                         domain::api_key_subject(key_id), domain::ApiKeyRevocationSnapshot{false},
                         domain::ApiKeyRevocationSnapshot{true}, principal.tenant_id));
        return Status::Ok();
    });
}

Result<Principal> resolve_api_key(Services& services, const std::string& key) {
    const Status refused = Status::Unauthenticated("the API key is unknown or revoked");
    const auto parts = split_credential(key, kApiKeyPrefix);
    if (!parts) return refused;
    auto row = store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::optional<store::Row>> {
            return tx.query_one(
                "SELECT secret_hash, publisher_id, role, name, revoked_at, tenant_id FROM api_keys WHERE id = ?",
                {parts->first});
        });
    if (!row.ok()) return row.status();
    if (!row->has_value()) return refused;
    const store::Row& r = **row;
    if (!crypto::constant_time_equal(r.text(0), crypto::hash_secret(parts->second)) || !r.is_null(4)) return refused;
    auto principal =
        principal_of("key:" + parts->first, r.optional_text(1), r.optional_text(5), r.text(2), "", "", r.text(3));
    if (!principal) return refused;
    return std::move(*principal);
}

}  // namespace seatkeeper::service
