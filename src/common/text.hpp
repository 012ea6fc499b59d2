// Small text helpers shared by the layers that write messages for people.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace seatkeeper::text {

// Characters (Unicode code points) in UTF-8 text: what every "at most N characters" limit counts, so that a
// name with accents or in Japanese gets as many characters as one in ASCII.
std::size_t utf8_length(std::string_view text);

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF): what text
// must be before it is declared `charset=utf-8` to someone else, e.g. in a mail.
bool is_valid_utf8(std::string_view text);
// `text` with each byte that starts no well-formed character replaced by U+FFFD: for showing bytes that should
// be text but need not be (a zip entry's name) in a message that must be UTF-8. Valid text comes back as is.
std::string to_valid_utf8(std::string_view text);

// A byte count as a person reads it in a message: "10 MiB", "64 KiB", "1500 bytes". Limits are set in round
// binary units and print as such; other sizes print exactly, never rounded down to "0 MiB".
std::string bytes_in_words(std::uint64_t bytes);

// ASCII letters lowercased, every other byte as it is: for case-insensitive protocol tokens (media types,
// header values, domain names), never for people's text.
std::string ascii_lower(std::string_view text);
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
// Whether `a` and `b` are the same but for the case of ASCII letters (zip entry names, protocol tokens).
bool equals_ignoring_ascii_case(std::string_view a, std::string_view b);

// Whether `text` is empty or holds only spaces, tabs and line breaks: what json::require_text refuses.
bool is_blank(std::string_view text);

// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

// One CSV field (RFC 4180) that a spreadsheet shows as the text it is: quoted when it holds a comma, a quote or
// a line break (quotes doubled), and with a leading `'` when it starts with `=`, `+`, `-`, `@`, a tab or a
// carriage return, which a spreadsheet would read as a formula (OWASP "CSV Injection").
std::string csv_cell(std::string_view text);

// Whether `text` holds a control character: C0 (U+0000–U+001F, tab and newlines included), DEL, or C1
// (U+0080–U+009F). Names shown on a page, in a mail or a CSV must not carry any.
bool has_control_character(std::string_view text);

}  // namespace seatkeeper::text
