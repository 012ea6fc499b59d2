#include "service/accounts.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "data/accounts.hpp"
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

domain::UserSnapshot user_snapshot(const data::UserRow& u) {
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

Status insert_user(store::Transaction& tx, const std::string& actor, const data::UserRow& user,
                   const std::string& password_hash) {
    if (data::accounts::email_taken(tx, user.email)) {
        return Status::Conflict("duplicate", "a user with this e-mail address already exists", "email");
    }
    data::accounts::insert_user(tx, user, password_hash);
    append_event(tx, actor, user.publisher_id,
                 make_event<EventType::kUserCreated>(domain::user_subject(user.id), std::nullopt, user_snapshot(user),
                                                     user.tenant_id));
    return Status::Ok();
}

// A new user of a publisher (publisher_id set) or of a tenant (tenant_id set), validated.
Result<data::UserRow> make_user(const NewUser& input, const std::string& publisher_id, const std::string& tenant_id) {
    SK_RETURN_IF_ERROR(domain::validate_email("email", input.email));
    SK_RETURN_IF_ERROR(validate_password("password", input.password));
    SK_RETURN_IF_ERROR(validate_role(input.role, !tenant_id.empty()));
    SK_RETURN_IF_ERROR(validate_name(input.name));
    return data::UserRow{"usr_" + crypto::random_token(12),
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

// NotFound unless the principal's publisher or tenant exists.
Status require_account_exists(store::Transaction& tx, const Principal& principal) {
    if (data::accounts::account_exists(tx, principal.account())) return Status::Ok();
    return principal.is_tenant() ? Status::NotFound("tenant '" + principal.tenant_id + "' does not exist")
                                 : Status::NotFound("publisher '" + principal.publisher_id + "' does not exist");
}

// A user (not deleted) of the principal's own publisher or tenant; NotFound for anyone else's.
Result<data::UserRow> load_own_user(store::Transaction& tx, const Principal& principal, const std::string& user_id) {
    auto user = data::accounts::find_user(tx, principal.account(), user_id);
    if (!user) return Status::NotFound("user '" + user_id + "' does not exist");
    return std::move(*user);
}

// Conflict when `user`, an active global admin about to stop being one (`field` says how: "role",
// "disabled", or empty for a deletion), is the account's last: nobody could manage its users any more.
Status keep_a_global_admin(store::Transaction& tx, const Principal& principal, const data::UserRow& user,
                           const std::string& field) {
    if (user.role != "global_admin" || user.disabled_at) return Status::Ok();
    if (data::accounts::count_other_active_users(tx, principal.account(), "global_admin", user.id) > 0) {
        return Status::Ok();
    }
    return Status::Conflict("last_global_admin",
                            user.email +
                                " is the last active global admin of this account; make another user "
                                "global admin first",
                            field);
}

// Ends every session of the user but `keep_session_id` (empty: all of them) and voids their reset links.
void end_sessions(store::Transaction& tx, const std::string& user_id, const std::string& keep_session_id = {}) {
    data::accounts::delete_sessions_of_user(tx, user_id, keep_session_id);
    data::accounts::use_up_password_resets(tx, user_id, now_millis());
}

std::string reset_link(const Settings& settings, const std::string& token) {
    return settings.public_url + "/password-reset/" + token;
}

// The user whose reset link `parts` is, if it can still be used.
Result<std::string> usable_reset(store::Transaction& tx, const std::pair<std::string, std::string>& parts) {
    const Status unknown = Status::NotFound("this password reset link is unknown; ask for a new one");
    const auto reset = data::accounts::find_password_reset(tx, parts.first);
    if (!reset || !crypto::constant_time_equal(reset->secret_hash, crypto::hash_secret(parts.second))) return unknown;
    if (reset->used_at) {
        return Status::Conflict("reset_link_used", "this password reset link was used already; ask for a new one");
    }
    if (reset->expires_at < now_millis()) {
        return Status::Conflict("reset_link_expired", "this password reset link has expired; ask for a new one");
    }
    return reset->user_id;
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
    SK_ASSIGN_OR_RETURN(data::UserRow admin, make_user(input, "", tenant_id));
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
        data::UserRow admin,
        make_user({input.admin_email, input.admin_name, input.admin_password, "global_admin"}, input.id, ""));
    const std::string hash = crypto::hash_password(input.admin_password);
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        if (data::accounts::publisher_exists(tx, input.id)) {
            return Status::Conflict("duplicate", "a publisher with ID '" + input.id + "' already exists", "id");
        }
        data::accounts::insert_publisher(tx, input.id, input.name, now_millis());
        append_event(tx, "system", input.id,
                     make_event<EventType::kPublisherCreated>(domain::publisher_subject(input.id), std::nullopt,
                                                              domain::PublisherSnapshot{input.id, input.name}));
        return insert_user(tx, "system", admin, hash);
    });
}

