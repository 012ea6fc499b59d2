// The shape of the secrets Seatkeeper hands out: "<id>.<secret>" for session cookies and password-reset
// links, "sk.<id>.<secret>" for API keys. The id finds the row; the secret is only ever compared by its hash
// (crypto::hash_secret). Ids are URL-safe base64 with a prefix ("key_…"), so they hold no '.'; the secret is
// everything after the first '.'. Pure functions over text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace seatkeeper::domain {

inline constexpr std::string_view kApiKeyPrefix = "sk.";
// Longer credentials are refused unread (after the prefix): none that Seatkeeper makes comes near it.
inline constexpr std::size_t kMaxCredentialLength = 200;

// prefix + id + "." + secret.
std::string format_credential(std::string_view prefix, std::string_view id, std::string_view secret);

// (id, secret) of `credential` when it starts with `prefix` and holds "<id>.<secret>" after it, both
// non-empty; nullopt otherwise.
std::optional<std::pair<std::string, std::string>> split_credential(std::string_view credential,
                                                                    std::string_view prefix);

}  // namespace seatkeeper::domain
