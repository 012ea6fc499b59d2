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

bool match_path(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
    const auto want = segments(pattern);
    const auto have = segments(path);
    if (want.size() != have.size() || (path.size() > 1 && path.back() == '/')) return false;
    std::map<std::string, std::string> found;
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