Result<data::UserRow> create_user(Services& services, const Principal& principal, const NewUser& input) {
    SK_RETURN_IF_ERROR(require_access_admin(principal));
    SK_ASSIGN_OR_RETURN(data::UserRow user, make_user(input, principal.publisher_id, principal.tenant_id));
    const std::string hash = crypto::hash_password(input.password);
    return store::in_transaction(services.store(), store::TxMode::kWrite,
                                 [&](store::Transaction& tx) -> Result<data::UserRow> {
                                     SK_RETURN_IF_ERROR(require_account_exists(tx, principal));
                                     SK_RETURN_IF_ERROR(insert_user(tx, principal.actor, user, hash));
                                     return user;
                                 });
}

Result<std::vector<data::UserRow>> list_users(Services& services, const Principal& principal) {
    if (principal.is_tenant()) {
        SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kReadLicenses));
    } else {
        SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadOffers));
    }
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<data::UserRow>> {
                                     return data::accounts::list_users(tx, principal.account());
                                 });
}

Result<SignIn> login(Services& services, const std::string& email, const std::string& password) {
    // An argon2id hash of a fixed string, verified when the user does not exist so that both paths take the
    // same time and reveal nothing about which e-mail addresses have accounts.
    static const std::string kDummyHash = crypto::hash_password("seatkeeper-dummy-password");
    const Status refused = Status::Unauthenticated("e-mail address or password is wrong");
    auto found = store::in_transaction(services.store(), store::TxMode::kRead,
                                       [&](store::Transaction& tx) -> Result<std::optional<data::UserCredentialsRow>> {
                                           return data::accounts::find_credentials_by_email(tx, lowercase(email));
                                       });
    if (!found.ok()) return found.status();
    if (!found->has_value() || found->value().deleted) {
        crypto::verify_password(kDummyHash, password);
        return refused;
    }
    const data::UserCredentialsRow& user = **found;
    // A disabled account is refused like a wrong password, after the same work: an anonymous caller learns
    // nothing about it (an admin sees `disabled` in the user list).
    if (!crypto::verify_password(user.password_hash, password) || user.disabled) return refused;
    auto principal =
        principal_of("user:" + user.id, user.publisher_id, user.tenant_id, user.role, user.id, user.email, user.name);
    if (!principal) return refused;

    const std::string session_id = crypto::random_token(12);
    const std::string secret = crypto::random_token(32);
    SignIn out{domain::format_credential("", session_id, secret), crypto::random_token(32), std::move(*principal),
               now_millis() + services.settings().session_ttl_ms};
    SK_RETURN_IF_ERROR(store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
        data::accounts::delete_sessions_expired_before(tx, now_millis());
        data::accounts::insert_session(
            tx, {session_id, crypto::hash_secret(secret), user.id, out.csrf_token, now_millis(), out.expires_at});
        append_event(tx, out.principal.actor, out.principal.publisher_id,
                     make_event<EventType::kUserSignedIn>(domain::user_subject(user.id), std::nullopt,
                                                          domain::SignInSnapshot{session_id}, out.principal.tenant_id));
        return Status::Ok();
    }));
    return out;
}

Status logout(Services& services, const std::string& cookie) {
    const auto parts = split_credential(cookie, "");
    if (!parts) return Status::Ok();
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
        data::accounts::delete_session(tx, parts->first);
        return Status::Ok();
    });
}

Result<SignIn> resolve_session(Services& services, const std::string& cookie) {
    const Status refused = Status::Unauthenticated("the session is unknown or has expired; sign in again");
    const auto parts = split_credential(cookie, "");
    if (!parts) return refused;
    auto found = store::in_transaction(services.store(), store::TxMode::kRead,
                                       [&](store::Transaction& tx) -> Result<std::optional<data::SessionRow>> {
                                           return data::accounts::find_session(tx, parts->first);
                                       });
    if (!found.ok()) return found.status();
    if (!found->has_value()) return refused;
    const data::SessionRow& s = **found;
    if (!crypto::constant_time_equal(s.secret_hash, crypto::hash_secret(parts->second))) return refused;
    if (s.expires_at < now_millis()) return refused;
    auto principal = principal_of("user:" + s.user_id, s.publisher_id, s.tenant_id, s.role, s.user_id, s.email, s.name);
    if (!principal) return refused;
    return SignIn{cookie, s.csrf_token, std::move(*principal), s.expires_at};
}

