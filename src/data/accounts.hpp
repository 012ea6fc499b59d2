// The accounts repository: publishers (`publishers`), the staff users of publishers and tenants (`users`), their
// sign-in sessions (`sessions`), password reset links (`password_resets`) and API keys (`api_keys`). Secrets are
// stored as hashes only; comparing them, and every decision, is service/accounts.cpp's. See data/seats.hpp for
// what a repository is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

// Whose rows a query reads: one publisher's or one customer tenant's, the two kinds of account. Each repository
// function taking one has a statement per kind, scoped by that kind's column (publisher_id or tenant_id).
struct AccountScope {
    enum class Kind { kPublisher, kTenant };
    Kind kind = Kind::kPublisher;
    std::string id;
};

// A staff user of a publisher (publisher_id set) or of a tenant (tenant_id set; publisher_id empty then).
struct UserRow {
    std::string id;
    std::string email;
    std::string name;
    std::string publisher_id;
    std::string role;
    Millis created_at = 0;
    std::string tenant_id{};
    std::optional<Millis> disabled_at{};
};

// What signing in with an e-mail address reads: the user, their password hash and whether they are still active.
struct UserCredentialsRow {
    std::string id;
    std::string email;
    std::string name;
    std::optional<std::string> publisher_id;
    std::string role;
    std::string password_hash;
    std::optional<std::string> tenant_id;
    bool disabled = false;
    bool deleted = false;
};

// The account a user belongs to.
struct UserAccountRow {
    std::string id;
    std::optional<std::string> publisher_id;
    std::optional<std::string> tenant_id;
};

struct NewSession {
    std::string id;
    std::string secret_hash;
    std::string user_id;
    std::string csrf_token;
    Millis created_at = 0;
    Millis expires_at = 0;
};

// A session with its active user.
struct SessionRow {
    std::string secret_hash;
    std::string csrf_token;
    Millis expires_at = 0;
    std::string user_id;
    std::string email;
    std::string name;
    std::optional<std::string> publisher_id;
    std::string role;
    std::optional<std::string> tenant_id;
};

struct PasswordResetRow {
    std::string secret_hash;
    std::string user_id;
    Millis expires_at = 0;
    std::optional<Millis> used_at;
};

// An API key of a publisher (publisher_id set) or of a tenant (tenant_id set; publisher_id empty then).
struct ApiKeyRow {
    std::string id;
    std::string name;
    std::string role;
    std::string publisher_id;
    Millis created_at = 0;
    std::optional<Millis> revoked_at;
    std::string tenant_id;
};

// What using an API key reads.
struct ApiKeyCredentialRow {
    std::string secret_hash;
    std::optional<std::string> publisher_id;
    std::string role;
    std::string name;
    bool revoked = false;
    std::optional<std::string> tenant_id;
};

namespace accounts {

bool publisher_exists(store::Transaction& tx, const std::string& publisher_id);
void insert_publisher(store::Transaction& tx, const std::string& id, const std::string& name, Millis created_at);
// Whether the publisher or tenant exists.
bool account_exists(store::Transaction& tx, const AccountScope& account);

// Whether any user, deleted ones included (their tombstone addresses), has this e-mail address.
bool email_taken(store::Transaction& tx, const std::string& email);
void insert_user(store::Transaction& tx, const UserRow& user, const std::string& password_hash);
// A user of the account, unless deleted.
std::optional<UserRow> find_user(store::Transaction& tx, const AccountScope& account, const std::string& user_id);
// The account's users, deleted ones left out, oldest first.
std::vector<UserRow> list_users(store::Transaction& tx, const AccountScope& account);
// How many active users of the account other than `except_user_id` have the role.
std::int64_t count_other_active_users(store::Transaction& tx, const AccountScope& account, const std::string& role,
                                      const std::string& except_user_id);
void update_user(store::Transaction& tx, const UserRow& user);
// Leaves the user as a tombstone: the new address, no password, deleted (and disabled, if not already) at `now`.
void mark_user_deleted(store::Transaction& tx, const std::string& user_id, const std::string& tombstone_email,
                       Millis now);
std::optional<UserCredentialsRow> find_credentials_by_email(store::Transaction& tx, const std::string& email);
// The active (neither disabled nor deleted) user with this e-mail address.
std::optional<UserAccountRow> find_active_user_by_email(store::Transaction& tx, const std::string& email);
std::optional<UserAccountRow> find_user_account(store::Transaction& tx, const std::string& user_id);
std::optional<std::string> find_password_hash(store::Transaction& tx, const std::string& user_id);
void set_password_hash(store::Transaction& tx, const std::string& user_id, const std::string& hash);
// Replaces the active user's password hash if it is still `old_hash`, in one statement. Whether it did.
bool replace_password_hash(store::Transaction& tx, const std::string& user_id, const std::string& old_hash,
                           const std::string& new_hash);

void insert_session(store::Transaction& tx, const NewSession& session);
// A session whose user is active (neither disabled nor deleted), expired or not.
std::optional<SessionRow> find_session(store::Transaction& tx, const std::string& session_id);
void delete_session(store::Transaction& tx, const std::string& session_id);
void delete_sessions_expired_before(store::Transaction& tx, Millis now);
// Deletes every session of the user but `keep_session_id` (empty: all of them).
void delete_sessions_of_user(store::Transaction& tx, const std::string& user_id, const std::string& keep_session_id);

void insert_password_reset(store::Transaction& tx, const std::string& id, const std::string& secret_hash,
                           const std::string& user_id, Millis created_at, Millis expires_at);
// A reset link whose user is active.
std::optional<PasswordResetRow> find_password_reset(store::Transaction& tx, const std::string& reset_id);
std::int64_t count_password_resets_since(store::Transaction& tx, const std::string& user_id, Millis since);
// Marks every unused reset link of the user used at `now`.
void use_up_password_resets(store::Transaction& tx, const std::string& user_id, Millis now);

void insert_api_key(store::Transaction& tx, const ApiKeyRow& key, const std::string& secret_hash,
                    const std::string& created_by);
std::optional<ApiKeyRow> find_api_key(store::Transaction& tx, const AccountScope& account, const std::string& key_id);
// The account's API keys, revoked ones included, oldest first.
std::vector<ApiKeyRow> list_api_keys(store::Transaction& tx, const AccountScope& account);
std::optional<ApiKeyCredentialRow> find_api_key_credential(store::Transaction& tx, const std::string& key_id);
void revoke_api_key(store::Transaction& tx, const std::string& key_id, Millis now);

}  // namespace accounts
}  // namespace seatkeeper::data
