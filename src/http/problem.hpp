// The one place where a Status becomes an HTTP answer: application/problem+json (RFC 9457)
// {type, title, status, detail, field?, rule?}. Internal details go to the log, never to the client.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "http/message.hpp"

namespace seatkeeper::http {

int http_status(StatusCode code);
Response problem(const Status& status, const std::string& request_id);
// 405 for a path that exists with other methods; `allowed` becomes the Allow header.
Response method_not_allowed(std::string_view method, const std::vector<std::string>& allowed);
// A problem for errors found before a request reaches the API (413, 414, 431, 400 from the parser).
Response protocol_problem(int status, std::string_view detail);
Response json_response(int status, const boost::json::value& body);

}  // namespace seatkeeper::http
