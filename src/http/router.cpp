#include "http/router.hpp"

#include <algorithm>

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

bool is_parameter(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool match_path(const std::vector<std::string>& pattern, std::string_view path,
                const std::vector<std::string_view>& have, std::map<std::string, std::string>& params) {
    std::size_t fixed = pattern.size();
    std::map<std::string, std::string> found;
    if (!pattern.empty() && is_rest_segment(pattern.back())) {
        // "{name...}": zero or more trailing segments, handed over as they came ("a/b", "" or "a/").
        const std::string& rest = pattern.back();
        fixed = pattern.size() - 1;
        if (have.size() < fixed) return false;
        std::string tail;
        for (std::size_t i = fixed; i < have.size(); ++i) tail.append(i > fixed ? "/" : "").append(have[i]);
        if (!tail.empty() && path.back() == '/') tail.push_back('/');
        found.emplace(rest.substr(1, rest.size() - 5), std::move(tail));
    } else if (fixed != have.size() || (path.size() > 1 && path.back() == '/')) {
        return false;
    }
    for (std::size_t i = 0; i < fixed; ++i) {
        if (is_parameter(pattern[i])) {
            found.emplace(pattern[i].substr(1, pattern[i].size() - 2), decode_segment(have[i]));
        } else if (pattern[i] != have[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}
}  // namespace

bool Router::matches(std::size_t i, std::string_view path, std::map<std::string, std::string>& params) const {
    return match_path(patterns_[i], path, segments(path), params);
}

void Router::add(Route route) {
    const std::size_t index = routes_.size();
    std::vector<std::string> pattern;
    for (const std::string_view segment : segments(route.pattern)) pattern.emplace_back(segment);
    const bool literal = std::none_of(pattern.begin(), pattern.end(), [](const std::string& segment) {
        return is_parameter(segment) || is_rest_segment(segment);
    });
    patterns_.push_back(std::move(pattern));
    literal_.push_back(literal);
    routes_.push_back(std::move(route));

    std::map<std::string, std::string> ignored;
    for (auto& [path, candidates] : exact_) {
        if (matches(index, path, ignored)) candidates.push_back(index);
    }
    const std::string& path = routes_[index].pattern;
    if (literal && !exact_.contains(path) && matches(index, path, ignored)) {
        std::vector<std::size_t> candidates;
        for (std::size_t i = 0; i <= index; ++i) {
            if (matches(i, path, ignored)) candidates.push_back(i);
        }
        exact_.emplace(path, std::move(candidates));
    }
}

Match Router::match(std::string_view method, std::string_view path) const {
    Match out;
    // Tries routes_[i]: true when it answers (the method fits), else notes its method for Allow.
    const auto attempt = [&](std::size_t i, std::map<std::string, std::string>&& params) {
        const Route& r = routes_[i];
        if (r.method == method || (method == "HEAD" && r.method == "GET")) {
            out.route = &r;
            out.params = std::move(params);
            out.allowed_methods.clear();
            return true;
        }
        out.allowed_methods.push_back(r.method);
        return false;
    };
    if (const auto exact = exact_.find(path); exact != exact_.end()) {
        for (const std::size_t i : exact->second) {
            std::map<std::string, std::string> params;
            if (!literal_[i]) matches(i, path, params);
            if (attempt(i, std::move(params))) return out;
        }
        return out;
    }
    const auto have = segments(path);
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        std::map<std::string, std::string> params;
        if (!match_path(patterns_[i], path, have, params)) continue;
        if (attempt(i, std::move(params))) return out;
    }
    return out;
}

}  // namespace seatkeeper::http
