#include "common/text.hpp"

#include <algorithm>
#include <array>

namespace seatkeeper::text {

std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;  // every byte that starts a character
    }
    return n;
}

bool is_valid_utf8(std::string_view text) {
    // (lead byte mask, its value, continuation bytes, smallest code point that needs that many)
    struct Form {
        unsigned mask;
        unsigned value;
        std::size_t extra;
        std::uint32_t min;
    };
    static constexpr std::array<Form, 3> kForms{
        {{0xE0U, 0xC0U, 1, 0x80}, {0xF0U, 0xE0U, 2, 0x800}, {0xF8U, 0xF0U, 3, 0x10000}}};
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80U) {
            ++i;
            continue;
        }
        const auto* form =
            std::find_if(kForms.begin(), kForms.end(), [lead](const Form& f) { return (lead & f.mask) == f.value; });
        if (form == kForms.end()) return false;  // a continuation byte without a lead, or 0xF8..0xFF
        if (text.size() - i <= form->extra) return false;
        std::uint32_t code = lead & ~form->mask & 0xFFU;
        for (std::size_t k = 1; k <= form->extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0U) != 0x80U) return false;
            code = (code << 6U) | (next & 0x3FU);
        }
        // Overlong forms would let a forbidden character hide behind a longer encoding.
        if (code < form->min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        i += form->extra + 1;
    }
    return true;
}

std::string bytes_in_words(std::uint64_t bytes) {
    if (bytes != 0 && bytes % (1ULL << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    if (bytes != 0 && bytes % (1ULL << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

}  // namespace seatkeeper::text
