#include "data/accounts.hpp"

#include "data/rows.hpp"

namespace seatkeeper::data::accounts {

namespace {

using store::Query;

constexpr Query kPublisherExists{"publisher.exists", "SELECT 1 FROM publishers WHERE id = ?"};
constexpr Query kInsertPublisher{"publisher.insert", "INSERT INTO publishers (id, name, created_at) VALUES (?, ?, ?)"};
// The tenants table is the tenants repository's; this is the one question accounts ask of it.
constexpr Query kTenantExists{"account.tenant_exists", "SELECT 1 FROM tenants WHERE id = ?"};

// The columns user_from_row reads, in its order.
#define SK_USER_COLUMNS "id, email, name, publisher_id, role, created_at, tenant_id, disabled_at"

UserRow user_from_row(const store::Row& r) {
    return {r.text(0),
            r.text(1),
            r.text(2),
            r.optional_text(3).value_or(""),
            r.text(4),
            r.integer(5),
            r.optional_text(6).value_or(""),
            r.optional_integer(7)};
}

constexpr Query kEmailTaken{"user.email_taken", "SELECT 1 FROM users WHERE email = ?"};
constexpr Query kInsertUser{"user.insert",
                            "INSERT INTO users (id, email, name, password_hash, publisher_id, tenant_id, role, "
                            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Query kFindUserOfPublisher{"user.find_of_publisher",
                                     "SELECT " SK_USER_COLUMNS
                                     " FROM users WHERE id = ? AND publisher_id = ? AND deleted_at IS NULL"};
constexpr Query kFindUserOfTenant{"user.find_of_tenant",
                                  "SELECT " SK_USER_COLUMNS
                                  " FROM users WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL"};
constexpr Query kListUsersOfPublisher{
    "user.list_of_publisher",
    "SELECT " SK_USER_COLUMNS " FROM users WHERE publisher_id = ? AND deleted_at IS NULL ORDER BY created_at, id"};
constexpr Query kListUsersOfTenant{"user.list_of_tenant",
                                   "SELECT " SK_USER_COLUMNS
                                   " FROM users WHERE tenant_id = ? AND deleted_at IS NULL ORDER BY created_at, id"};
constexpr Query kCountOtherActiveUsersOfPublisher{
    "user.count_other_active_of_publisher",
    "SELECT COUNT(*) FROM users WHERE publisher_id = ? AND role = ? AND disabled_at IS NULL AND deleted_at IS NULL "
    "AND id <> ?"};
constexpr Query kCountOtherActiveUsersOfTenant{
    "user.count_other_active_of_tenant",
    "SELECT COUNT(*) FROM users WHERE tenant_id = ? AND role = ? AND disabled_at IS NULL AND deleted_at IS NULL "
    "AND id <> ?"};
constexpr Query kUpdateUser{"user.update", "UPDATE users SET name = ?, role = ?, disabled_at = ? WHERE id = ?"};
constexpr Query kMarkUserDeleted{
    "user.mark_deleted",
    "UPDATE users SET email = ?, password_hash = '', deleted_at = ?, disabled_at = COALESCE(disabled_at, ?) "
    "WHERE id = ?"};
constexpr Query kFindCredentialsByEmail{
    "user.find_credentials_by_email",
    "SELECT id, email, name, publisher_id, role, password_hash, tenant_id, disabled_at, deleted_at "
    "FROM users WHERE email = ?"};
constexpr Query kFindActiveUserByEmail{
    "user.find_active_by_email",
    "SELECT id, publisher_id, tenant_id FROM users WHERE email = ? AND disabled_at IS NULL AND deleted_at IS NULL"};
constexpr Query kFindUserAccount{"user.find_account", "SELECT publisher_id, tenant_id FROM users WHERE id = ?"};
constexpr Query kFindPasswordHash{"user.find_password_hash", "SELECT password_hash FROM users WHERE id = ?"};
constexpr Query kSetPasswordHash{"user.set_password_hash", "UPDATE users SET password_hash = ? WHERE id = ?"};
constexpr Query kReplacePasswordHash{
    "user.replace_password_hash",
    "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ? AND disabled_at IS NULL"};

#undef SK_USER_COLUMNS

constexpr Query kInsertSession{"session.insert",
                               "INSERT INTO sessions (id, secret_hash, user_id, csrf_token, created_at, expires_at) "
                               "VALUES (?, ?, ?, ?, ?, ?)"};
constexpr Query kFindSession{
    "session.find",
    "SELECT s.secret_hash, s.csrf_token, s.expires_at, u.id, u.email, u.name, u.publisher_id, u.role, "
    "u.tenant_id FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.id = ? AND u.disabled_at IS NULL AND u.deleted_at IS NULL"};
constexpr Query kDeleteSession{"session.delete", "DELETE FROM sessions WHERE id = ?"};
constexpr Query kDeleteExpiredSessions{"session.delete_expired", "DELETE FROM sessions WHERE expires_at < ?"};
constexpr Query kDeleteSessionsOfUser{"session.delete_of_user", "DELETE FROM sessions WHERE user_id = ? AND id <> ?"};

constexpr Query kInsertPasswordReset{
    "password_reset.insert",
    "INSERT INTO password_resets (id, secret_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)"};
constexpr Query kFindPasswordReset{
    "password_reset.find",
    "SELECT r.secret_hash, r.user_id, r.expires_at, r.used_at FROM password_resets r JOIN users u ON "
    "u.id = r.user_id WHERE r.id = ? AND u.disabled_at IS NULL AND u.deleted_at IS NULL"};
constexpr Query kCountPasswordResetsSince{"password_reset.count_since",
                                          "SELECT COUNT(*) FROM password_resets WHERE user_id = ? AND created_at > ?"};
constexpr Query kUseUpPasswordResets{"password_reset.use_up",
                                     "UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL"};

// The columns api_key_from_row reads, in its order.
#define SK_API_KEY_COLUMNS "id, name, role, publisher_id, created_at, revoked_at, tenant_id"

ApiKeyRow api_key_from_row(const store::Row& r) {
    return {r.text(0),
            r.text(1),
            r.text(2),
            r.optional_text(3).value_or(""),
            r.integer(4),
            r.optional_integer(5),
            r.optional_text(6).value_or("")};
}

constexpr Query kInsertApiKey{
    "api_key.insert",
    "INSERT INTO api_keys (id, secret_hash, publisher_id, tenant_id, role, name, created_by, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Query kFindApiKeyOfPublisher{"api_key.find_of_publisher",
                                       "SELECT " SK_API_KEY_COLUMNS " FROM api_keys WHERE id = ? AND publisher_id = ?"};
constexpr Query kFindApiKeyOfTenant{"api_key.find_of_tenant",
                                    "SELECT " SK_API_KEY_COLUMNS " FROM api_keys WHERE id = ? AND tenant_id = ?"};
constexpr Query kListApiKeysOfPublisher{"api_key.list_of_publisher",
                                        "SELECT " SK_API_KEY_COLUMNS
                                        " FROM api_keys WHERE publisher_id = ? ORDER BY created_at, id"};
constexpr Query kListApiKeysOfTenant{"api_key.list_of_tenant",
                                     "SELECT " SK_API_KEY_COLUMNS
                                     " FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id"};
constexpr Query kFindApiKeyCredential{
    "api_key.find_credential",
    "SELECT secret_hash, publisher_id, role, name, revoked_at, tenant_id FROM api_keys WHERE id = ?"};
constexpr Query kRevokeApiKey{"api_key.revoke", "UPDATE api_keys SET revoked_at = ? WHERE id = ?"};

#undef SK_API_KEY_COLUMNS

// The statement of the pair that is scoped to the account's kind.
const Query& scoped(const AccountScope& account, const Query& of_publisher, const Query& of_tenant) {
    return account.kind == AccountScope::Kind::kTenant ? of_tenant : of_publisher;
}

}  // namespace

bool publisher_exists(store::Transaction& tx, const std::string& publisher_id) {
    return tx.query_one(kPublisherExists, {publisher_id}).has_value();
}

void insert_publisher(store::Transaction& tx, const std::string& id, const std::string& name, Millis created_at) {
    tx.execute(kInsertPublisher, {id, name, created_at});
}

bool account_exists(store::Transaction& tx, const AccountScope& account) {
    return tx.query_one(scoped(account, kPublisherExists, kTenantExists), {account.id}).has_value();
}

bool email_taken(store::Transaction& tx, const std::string& email) {
    return tx.query_one(kEmailTaken, {email}).has_value();
}

void insert_user(store::Transaction& tx, const UserRow& user, const std::string& password_hash) {
    tx.execute(kInsertUser, {user.id, user.email, user.name, password_hash, store::text_or_null(user.publisher_id),
                             store::text_or_null(user.tenant_id), user.role, user.created_at});
}

std::optional<UserRow> find_user(store::Transaction& tx, const AccountScope& account, const std::string& user_id) {
    const auto r = tx.query_one(scoped(account, kFindUserOfPublisher, kFindUserOfTenant), {user_id, account.id});
    if (!r) return std::nullopt;
    return user_from_row(*r);
}

std::vector<UserRow> list_users(store::Transaction& tx, const AccountScope& account) {
    return map_rows(tx.query(scoped(account, kListUsersOfPublisher, kListUsersOfTenant), {account.id}), user_from_row);
}

std::int64_t count_other_active_users(store::Transaction& tx, const AccountScope& account, const std::string& role,
                                      const std::string& except_user_id) {
    const auto r = tx.query_one(scoped(account, kCountOtherActiveUsersOfPublisher, kCountOtherActiveUsersOfTenant),
                                {account.id, role, except_user_id});
    return r ? r->integer(0) : 0;
}

void update_user(store::Transaction& tx, const UserRow& user) {
    tx.execute(kUpdateUser, {user.name, user.role,
                             user.disabled_at ? store::Value{*user.disabled_at} : store::null_value(), user.id});
}

void mark_user_deleted(store::Transaction& tx, const std::string& user_id, const std::string& tombstone_email,
                       Millis now) {
    tx.execute(kMarkUserDeleted, {tombstone_email, now, now, user_id});
}

std::optional<UserCredentialsRow> find_credentials_by_email(store::Transaction& tx, const std::string& email) {
    const auto r = tx.query_one(kFindCredentialsByEmail, {email});
    if (!r) return std::nullopt;
    return UserCredentialsRow{r->text(0), r->text(1),          r->text(2),     r->optional_text(3), r->text(4),
                              r->text(5), r->optional_text(6), !r->is_null(7), !r->is_null(8)};
}

std::optional<UserAccountRow> find_active_user_by_email(store::Transaction& tx, const std::string& email) {
    const auto r = tx.query_one(kFindActiveUserByEmail, {email});
    if (!r) return std::nullopt;
    return UserAccountRow{r->text(0), r->optional_text(1), r->optional_text(2)};
}

std::optional<UserAccountRow> find_user_account(store::Transaction& tx, const std::string& user_id) {
    const auto r = tx.query_one(kFindUserAccount, {user_id});
    if (!r) return std::nullopt;
    return UserAccountRow{user_id, r->optional_text(0), r->optional_text(1)};
}

std::optional<std::string> find_password_hash(store::Transaction& tx, const std::string& user_id) {
    const auto r = tx.query_one(kFindPasswordHash, {user_id});
    if (!r) return std::nullopt;
    return r->text(0);
}

void set_password_hash(store::Transaction& tx, const std::string& user_id, const std::string& hash) {
    tx.execute(kSetPasswordHash, {hash, user_id});
}

bool replace_password_hash(store::Transaction& tx, const std::string& user_id, const std::string& old_hash,
                           const std::string& new_hash) {
    return tx.execute(kReplacePasswordHash, {new_hash, user_id, old_hash}) != 0;
}

void insert_session(store::Transaction& tx, const NewSession& session) {
    tx.execute(kInsertSession, {session.id, session.secret_hash, session.user_id, session.csrf_token,
                                session.created_at, session.expires_at});
}

std::optional<SessionRow> find_session(store::Transaction& tx, const std::string& session_id) {
    const auto r = tx.query_one(kFindSession, {session_id});
    if (!r) return std::nullopt;
    return SessionRow{r->text(0), r->text(1),          r->integer(2), r->text(3),         r->text(4),
                      r->text(5), r->optional_text(6), r->text(7),    r->optional_text(8)};
}

void delete_session(store::Transaction& tx, const std::string& session_id) { tx.execute(kDeleteSession, {session_id}); }

void delete_sessions_expired_before(store::Transaction& tx, Millis now) { tx.execute(kDeleteExpiredSessions, {now}); }

void delete_sessions_of_user(store::Transaction& tx, const std::string& user_id, const std::string& keep_session_id) {
    tx.execute(kDeleteSessionsOfUser, {user_id, keep_session_id});
}

void insert_password_reset(store::Transaction& tx, const std::string& id, const std::string& secret_hash,
                           const std::string& user_id, Millis created_at, Millis expires_at) {
    tx.execute(kInsertPasswordReset, {id, secret_hash, user_id, created_at, expires_at});
}

std::optional<PasswordResetRow> find_password_reset(store::Transaction& tx, const std::string& reset_id) {
    const auto r = tx.query_one(kFindPasswordReset, {reset_id});
    if (!r) return std::nullopt;
    return PasswordResetRow{r->text(0), r->text(1), r->integer(2), r->optional_integer(3)};
}

std::int64_t count_password_resets_since(store::Transaction& tx, const std::string& user_id, Millis since) {
    const auto r = tx.query_one(kCountPasswordResetsSince, {user_id, since});
    return r ? r->integer(0) : 0;
}

void use_up_password_resets(store::Transaction& tx, const std::string& user_id, Millis now) {
    tx.execute(kUseUpPasswordResets, {now, user_id});
}

void insert_api_key(store::Transaction& tx, const ApiKeyRow& key, const std::string& secret_hash,
                    const std::string& created_by) {
    tx.execute(kInsertApiKey, {key.id, secret_hash, store::text_or_null(key.publisher_id),
                               store::text_or_null(key.tenant_id), key.role, key.name, created_by, key.created_at});
}

std::optional<ApiKeyRow> find_api_key(store::Transaction& tx, const AccountScope& account, const std::string& key_id) {
    const auto r = tx.query_one(scoped(account, kFindApiKeyOfPublisher, kFindApiKeyOfTenant), {key_id, account.id});
    if (!r) return std::nullopt;
    return api_key_from_row(*r);
}

std::vector<ApiKeyRow> list_api_keys(store::Transaction& tx, const AccountScope& account) {
    return map_rows(tx.query(scoped(account, kListApiKeysOfPublisher, kListApiKeysOfTenant), {account.id}),
                    api_key_from_row);
}

std::optional<ApiKeyCredentialRow> find_api_key_credential(store::Transaction& tx, const std::string& key_id) {
    const auto r = tx.query_one(kFindApiKeyCredential, {key_id});
    if (!r) return std::nullopt;
    return ApiKeyCredentialRow{r->text(0), r->optional_text(1), r->text(2),
                               r->text(3), !r->is_null(4),      r->optional_text(5)};
}

void revoke_api_key(store::Transaction& tx, const std::string& key_id, Millis now) {
    tx.execute(kRevokeApiKey, {now, key_id});
}

}  // namespace seatkeeper::data::accounts
