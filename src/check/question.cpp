#include "check/question.hpp"

#include <algorithm>

#include "domain/customer.hpp"
#include "domain/ids.hpp"

namespace seatkeeper::check {

namespace {

std::string field_name(std::string_view path, std::string_view key) {
    return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

Result<Question> make_question(std::string_view tenant, std::string_view user, std::string_view service_id,
                               std::string_view path) {
    const std::string tenant_field = field_name(path, "tenant");
    const std::string user_field = field_name(path, "user");
    const std::string service_field = field_name(path, "service_id");
    if (tenant.empty()) return Status::Invalid(tenant_field, "required", tenant_field + " is required");
    if (user.empty()) return Status::Invalid(user_field, "required", user_field + " is required");
    if (service_id.empty()) return Status::Invalid(service_field, "required", service_field + " is required");

    Question q;
    auto guid = domain::normalize_tenant_id(tenant);
    if (!guid) {
        return Status::Invalid(
            tenant_field, "guid",
            tenant_field + " must be a tenant ID: a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47");
    }
    q.tenant = std::move(*guid);
    SK_RETURN_IF_ERROR(domain::validate_email(user_field, user));
    q.user = std::string(user);
    std::transform(q.user.begin(), q.user.end(), q.user.begin(), lower);
    if (service_id.size() > kMaxServiceIdLength) {
        return Status::Invalid(
            service_field, "max_length",
            service_field + " must be at most " + std::to_string(kMaxServiceIdLength) + " characters");
    }
    q.service_id = std::string(service_id);
    return q;
}

}  // namespace seatkeeper::check
