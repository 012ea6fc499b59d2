// From Beast's parsed request to the API's Request (http/message.hpp): method, target split into path and
// query, header names lowercased in the order received (a repeated header stays repeated; Request::header
// answers the first), the body moved over. Pure, so that fuzz/http_framing_fuzz.cpp can run it on what
// Beast's parser makes of arbitrary bytes without a socket, as the session in http/server.cpp does with
// what it reads.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>

#include "http/message.hpp"

namespace seatkeeper::http {

Request to_request(boost::beast::http::request<boost::beast::http::string_body>&& wire, std::string remote_address);

}  // namespace seatkeeper::http
