#include "http/message.hpp"

#include <boost/url/parse_query.hpp>

namespace seatkeeper::http {

std::optional<std::string_view> Request::header(std::string_view lowercase_name) const {
    for (const auto& [name, value] : headers) {
        if (name == lowercase_name) return std::string_view(value);
    }
    return std::nullopt;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
    auto params = boost::urls::parse_query(query);
    if (!params) return std::nullopt;
    for (const auto& p : *params) {
        // Keys and values arrive percent-encoded ("offers%2Fcrm", "Contoso%20CRM" or "Contoso+CRM").
        const boost::urls::encoding_opts form(true);  // '+' is a space, as browsers send forms
        if (p.key.decode(form) == name) return p.value.decode(form);
    }
    return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
    const auto header_value = header("cookie");
    if (!header_value) return std::nullopt;
    std::string_view rest = *header_value;
    while (!rest.empty()) {
        const auto semi = rest.find(';');
        std::string_view pair = rest.substr(0, semi);
        rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    }
    return std::nullopt;
}

Result<std::optional<std::string>> Request::bearer_credential() const {
    const auto authorization = header("authorization");
    if (!authorization) return std::optional<std::string>{};
    constexpr std::string_view kBearer = "Bearer ";
    if (!authorization->starts_with(kBearer)) {
        return Status::Unauthenticated("Authorization must be 'Bearer <API key>'");
    }
    return std::optional<std::string>(authorization->substr(kBearer.size()));
}

std::pair<std::string, std::string> split_target(std::string_view target) {
    const auto q = target.find('?');
    if (q == std::string_view::npos) return {std::string(target), {}};
    return {std::string(target.substr(0, q)), std::string(target.substr(q + 1))};
}

}  // namespace seatkeeper::http
