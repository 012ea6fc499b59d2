#include "http/router.hpp"

namespace seatkeeper::http {

namespace {
std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start < path.size()) {
        if (path[start] == '/') {
            ++start;
            continue;
        }
        const auto end = path.find('/', start);
        out.push_back(path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

bool is_rest_segment(std::string_view segment) { return segment.size() > 5 && segment.ends_with("...}"); }

bool match_path(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
    auto want = segments(pattern);
    const auto have = segments(path);
    std::map<std::string, std::string> found;
    if (!want.empty() && is_rest_segment(want.back())) {
        // "{name...}": zero or more trailing segments, handed over as they came ("a/b", "" or "a/").
        const std::string_view rest = want.back();
        want.pop_back();
        if (have.size() < want.size()) return false;
        std::string tail;
        for (std::size_t i = want.size(); i < have.size(); ++i) tail.append(i > want.size() ? "/" : "").append(have[i]);
        if (!tail.empty() && path.back() == '/') tail.push_back('/');
        found.emplace(std::string(rest.substr(1, rest.size() - 5)), std::move(tail));
    } else if (want.size() != have.size() || (path.size() > 1 && path.back() == '/')) {
        return false;
    }
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
            found.emplace(std::string(want[i].substr(1, want[i].size() - 2)), std::string(have[i]));
        } else if (want[i] != have[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}
}  // namespace

void Router::add(Route route) { routes_.push_back(std::move(route)); }

Match Router::match(std::string_view method, std::string_view path) const {
    Match out;
    for (const Route& r : routes_) {
        std::map<std::string, std::string> params;
        if (!match_path(r.pattern, path, params)) continue;
        if (r.method == method || (method == "HEAD" && r.method == "GET")) {
            out.route = &r;
            out.params = std::move(params);
            out.allowed_methods.clear();
            return out;
        }
        out.allowed_methods.push_back(r.method);
    }
    return out;
}

}  // namespace seatkeeper::http
