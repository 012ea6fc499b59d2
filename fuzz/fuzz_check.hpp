// What the fuzz targets share: FUZZ_CHECK, which stops the run when a property of the code under test does
// not hold, so that libFuzzer keeps the input as a crash (crash-<sha1>) like any sanitizer finding; and the
// input as text and as lines, for targets whose corpus files are plain text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#define FUZZ_CHECK(condition)                                                                            \
    do {                                                                                                 \
        if (!(condition)) {                                                                              \
            std::fprintf(stderr, "%s:%d: property does not hold: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                                \
        }                                                                                                \
    } while (false)

namespace seatkeeper::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// `text` split at each '\n' (the last line may be empty).
inline std::vector<std::string_view> lines(std::string_view text) {
    std::vector<std::string_view> out;
    while (true) {
        const auto end = text.find('\n');
        out.push_back(text.substr(0, end));
        if (end == std::string_view::npos) return out;
        text.remove_prefix(end + 1);
    }
}

}  // namespace seatkeeper::fuzz
