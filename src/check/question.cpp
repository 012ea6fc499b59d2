#include "check/question.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "domain/customer.hpp"
#include "domain/ids.hpp"

namespace seatkeeper::check {

static_assert(kTenantIdLength == domain::kTenantIdLength);

namespace {

std::string field_name(std::string_view path, std::string_view key) {
    return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

}  // namespace

Result<QuestionView> normalize_question(std::string_view tenant, std::string_view user, std::string_view service_id,
                                        NormalizedText& into, std::string_view path) {
    // Field names are spelled only for a refusal: an accepted question allocates nothing.
    const auto field = [path](std::string_view key) { return field_name(path, key); };
    const auto required = [&field](std::string_view key) {
        const std::string name = field(key);
        return Status::Invalid(name, "required", name + " is required");
    };
    if (tenant.empty()) return required("tenant");
    if (user.empty()) return required("user");
    if (service_id.empty()) return required("service_id");

    if (!domain::normalize_tenant_id(tenant, into.tenant)) {
        const std::string name = field("tenant");
        return Status::Invalid(name, "guid",
                               name + " must be a tenant ID: a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47");
    }
    SK_RETURN_IF_ERROR(domain::validate_email(field("user"), user));  // at most kMaxUpnLength characters
    std::transform(user.begin(), user.end(), into.user.begin(), [](char c) { return text::ascii_lower(c); });
    if (service_id.size() > kMaxServiceIdLength) {
        const std::string name = field("service_id");
        return Status::Invalid(name, "max_length",
                               name + " must be at most " + std::to_string(kMaxServiceIdLength) + " characters");
    }
    return QuestionView{std::string_view(into.tenant.data(), into.tenant.size()),
                        std::string_view(into.user.data(), user.size()), service_id};
}

Result<Question> make_question(std::string_view tenant, std::string_view user, std::string_view service_id,
                               std::string_view path) {
    NormalizedText text;
    SK_ASSIGN_OR_RETURN(const QuestionView q, normalize_question(tenant, user, service_id, text, path));
    return Question{std::string(q.tenant), std::string(q.user), std::string(q.service_id)};
}

}  // namespace seatkeeper::check
