#include "http/inputs/check_inputs.hpp"

#include "common/json.hpp"
#include "domain/limits.hpp"

namespace seatkeeper::http::inputs {

namespace {

constexpr std::size_t kMaxTenantLength = 64;  // a GUID, with room for braces and case the check normalises

}  // namespace

Result<std::vector<check::Question>> parse_check_batch(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"checks"}));
    const auto* checks = body.if_contains("checks");
    if (checks == nullptr || checks->is_null()) return Status::Invalid("checks", "required", "checks is required");
    if (!checks->is_array()) return Status::Invalid("checks", "type", "checks must be an array of checks");
    const auto& items = checks->as_array();
    if (items.empty()) return Status::Invalid("checks", "min_items", "checks must hold at least one check");
    if (items.size() > kMaxCheckBatch) {
        return Status::Invalid("checks", "max_items",
                               "checks may hold at most " + std::to_string(kMaxCheckBatch) +
                                   " checks per request (it has " + std::to_string(items.size()) + ")");
    }
    std::vector<check::Question> out;
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string path = "checks[" + std::to_string(i) + "]";
        if (!items[i].is_object()) return Status::Invalid(path, "type", path + " must be an object");
        const json::Fields item(items[i].as_object(), path);
        SK_RETURN_IF_ERROR(item.only({"tenant", "user", "service_id"}));
        SK_ASSIGN_OR_RETURN(auto tenant, item.optional_string("tenant", kMaxTenantLength));
        SK_ASSIGN_OR_RETURN(auto user, item.optional_string("user", domain::kMaxUpnLength));
        SK_ASSIGN_OR_RETURN(auto service_id, item.optional_string("service_id", check::kMaxServiceIdLength));
        SK_ASSIGN_OR_RETURN(
            auto q, check::make_question(tenant.value_or(""), user.value_or(""), service_id.value_or(""), path));
        out.push_back(std::move(q));
    }
    return out;
}

Result<TokenQuestion> parse_token_question(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"tenant", "user", "service_id", "nonce"}));
    SK_ASSIGN_OR_RETURN(auto tenant, f.optional_string("tenant", kMaxTenantLength));
    SK_ASSIGN_OR_RETURN(auto user, f.optional_string("user", domain::kMaxUpnLength));
    SK_ASSIGN_OR_RETURN(auto service_id, f.optional_string("service_id", check::kMaxServiceIdLength));
    SK_ASSIGN_OR_RETURN(auto nonce, f.optional_string("nonce", check::kMaxNonceLength));
    SK_ASSIGN_OR_RETURN(auto q, check::make_question(tenant.value_or(""), user.value_or(""), service_id.value_or("")));
    if (nonce && nonce->empty()) nonce.reset();
    return TokenQuestion{std::move(q), std::move(nonce)};
}

}  // namespace seatkeeper::http::inputs