Result<data::UserRow> update_user(Services& services, const Principal& principal, const std::string& user_id,
                                  const UserChange& change) {
    SK_RETURN_IF_ERROR(require_access_admin(principal));
    if (change.name) {
        if (change.name->empty()) return Status::Invalid("name", "required", "name must not be empty");
        SK_RETURN_IF_ERROR(validate_name(*change.name));
    }
    if (change.role) SK_RETURN_IF_ERROR(validate_role(*change.role, principal.is_tenant()));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<data::UserRow> {
            SK_ASSIGN_OR_RETURN(const data::UserRow before, load_own_user(tx, principal, user_id));
            data::UserRow after = before;
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
            data::accounts::update_user(tx, after);
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
        SK_ASSIGN_OR_RETURN(const data::UserRow user, load_own_user(tx, principal, user_id));
        SK_RETURN_IF_ERROR(keep_a_global_admin(tx, principal, user, ""));
        end_sessions(tx, user.id);
        const Millis now = now_millis();
        // The tombstone: the address is free for a new account, and no password verifies against "".
        data::accounts::mark_user_deleted(tx, user.id, user.id + "@deleted.invalid", now);
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
                                              [&](store::Transaction& tx) -> Result<std::optional<std::string>> {
                                                  return data::accounts::find_password_hash(tx, principal.user_id);
                                              }));
    if (!stored) return Status::Unauthenticated("the user no longer exists; sign in again");
    const std::string& old_hash = *stored;
    if (!crypto::verify_password(old_hash, current_password)) {
        return Status::Invalid("current_password", "mismatch", "current_password is not your password");
    }
    const std::string new_hash = crypto::hash_password(new_password);
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        // Unchanged since it was verified: a concurrent change or reset is not silently undone.
        if (!data::accounts::replace_password_hash(tx, principal.user_id, old_hash, new_hash)) {
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
        const auto user = data::accounts::find_active_user_by_email(tx, lowercase(email));
        if (!user) return Status::Ok();
        const std::string& user_id = user->id;
        if (data::accounts::count_password_resets_since(tx, user_id, now - kPasswordResetTtlMs) >= kResetMailsPerHour) {
            return Status::Ok();
        }
        data::accounts::insert_password_reset(tx, id, crypto::hash_secret(secret), user_id, now,
                                              now + kPasswordResetTtlMs);
        OutgoingMail mail{lowercase(email), "Reset your Seatkeeper password",
                          "Someone asked to reset the password of your Seatkeeper account " + lowercase(email) +
                              ".\n\nTo choose a new password, open this link within an hour. It works once:\n\n" +
                              reset_link(services.settings(), domain::format_credential("", id, secret)) +
                              "\n\nIf it was not you, ignore this mail: your password stays as it is.\n",
                          user->publisher_id, user->tenant_id};
        mail.secret_body = true;
        SK_RETURN_IF_ERROR(enqueue_mail(tx, mail).status());
        const std::string publisher_id = user->publisher_id.value_or("");
        const std::string tenant_id = user->tenant_id.value_or("");
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
        const auto user = data::accounts::find_user_account(tx, user_id);
        data::accounts::set_password_hash(tx, user_id, hash);
        end_sessions(tx, user_id);  // also voids this link and any other
        append_event(tx, "user:" + user_id, user->publisher_id.value_or(""),
                     make_event<EventType::kUserPasswordReset>(domain::user_subject(user_id), std::nullopt,
                                                               domain::PasswordResetSnapshot{parts->first},
                                                               user->tenant_id.value_or("")));
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
    ApiKeyRecord key{{"key_" + crypto::random_token(12), input.name.empty() ? input.role + " key" : input.name,
                      input.role, principal.publisher_id, now_millis(), std::nullopt, principal.tenant_id},
                     ""};
    key.key = domain::format_credential(kApiKeyPrefix, key.id, secret);
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<ApiKeyRecord> {
            SK_RETURN_IF_ERROR(require_account_exists(tx, principal));
            data::accounts::insert_api_key(tx, key, crypto::hash_secret(secret), principal.actor);
            append_event(tx, principal.actor, principal.publisher_id,
                         make_event<EventType::kApiKeyCreated>(domain::api_key_subject(key.id), std::nullopt,
                                                               key_snapshot(key), principal.tenant_id));
            return key;
        });
}

Result<std::vector<ApiKeyRecord>> list_api_keys(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require_access_admin(principal));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<ApiKeyRecord>> {
                                     std::vector<ApiKeyRecord> out;
                                     for (auto& k : data::accounts::list_api_keys(tx, principal.account())) {
                                         out.push_back({std::move(k), ""});
                                     }
                                     return out;
                                 });
}

Status revoke_api_key(Services& services, const Principal& principal, const std::string& key_id) {
    SK_RETURN_IF_ERROR(require_access_admin(principal));
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        const auto key = data::accounts::find_api_key(tx, principal.account(), key_id);
        if (!key) return Status::NotFound("API key '" + key_id + "' does not exist");
        if (key->revoked_at) return Status::Ok();
        data::accounts::revoke_api_key(tx, key_id, now_millis());
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
    auto found = store::in_transaction(services.store(), store::TxMode::kRead,
                                       [&](store::Transaction& tx) -> Result<std::optional<data::ApiKeyCredentialRow>> {
                                           return data::accounts::find_api_key_credential(tx, parts->first);
                                       });
    if (!found.ok()) return found.status();
    if (!found->has_value()) return refused;
    const data::ApiKeyCredentialRow& k = **found;
    if (!crypto::constant_time_equal(k.secret_hash, crypto::hash_secret(parts->second)) || k.revoked) return refused;
    auto principal = principal_of("key:" + parts->first, k.publisher_id, k.tenant_id, k.role, "", "", k.name);
    if (!principal) return refused;
    return std::move(*principal);
}

}  // namespace seatkeeper::service
