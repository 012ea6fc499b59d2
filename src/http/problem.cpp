#include "http/problem.hpp"

#include "common/log.hpp"

namespace seatkeeper::http {

namespace {
std::string_view title_for(int status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 413:
            return "Content Too Large";
        case 414:
            return "URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 503:
            return "Service Unavailable";
        default:
            return "Internal Server Error";
    }
}

Response problem_body(int status, std::string_view rule, std::string_view detail, std::string_view field) {
    boost::json::object body{{"type", "https://seatkeeper.dev/problems/" + std::string(rule)},
                             {"title", title_for(status)},
                             {"status", status},
                             {"detail", detail}};
    if (!field.empty()) body["field"] = field;
    if (!rule.empty()) body["rule"] = rule;
    Response r = json_response(status, body);
    r.content_type = "application/problem+json";
    return r;
}
}  // namespace

int http_status(StatusCode code) {
    switch (code) {
        case StatusCode::kOk:
            return 200;
        case StatusCode::kInvalid:
            return 422;
        case StatusCode::kMalformed:
            return 400;
        case StatusCode::kUnauthenticated:
            return 401;
        case StatusCode::kForbidden:
            return 403;
        case StatusCode::kNotFound:
            return 404;
        case StatusCode::kConflict:
            return 409;
        case StatusCode::kTooLarge:
            return 413;
        case StatusCode::kUnsupportedType:
            return 415;
        case StatusCode::kRateLimited:
            return 429;
        case StatusCode::kUnavailable:
            return 503;
        case StatusCode::kInternal:
            return 500;
    }
    return 500;
}

Response problem(const Status& status, const std::string& request_id) {
    const int code = http_status(status.code());
    if (code >= 500) {
        log::error("request failed",
                   {{"request_id", request_id},
                    {"status", code},
                    {"detail", status.log_detail().empty() ? status.message() : status.log_detail()}});
    }
    return problem_body(code, status.rule(), status.message(), status.field());
}

Response method_not_allowed(std::string_view method, const std::vector<std::string>& allowed) {
    Response r = problem_body(405, "method_not_allowed", std::string(method) + " is not allowed here", "");
    std::string allow;
    for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
    r.set_header("Allow", allow);
    return r;
}

Response protocol_problem(int status, std::string_view detail) {
    Response r = problem_body(status, "protocol", detail, "");
    r.close_connection = true;
    return r;
}

Response json_response(int status, const boost::json::value& body) {
    Response r;
    r.status = status;
    r.body = boost::json::serialize(body);
    return r;
}

}  // namespace seatkeeper::http
