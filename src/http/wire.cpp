#include "http/wire.hpp"

#include <tuple>

#include "common/text.hpp"

namespace seatkeeper::http {

Request to_request(boost::beast::http::request<boost::beast::http::string_body>&& wire, std::string remote_address) {
    Request request;
    request.method = std::string(wire.method_string());
    request.target = std::string(wire.target());
    std::tie(request.path, request.query) = split_target(request.target);
    for (const auto& field : wire) {
        request.headers.emplace_back(text::ascii_lower(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(wire.body());
    request.remote_address = std::move(remote_address);
    return request;
}

}  // namespace seatkeeper::http
