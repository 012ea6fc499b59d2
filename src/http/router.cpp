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

// Percent-decodes one path segment ("alex%40fabrikam.example" → "alex@fabrikam.example"); a malformed
// escape is kept as it is, so it simply matches nothing.
std::string decode_segment(std::string_view segment) {
    std::string out;
    out.reserve(segment.size());
    const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] == '%' && i + 2 < segment.size() && hex(segment[i + 1]) >= 0 && hex(segment[i + 2]) >= 0) {
            out += static_cast<char>(hex(segment[i + 1]) * 16 + hex(segment[i + 2]));
            i += 2;
        } else {
            out += segment[i];
        }
    }
    return out;
}

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
            found.emplace(std::string(want[i].substr(1, want[i].size() - 2)), decode_segment(have[i]));
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
