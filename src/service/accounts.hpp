// Publishers, their users, sign-in sessions and API keys.
//
// Secrets (passwords, session secrets, API key secrets) are never stored: passwords as argon2id hashes,
// the rest as BLAKE2b hashes of 256 random bits, compared in constant time. A session cookie and an API
// key both have the shape "<id>.<secret>": the id finds the row, the secret proves possession.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/context.hpp"

namespace seatkeeper::service {

struct NewPublisher {
    std::string id;
    std::string name;
    std::string admin_email;
    std::string admin_password;
    std::string admin_name;
};
// The first user is the publisher's global admin. Used by `seatkeeper admin create-publisher` and demo-seed.
Status create_publisher(Services& services, const NewPublisher& input);

struct NewUser {
    std::string email;
    std::string name;
    std::string password;
    std::string role;
};
struct UserRecord {
    std::string id;
    std::string email;
    std::string name;
    std::string publisher_id;
    std::string role;
    Millis created_at = 0;
    std::string tenant_id{};  // for a tenant's user; publisher_id is empty then
};
// A global admin adds a user to their publisher or tenant (`actor` "system" for the CLI).
Result<UserRecord> create_user(Services& services, const Principal& principal, const NewUser& input);
Result<std::vector<UserRecord>> list_users(Services& services, const Principal& principal);

struct SignIn {
    std::string cookie;      // "<session id>.<secret>", for the session cookie
    std::string csrf_token;  // echoed back by the client in X-CSRF-Token
    Principal principal;
    Millis expires_at = 0;
};
Result<SignIn> login(Services& services, const std::string& email, const std::string& password);
Status logout(Services& services, const std::string& cookie);
// The principal and CSRF token of a live session; Unauthenticated when unknown, expired or forged.
Result<SignIn> resolve_session(Services& services, const std::string& cookie);

struct ApiKeyRecord {
    std::string id;
    std::string name;
    std::string role;
    std::string publisher_id;
    Millis created_at = 0;
    std::optional<Millis> revoked_at;
    std::string key;        // the full key: set only in the answer to its creation, shown once
    std::string tenant_id{};  // for a tenant's key; publisher_id is empty then
};
struct NewApiKey {
    std::string role;
    std::string name;
};
Result<ApiKeyRecord> create_api_key(Services& services, const Principal& principal, const NewApiKey& input);
Result<std::vector<ApiKeyRecord>> list_api_keys(Services& services, const Principal& principal);
Status revoke_api_key(Services& services, const Principal& principal, const std::string& key_id);
Result<Principal> resolve_api_key(Services& services, const std::string& key);

// The principal the command line acts as for one publisher or tenant (the audit log records "system").
Principal system_principal(const std::string& publisher_id);
Principal tenant_system_principal(const std::string& tenant_id);

// Adds the first admin (or any user) of a tenant inside the caller's transaction; sets `user_id`.
Status insert_tenant_admin(store::Transaction& tx, const std::string& actor, const std::string& tenant_id,
                           const NewUser& input, std::string& user_id);
// Validates a new user's e-mail, password and role before any transaction (tenant or publisher roles).
Status validate_new_user(const NewUser& input, bool tenant);

}  // namespace seatkeeper::service
