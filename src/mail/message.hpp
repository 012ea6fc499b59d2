// What a mail is on the wire (RFC 5322 with MIME: RFC 2045, 2047), and the rules that keep what Seatkeeper
// puts into one from changing its meaning.
//
// Mails carry text that users typed (names, company names in a subject) to addresses users gave. So an
// address is a plain addr-spec and nothing else, and header text has no line break or other control
// character: no input can add a header or a recipient ("header injection"). Non-ASCII text goes into headers
// as RFC 2047 encoded words and into the body as quoted-printable, so a composed message is 7-bit ASCII and
// travels through any SMTP server unchanged.
//
// Pure functions: no I/O. Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/status.hpp"

namespace seatkeeper::mail {

inline constexpr std::size_t kMaxSubjectLength = 200;      // characters
inline constexpr std::size_t kMaxBodyBytes = 256U << 10;   // plenty for an invitation, small for a database row
inline constexpr std::size_t kMaxDisplayNameLength = 100;  // characters

// A sender: "Display Name <local@domain>", or the address alone when the name is empty.
struct Mailbox {
    std::string display_name;  // UTF-8 without control characters; may be empty
    std::string address;       // a plain addr-spec (validate_address)
};

// A plain addr-spec (RFC 5322 section 3.4.1) as SMTP's RCPT TO and MAIL FROM carry it: a dot-atom local part
// of at most 64 characters, "@", a host name (letters, digits and hyphens in dot-separated labels), at most
// 254 characters in all, ASCII only. No display name, comment, quoted local part or address literal.
// Invalid(field, rule "email") otherwise.
Status validate_address(std::string_view field, std::string_view address);
// Required, valid UTF-8, no control characters (so no CR or LF), at most kMaxSubjectLength characters.
// Invalid(field, rule "required" | "characters" | "encoding" | "max_length").
Status validate_subject(std::string_view field, std::string_view subject);
// Valid UTF-8 without control characters other than tab and line breaks, at most kMaxBodyBytes.
// Invalid(field, rule "required" | "characters" | "encoding" | "max_length").
Status validate_body(std::string_view field, std::string_view body);
// "Name <addr>", "\"Name, Inc.\" <addr>" or "addr" (the `smtp.from` setting); Invalid naming `field`.
Result<Mailbox> parse_mailbox(std::string_view field, std::string_view text);

struct Message {
    Mailbox from;
    std::string to;          // an addr-spec
    std::string subject;     // UTF-8
    std::string body;        // UTF-8 text; LF, CRLF or CR line breaks
    std::string message_id;  // "<left@right>", the same on every attempt to send this mail
    Millis date = 0;
};

// "<unique@domain of the sender>": unique is the mail's id, so a retry sends the same Message-ID and a
// receiver can tell a repeated delivery from a new mail.
std::string message_id(std::string_view unique, const Mailbox& from);

// The message as SMTP's DATA carries it: Date, From, To, Subject, Message-ID, MIME-Version, Content-Type
// (text/plain; charset=utf-8), Content-Transfer-Encoding (quoted-printable) and Auto-Submitted headers, a
// blank line, the body; CRLF line endings, 7-bit ASCII, the subject folded within 78 characters (a word
// longer than that stays whole) and body lines within 76. Lines that start with "." are left as they are: dot-stuffing
// is the SMTP client's job (libcurl does it), and doing it here too would double the dots. Expects parts that passed
// the checks above.
std::string compose(const Message& message);

// The pieces of compose, exposed for tests.
// RFC 5322 section 3.3 in UTC: "Tue, 25 Nov 2026 20:44:49 +0000".
std::string format_date(Millis t);
// A header value that starts after `prefix_length` characters of "Name: ": printable ASCII as it is, folded
// at spaces; anything else (or text that looks like an encoded word) as RFC 2047 "=?UTF-8?B?…?=" words of
// whole characters, one per line.
std::string encode_header_text(std::string_view text, std::size_t prefix_length);
// "Name <addr>": the name as atoms, a quoted string or encoded words, whichever it needs.
std::string format_mailbox(const Mailbox& mailbox);
// RFC 2045 section 6.7 with CRLF hard line breaks and soft breaks that keep lines within 76 characters.
std::string quoted_printable(std::string_view body);

}  // namespace seatkeeper::mail
