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

namespace {

// The length of the well-formed UTF-8 character at text[i] (no overlong forms, surrogates or code points past
// U+10FFFF), or 0 when none starts there.
std::size_t character_length(std::string_view text, std::size_t i) {
    // (lead byte mask, its value, continuation bytes, smallest code point that needs that many)
    struct Form {
        unsigned mask;
        unsigned value;
        std::size_t extra;
        std::uint32_t min;
    };
    static constexpr std::array<Form, 3> kForms{
        {{0xE0U, 0xC0U, 1, 0x80}, {0xF0U, 0xE0U, 2, 0x800}, {0xF8U, 0xF0U, 3, 0x10000}}};
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80U) return 1;
    const auto* form =
        std::find_if(kForms.begin(), kForms.end(), [lead](const Form& f) { return (lead & f.mask) == f.value; });
    if (form == kForms.end()) return 0;  // a continuation byte without a lead, or 0xF8..0xFF
    if (text.size() - i <= form->extra) return 0;
    std::uint32_t code = lead & ~form->mask & 0xFFU;
    for (std::size_t k = 1; k <= form->extra; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0U) != 0x80U) return 0;
        code = (code << 6U) | (next & 0x3FU);
    }
    // Overlong forms would let a forbidden character hide behind a longer encoding.
    if (code < form->min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return form->extra + 1;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = character_length(text, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string to_valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = character_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string bytes_in_words(std::uint64_t bytes) {
    if (bytes != 0 && bytes % (1ULL << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    if (bytes != 0 && bytes % (1ULL << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

bool has_control_character(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) return true;
        // C1 controls are U+0080–U+009F: 0xC2 followed by 0x80–0x9F in UTF-8.
        if (c == 0xc2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9f) return true;
        }
    }
    return false;
}

std::string csv_cell(std::string_view text) {
    std::string cell;
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) cell += '\'';
    cell += text;
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string out = "\"";
    for (const char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace seatkeeper::text
