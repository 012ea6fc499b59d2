// Publishers, their users, sign-in sessions, password resets and API keys.
//
// Secrets (passwords, session secrets, reset link secrets, API key secrets) are never stored: passwords as
// argon2id hashes, the rest as BLAKE2b hashes of 256 random bits, compared in constant time. A session
// cookie, a password reset token and an API key all have the shape "<id>.<secret>": the id finds the row,
// the secret proves possession.
//
// Staff accounts are offboarded by disabling or deleting them (API.md "Staff accounts"): either ends the
// user's sessions in the same transaction, and every request resolves its session against the users table,
// so the user's next request is 401 on every node. API keys belong to the publisher or tenant, not to the
// user who created them, and keep working; revoke them separately. A deleted user stays as a tombstone
// (e-mail address freed, no password) so that the audit history still names who did what.
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
// A global admin adds a user to their publisher or tenant (`actor` "system" for the CLI).
Result<data::UserRow> create_user(Services& services, const Principal& principal, const NewUser& input);
// The publisher's or tenant's users, deleted ones left out.
Result<std::vector<data::UserRow>> list_users(Services& services, const Principal& principal);

struct UserChange {
    std::optional<std::string> name;
    std::optional<std::string> role;
    std::optional<bool> disabled;
};
// A global admin renames, re-roles, disables or enables a user of their own publisher or tenant (NotFound for
// anyone else's). Disabling ends the user's sessions and voids their reset links. A change that would leave
// the account without an active global admin is a Conflict (rule last_global_admin), whoever makes it.
Result<data::UserRow> update_user(Services& services, const Principal& principal, const std::string& user_id,
                                  const UserChange& change);
// Deletes a user the same way (sessions ended, the same Conflict); the row stays as a tombstone.
Status delete_user(Services& services, const Principal& principal, const std::string& user_id);

// The signed-in user changes their own password: `current_password` must verify (else Invalid naming it),
// the new one follows the rules of creation. Ends the user's other sessions and keeps `session_cookie`'s.
// Forbidden for an API key, which has no password.
Status change_password(Services& services, const Principal& principal, const std::string& session_cookie,
                       const std::string& current_password, const std::string& new_password);
// Mails a single-use link ({public_url}/password-reset/<token>, valid one hour) to the active user with this
// address. Answers Ok alike whether or not there is one, and mails nothing beyond a few links per user and
// hour, so the answer tells an anonymous caller nothing about which addresses have accounts.
Status request_password_reset(Services& services, const std::string& email);
// Sets the password of the link's user, ends all their sessions and voids every link they have. NotFound for
// an unknown or forged token; Conflict (reset_link_used, reset_link_expired) for one used or expired.
Status reset_password(Services& services, const std::string& token, const std::string& new_password);

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

// An API key as the use cases answer it: the stored row, and the full key in the answer to its creation only.
struct ApiKeyRecord : data::ApiKeyRow {
    std::string key;  // shown once
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
