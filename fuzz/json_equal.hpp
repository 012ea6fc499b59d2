// JSON values compared as the fuzz targets' round trips need: equal, except that two doubles may differ in
// the last bits. Boost 1.81's parser rounds long decimal numbers imprecisely (exact parsing came in 1.83 as
// number_precision::precise), so serialise → parse can move a double by an ulp or two; that is Boost's
// documented behaviour, not a finding.
#pragma once

#include <boost/json.hpp>
#include <cmath>

namespace seatkeeper::fuzz {

inline bool json_equal(const boost::json::value& a, const boost::json::value& b) {
    if (a.is_double() && b.is_double()) {
        const double x = a.get_double();
        const double y = b.get_double();
        return x == y || std::abs(x - y) <= 1e-14 * std::max(std::abs(x), std::abs(y));
    }
    if (a.kind() != b.kind()) return false;
    if (a.is_array()) {
        const auto& x = a.get_array();
        const auto& y = b.get_array();
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!json_equal(x[i], y[i])) return false;
        }
        return true;
    }
    if (a.is_object()) {
        const auto& x = a.get_object();
        const auto& y = b.get_object();
        if (x.size() != y.size()) return false;
        for (const auto& entry : x) {
            const auto* other = y.if_contains(entry.key());
            if (other == nullptr || !json_equal(entry.value(), *other)) return false;
        }
        return true;
    }
    return a == b;
}

}  // namespace seatkeeper::fuzz
