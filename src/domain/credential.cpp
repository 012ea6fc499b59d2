#include "domain/credential.hpp"

namespace seatkeeper::domain {

std::string format_credential(std::string_view prefix, std::string_view id, std::string_view secret) {
    std::string out;
    out.reserve(prefix.size() + id.size() + 1 + secret.size());
    out.append(prefix).append(id).append(".").append(secret);
    return out;
}

std::optional<std::pair<std::string, std::string>> split_credential(std::string_view credential,
                                                                    std::string_view prefix) {
    if (!credential.starts_with(prefix)) return std::nullopt;
    credential.remove_prefix(prefix.size());
    const auto dot = credential.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 >= credential.size() ||
        credential.size() > kMaxCredentialLength) {
        return std::nullopt;
    }
    return std::make_pair(std::string(credential.substr(0, dot)), std::string(credential.substr(dot + 1)));
}

}  // namespace seatkeeper::domain
