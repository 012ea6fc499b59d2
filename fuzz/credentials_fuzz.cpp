// Credentials as requests carry them: the Cookie header (Request::cookie), `Authorization: Bearer …`
// (Request::bearer_credential), the "<id>.<secret>" and "sk.<id>.<secret>" shapes (domain/credential.hpp)
// and the cache of resolved API keys (check/credential_cache.hpp), tried two ways on each input.
//
// As a raw header value: a cookie found is a `name=value` pair of the header and holds no ';'; the bearer
// credential is exactly what follows "Bearer ", and any other scheme is refused; a credential that splits
// formats back to itself, with an id free of '.', both parts non-empty and within the length limit, and
// every such credential splits; the cache calls the resolver once per key and then answers from memory.
// As lines "name\nvalue\n…": the pairs joined into a Cookie header as browsers send it, each name gives
// back its first value; line 0 and line 1 as id and secret round-trip through format_credential.
#include <map>
#include <string>

#include "check/credential_cache.hpp"
#include "common/crypto.hpp"
#include "domain/credential.hpp"
#include "fuzz_check.hpp"
#include "http/message.hpp"

namespace {

using seatkeeper::Result;
using seatkeeper::http::Request;
namespace domain = seatkeeper::domain;
namespace service = seatkeeper::service;

Request with_header(std::string name, std::string_view value) {
    Request r;
    r.headers.emplace_back(std::move(name), std::string(value));
    return r;
}

// Whether split_credential must accept `credential`, from its documented rule.
bool well_formed(std::string_view credential, std::string_view prefix) {
    if (!credential.starts_with(prefix)) return false;
    credential.remove_prefix(prefix.size());
    const auto dot = credential.find('.');
    return dot != std::string_view::npos && dot > 0 && dot + 1 < credential.size() &&
           credential.size() <= domain::kMaxCredentialLength;
}

void check_split(std::string_view credential, std::string_view prefix) {
    const auto parts = domain::split_credential(credential, prefix);
    FUZZ_CHECK(parts.has_value() == well_formed(credential, prefix));
    if (!parts) return;
    const auto& [id, secret] = *parts;
    FUZZ_CHECK(!id.empty() && !secret.empty() && id.find('.') == std::string::npos);
    FUZZ_CHECK(domain::format_credential(prefix, id, secret) == credential);
}

void check_cache(const std::string& key) {
    seatkeeper::check::CredentialCache cache;
    int calls = 0;
    const auto resolver = [&calls](const std::string& k) -> Result<service::Principal> {
        ++calls;
        const auto parts = domain::split_credential(k, domain::kApiKeyPrefix);
        if (!parts) return seatkeeper::Status::Unauthenticated("the API key is unknown or revoked");
        service::Principal p;
        p.actor = "key:" + parts->first;
        return p;
    };
    const auto first = cache.resolve(key, resolver);
    const auto second = cache.resolve(key, resolver);
    FUZZ_CHECK(first.ok() == second.ok());
    // Failures are never kept; successes are answered from the cache.
    FUZZ_CHECK(calls == (first.ok() ? 1 : 2));
    FUZZ_CHECK(cache.size() == (first.ok() ? 1U : 0U));
    if (first.ok()) FUZZ_CHECK(first->actor == second->actor);
    const auto other = cache.resolve(key + "x", resolver);
    FUZZ_CHECK(cache.size() == (first.ok() ? 1U : 0U) + (other.ok() ? 1U : 0U));
    cache.clear();
    FUZZ_CHECK(cache.size() == 0);
}

void check_raw(std::string_view input) {
    const Request cookies = with_header("cookie", input);
    for (const std::string_view name : {"sk_session", "theme", ""}) {
        if (const auto value = cookies.cookie(name)) {
            FUZZ_CHECK(value->find(';') == std::string::npos);
            FUZZ_CHECK(input.find(std::string(name) + "=" + *value) != std::string_view::npos);
        }
    }

    const auto bearer = with_header("authorization", input).bearer_credential();
    if (input.starts_with("Bearer ")) {
        FUZZ_CHECK(bearer.ok() && bearer->has_value() && **bearer == input.substr(7));
    } else {
        FUZZ_CHECK(!bearer.ok() && bearer.status().code() == seatkeeper::StatusCode::kUnauthenticated);
    }
    const auto none = Request{}.bearer_credential();
    FUZZ_CHECK(none.ok() && !none->has_value());

    check_split(input, domain::kApiKeyPrefix);
    check_split(input, "");
    check_cache(std::string(input));
}

void check_lines(std::string_view input) {
    const auto lines = seatkeeper::fuzz::lines(input);
    std::string header;
    std::map<std::string, std::string, std::less<>> first;
    for (std::size_t i = 0; i + 1 < lines.size(); i += 2) {
        const auto name = lines[i];
        const auto value = lines[i + 1];
        // What a cookie pair can hold (RFC 6265 §4.1.1): no ';' anywhere, no '=' or leading space in the name.
        if (name.empty() || name.find_first_of(";=") != std::string_view::npos || name.front() == ' ' ||
            value.find(';') != std::string_view::npos) {
            continue;
        }
        if (!header.empty()) header += "; ";
        header.append(name).append("=").append(value);
        first.try_emplace(std::string(name), value);
    }
    const Request request = with_header("cookie", header);
    for (const auto& [name, value] : first) FUZZ_CHECK(request.cookie(name) == value);

    if (lines.size() >= 2) {
        const auto id = lines[0];
        const auto secret = lines[1];
        const std::string key = domain::format_credential(domain::kApiKeyPrefix, id, secret);
        const auto parts = domain::split_credential(key, domain::kApiKeyPrefix);
        if (!id.empty() && id.find('.') == std::string_view::npos && !secret.empty() &&
            id.size() + 1 + secret.size() <= domain::kMaxCredentialLength) {
            FUZZ_CHECK(parts && parts->first == id && parts->second == secret);
        }
        const auto bearer = with_header("authorization", "Bearer " + key).bearer_credential();
        FUZZ_CHECK(bearer.ok() && *bearer == key);
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    seatkeeper::crypto::init_crypto();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = seatkeeper::fuzz::as_text(data, size);
    check_raw(input);
    check_lines(input);
    return 0;
}
