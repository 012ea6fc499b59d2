// Sending one composed mail to an SMTP server with libcurl.
//
// `smtp://host:port` speaks SMTP and upgrades with STARTTLS (see `starttls`); `smtps://host:port` speaks TLS
// from the first byte. Server certificates are verified against the system's trust store. A sign-in
// (AUTH) happens when a username is set. Connecting and the whole conversation are bounded by timeouts.
// The password is a secret: it goes to libcurl and nowhere else, never into a Status or a log line.
//
// Thread-safety: send_smtp is a free function; each call uses its own curl easy handle.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "mail/message.hpp"

namespace seatkeeper::mail {

struct SmtpSettings {
    std::string url;  // smtp://host[:port] or smtps://host[:port]; empty: no SMTP, mails are kept, not sent
    Mailbox from{"Seatkeeper", "no-reply@localhost"};  // the From header and the envelope sender
    std::string username;
    std::string password;  // a secret
    // true: STARTTLS required (no mail goes out in clear); false: never (a local relay without TLS). Unset:
    // STARTTLS when the server offers it, and required when a username is set, so a password never
    // travels in clear because a man in the middle hid the offer.
    std::optional<bool> starttls;
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds timeout{60'000};  // the whole conversation, kept below a job's 120 s lease

    [[nodiscard]] bool configured() const { return !url.empty(); }
};

// Checks an `smtp.url` value: scheme smtp or smtps, a host, no user name or password in it (they would end
// up wherever the URL is shown; smtp.username and smtp.password are for them). The message never repeats
// the URL. Invalid(key, rule "smtp_url").
Status validate_smtp_url(std::string_view key, const std::string& url);

// Sends `message` (compose's output) from settings.from.address to `to`. Ok once the server accepted it.
// Otherwise the message says what happened in words an administrator understands (it is shown in the
// outbox; never the password), log_detail has libcurl's own words, and the code says what to do next:
//   Unavailable — worth another try later: no connection, a timeout, TLS trouble, a refused sign-in, or
//                 a 4xx answer (the server's "try again later");
//   Invalid (rule "smtp_refused") — the server refused this mail for good with a 5xx answer to the sender,
//                 the recipient or the message; sending it again cannot help.
Status send_smtp(const SmtpSettings& settings, std::string_view to, std::string_view message);

}  // namespace seatkeeper::mail
