// From Beast's parsed request to the API's Request (http/message.hpp): method, target split into path and
// query, header names lowercased in the order received (a repeated header stays repeated; Request::header
// answers the first), the body moved over. Pure, so that fuzz/http_framing_fuzz.cpp can run it on what
// Beast's parser makes of arbitrary bytes without a socket, as the session in http/server.cpp does with
// what it reads. The fields may live in any allocator's memory (the session's per-connection arena).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>
#include <tuple>

#include "common/text.hpp"
#include "http/message.hpp"

namespace seatkeeper::http {

template <class Allocator>
Request to_request(
    boost::beast::http::request<boost::beast::http::string_body, boost::beast::http::basic_fields<Allocator>>&& wire,
    std::string remote_address) {
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

extern template Request to_request(boost::beast::http::request<boost::beast::http::string_body>&& wire,
                                   std::string remote_address);

}  // namespace seatkeeper::http
