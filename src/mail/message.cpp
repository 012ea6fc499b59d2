#include "mail/message.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <vector>

#include "common/crypto.hpp"
#include "common/text.hpp"

namespace seatkeeper::mail {

namespace {

constexpr std::size_t kMaxAddressLength = 254;  // RFC 5321's 256-octet path less the angle brackets
constexpr std::size_t kMaxLocalPartLength = 64;
constexpr std::size_t kMaxLabelLength = 63;
constexpr std::size_t kFoldAt = 78;  // RFC 5322 2.1.1: lines SHOULD stay within 78 characters
// 56 base64 characters: "Subject: =?UTF-8?B?" + 56 + "?=" is 77 characters, within kFoldAt.
constexpr std::size_t kEncodedWordBytes = 42;
constexpr std::size_t kQuotedPrintableLine = 76;

bool is_alpha_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// RFC 5322 atext: what a dot-atom may hold besides dots.
bool is_atext(char c) {
    return is_alpha_digit(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool is_control(unsigned char c) { return c < 0x20U || c == 0x7FU; }

bool is_dot_atom(std::string_view text) {
    if (text.empty() || text.front() == '.' || text.back() == '.') return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '.') {
            if (text[i + 1] == '.') return false;  // the last character is no dot, so i + 1 is in range
        } else if (!is_atext(text[i])) {
            return false;
        }
    }
    return true;
}

bool is_host_name(std::string_view text) {
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = text.find('.', start);
        const std::string_view label =
            text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (label.empty() || label.size() > kMaxLabelLength || label.front() == '-' || label.back() == '-') {
            return false;
        }
        if (!std::all_of(label.begin(), label.end(), [](char c) { return is_alpha_digit(c) || c == '-'; })) {
            return false;
        }
        if (dot == std::string_view::npos) return true;
        start = dot + 1;
    }
}

Status invalid(std::string_view field, std::string rule, const std::string& message) {
    return Status::Invalid(std::string(field), std::move(rule), message);
}

// The checks subject and body share; `allowed` are the control characters the text may hold.
Status validate_text(std::string_view field, std::string_view text, std::string_view allowed) {
    if (text.empty()) return invalid(field, "required", std::string(field) + " is required");
    if (!text::is_valid_utf8(text)) return invalid(field, "encoding", std::string(field) + " must be UTF-8 text");
    const bool clean = std::none_of(text.begin(), text.end(), [allowed](char c) {
        return is_control(static_cast<unsigned char>(c)) && allowed.find(c) == std::string_view::npos;
    });
    if (!clean) {
        return invalid(field, "characters",
                       std::string(field) + (allowed.empty() ? " can't contain line breaks or control characters"
                                                             : " can't contain control characters"));
    }
    return Status::Ok();
}

bool is_printable_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

// UTF-8 text cut into pieces of at most `max_bytes`, never inside a character.
std::vector<std::string_view> whole_character_chunks(std::string_view text, std::size_t max_bytes) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
        std::size_t cut = std::min(max_bytes, text.size());
        while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
        if (cut == 0) cut = std::min(max_bytes, text.size());  // not UTF-8 after all; cut anywhere
        out.push_back(text.substr(0, cut));
        text.remove_prefix(cut);
    }
    return out;
}

std::string encoded_words(std::string_view text) {
    std::string out;
    for (const std::string_view chunk : whole_character_chunks(text, kEncodedWordBytes)) {
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + crypto::base64(chunk) + "?=";
    }
    return out;
}

std::string header(std::string_view name, std::string_view value) {
    std::string line(name);
    line += ": ";
    line += value;
    line += "\r\n";
    return line;
}

// The domain of an addr-spec ("localhost" for "no-reply@localhost").
std::string_view domain_of(std::string_view address) {
    const auto at = address.rfind('@');
    return at == std::string_view::npos ? std::string_view("localhost") : address.substr(at + 1);
}

}  // namespace

Status validate_address(std::string_view field, std::string_view address) {
    const auto refuse = [field] {
        return invalid(field, "email", std::string(field) + " must be a plain e-mail address such as name@example.com");
    };
    const auto at = address.find('@');
    if (at == std::string_view::npos || address.size() > kMaxAddressLength) return refuse();
    const std::string_view local = address.substr(0, at);
    const std::string_view domain = address.substr(at + 1);
    if (local.size() > kMaxLocalPartLength || !is_dot_atom(local) || !is_host_name(domain)) return refuse();
    return Status::Ok();
}

Status validate_subject(std::string_view field, std::string_view subject) {
    SK_RETURN_IF_ERROR(validate_text(field, subject, ""));
    if (text::utf8_length(subject) > kMaxSubjectLength) {
        return invalid(field, "max_length",
                       std::string(field) + " must be at most " + std::to_string(kMaxSubjectLength) + " characters");
    }
    return Status::Ok();
}

Status validate_body(std::string_view field, std::string_view body) {
    SK_RETURN_IF_ERROR(validate_text(field, body, "\t\r\n"));
    if (body.size() > kMaxBodyBytes) {
        return invalid(field, "max_length",
                       std::string(field) + " must be at most " + text::bytes_in_words(kMaxBodyBytes));
    }
    return Status::Ok();
}

Result<Mailbox> parse_mailbox(std::string_view field, std::string_view text) {
    const auto trim = [](std::string_view s) {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
        return s;
    };
    text = trim(text);
    Mailbox out;
    const auto open = text.rfind('<');
    if (open == std::string_view::npos || text.back() != '>') {
        out.address = std::string(text);
    } else {
        out.address = std::string(text.substr(open + 1, text.size() - open - 2));
        std::string_view name = trim(text.substr(0, open));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
            name = name.substr(1, name.size() - 2);
            for (std::size_t i = 0; i < name.size(); ++i) {
                if (name[i] == '\\' && i + 1 < name.size()) ++i;  // a quoted pair stands for the character after it
                out.display_name += name[i];
            }
        } else {
            out.display_name = std::string(name);
        }
        const bool clean = std::none_of(out.display_name.begin(), out.display_name.end(),
                                        [](char c) { return is_control(static_cast<unsigned char>(c)); });
        if (!clean || !text::is_valid_utf8(out.display_name) ||
            text::utf8_length(out.display_name) > kMaxDisplayNameLength) {
            return Status::Invalid(std::string(field), "mailbox",
                                   std::string(field) + " must be an address or \"Name <address>\"; the name at most " +
                                       std::to_string(kMaxDisplayNameLength) + " characters of text");
        }
    }
    SK_RETURN_IF_ERROR(validate_address(field, out.address));
    return out;
}

std::string format_date(Millis t) {
    using namespace std::chrono;
    static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const sys_time<milliseconds> tp{milliseconds{t}};
    const auto day = floor<days>(tp);
    const year_month_day ymd{day};
    const hh_mm_ss hms{floor<seconds>(tp - day)};
    std::array<char, 40> buf{};
    std::snprintf(buf.data(), buf.size(), "%s, %u %s %04d %02ld:%02ld:%02ld +0000", kDays.at(weekday{day}.c_encoding()),
                  static_cast<unsigned>(ymd.day()), kMonths.at(static_cast<unsigned>(ymd.month()) - 1),
                  static_cast<int>(ymd.year()), static_cast<long>(hms.hours().count()),
                  static_cast<long>(hms.minutes().count()), static_cast<long>(hms.seconds().count()));
    return buf.data();
}

std::string encode_header_text(std::string_view text, std::size_t prefix_length) {
    // "=?" in plain text would be read as the start of an encoded word by some readers.
    if (!is_printable_ascii(text) || text.find("=?") != std::string_view::npos) return encoded_words(text);
    std::string out;
    std::size_t column = prefix_length;
    std::size_t start = 0;
    while (start < text.size()) {
        // Each piece is a space (but the first) followed by a word; a fold goes before the space.
        std::size_t end = text.find(' ', start + 1);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view piece = text.substr(start, end - start);
        if (column + piece.size() > kFoldAt && start > 0 && piece.front() == ' ') {
            out += "\r\n";
            column = 0;
        }
        out += piece;
        column += piece.size();
        start = end;
    }
    return out;
}

std::string format_mailbox(const Mailbox& mailbox) {
    if (mailbox.display_name.empty()) return mailbox.address;
    const std::string_view name = mailbox.display_name;
    std::string phrase;
    if (!is_printable_ascii(name) || name.find("=?") != std::string_view::npos) {
        phrase = encoded_words(name);
    } else if (std::all_of(name.begin(), name.end(), [](char c) { return is_atext(c) || c == ' '; })) {
        phrase = name;
    } else {
        phrase = "\"";
        for (const char c : name) {
            if (c == '"' || c == '\\') phrase += '\\';
            phrase += c;
        }
        phrase += '"';
    }
    return phrase + " <" + mailbox.address + ">";
}

std::string quoted_printable(std::string_view body) {
    static constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    std::size_t column = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const auto c = static_cast<unsigned char>(body[i]);
        if (c == '\r' || c == '\n') {  // CRLF, LF and a lone CR all end a line
            if (c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') ++i;
            out += "\r\n";
            column = 0;
            continue;
        }
        const bool line_ends = i + 1 == body.size() || body[i + 1] == '\r' || body[i + 1] == '\n';
        // Whitespace at the end of a line may be stripped in transit, so it is encoded there.
        const bool literal = (c > 0x20U && c < 0x7FU && c != '=') || ((c == ' ' || c == '\t') && !line_ends);
        std::string token;
        if (literal) {
            token = static_cast<char>(c);
        } else {
            token = {'=', kHex[c >> 4U], kHex[c & 0x0FU]};
        }
        // A soft break ("=" at the end of a line) keeps every line within 76 characters.
        if (column + token.size() > kQuotedPrintableLine - 1) {
            out += "=\r\n";
            column = 0;
        }
        out += token;
        column += token.size();
    }
    if (!out.ends_with("\r\n")) out += "\r\n";
    return out;
}

std::string compose(const Message& message) {
    std::string out;
    out += header("Date", format_date(message.date));
    out += header("From", format_mailbox(message.from));
    out += header("To", message.to);
    out += header("Subject", encode_header_text(message.subject, std::string_view("Subject: ").size()));
    out += header("Message-ID", message.message_id);
    out += header("MIME-Version", "1.0");
    out += header("Content-Type", "text/plain; charset=utf-8");
    out += header("Content-Transfer-Encoding", "quoted-printable");
    // RFC 3834: an automatic mail; vacation responders should not answer it.
    out += header("Auto-Submitted", "auto-generated");
    out += "\r\n";
    out += quoted_printable(message.body);
    return out;
}

std::string message_id(std::string_view unique, const Mailbox& from) {
    return "<" + std::string(unique) + "@" + std::string(domain_of(from.address)) + ">";
}

}  // namespace seatkeeper::mail
