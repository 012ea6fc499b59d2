#include "mail/smtp.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include "common/curl.hpp"

namespace seatkeeper::mail {

namespace {

struct Upload {
    std::string_view rest;      // what is left of the message
    bool body_started = false;  // the server accepted sender and recipient and asked for the message
};

std::size_t on_read(char* buffer, std::size_t size, std::size_t count, void* data) {
    auto* upload = static_cast<Upload*>(data);
    upload->body_started = true;
    const std::size_t n = std::min(size * count, upload->rest.size());
    std::memcpy(buffer, upload->rest.data(), n);
    upload->rest.remove_prefix(n);
    return n;
}

std::string seconds_in_words(std::chrono::milliseconds d) {
    const auto s = std::max<std::int64_t>(1, (d.count() + 999) / 1000);
    return std::to_string(s) + (s == 1 ? " second" : " seconds");
}

// libcurl reports STARTTLS and sign-in trouble in the words of the protocol; these are the words of the
// outbox, where an administrator reads why a mail is not out yet.
Status failure(CURLcode code, long smtp_code, const Upload& upload, const SmtpSettings& settings,
               const std::string& curl_text) {
    const std::string answer = smtp_code > 0 ? " (SMTP " + std::to_string(smtp_code) + ")" : "";
    const bool refused = smtp_code >= 500 && smtp_code <= 599;
    // A 5xx to MAIL FROM, RCPT TO or DATA (libcurl: a send error naming the command), or to the message
    // once sent, is the server's final word on this mail.
    if (refused && code == CURLE_SEND_ERROR) {
        if (curl_text.starts_with("RCPT")) {
            return Status::Invalid({}, "smtp_refused", "The SMTP server refused the recipient address" + answer);
        }
        if (curl_text.starts_with("MAIL")) {
            return Status::Invalid(
                {}, "smtp_refused",
                "The SMTP server refused the sender address " + settings.from.address + answer + "; check smtp.from");
        }
        return Status::Invalid({}, "smtp_refused", "The SMTP server refused the mail" + answer);
    }
    if (refused && code == CURLE_WEIRD_SERVER_REPLY && upload.body_started) {
        return Status::Invalid({}, "smtp_refused", "The SMTP server refused the message" + answer);
    }
    std::string message;
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
            message = "The SMTP server's host name could not be found; check smtp.url";
            break;
        case CURLE_COULDNT_CONNECT:
            message = "The SMTP server did not accept a connection";
            break;
        case CURLE_OPERATION_TIMEDOUT:
            message = "The SMTP server did not finish within " + seconds_in_words(settings.timeout);
            break;
        case CURLE_LOGIN_DENIED:
            message = "The SMTP server refused the sign-in" + answer + "; check smtp.username and smtp.password";
            break;
        case CURLE_USE_SSL_FAILED:
            message =
                "The SMTP server does not offer STARTTLS, which Seatkeeper requires here (smtp.starttls, or "
                "a username is set)";
            break;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
            message =
                "A secure (TLS) connection to the SMTP server could not be established; its certificate may "
                "be expired or not issued for that host name";
            break;
        default:
            message = smtp_code >= 400 ? "The SMTP server answered with an error" + answer
                                       : "The conversation with the SMTP server failed";
            break;
    }
    return Status::Unavailable(message, curl_text.empty() ? curl_easy_strerror(code) : curl_text);
}

long use_ssl(const SmtpSettings& settings) {
    if (settings.starttls) return *settings.starttls ? CURLUSESSL_ALL : CURLUSESSL_NONE;
    return settings.username.empty() ? CURLUSESSL_TRY : CURLUSESSL_ALL;
}

}  // namespace

Status validate_smtp_url(std::string_view key, const std::string& url) {
    libcurl::init_once();
    const auto refused = [key] {
        return Status::Invalid(std::string(key), "smtp_url",
                               std::string(key) +
                                   " must be smtp://HOST[:PORT] or smtps://HOST[:PORT], without a user name or "
                                   "password in it");
    };
    // libcurl would read "smtp:///relay" as host "relay"; the documented form names the host right away.
    const auto host_start = url.find("://");
    if (host_start == std::string::npos || url.compare(host_start + 3, 1, "/") == 0) return refused();
    libcurl::Url parsed(curl_url());
    if (!parsed) return Status::Internal("curl_url failed");
    if (curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) return refused();
    const auto part = [&parsed](CURLUPart which) -> std::optional<std::string> {
        char* text = nullptr;
        if (curl_url_get(parsed.get(), which, &text, 0) != CURLUE_OK) return std::nullopt;
        const libcurl::String owned(text);
        return std::string(owned.get());
    };
    const auto scheme = part(CURLUPART_SCHEME);
    const auto host = part(CURLUPART_HOST);
    if (!scheme || (*scheme != "smtp" && *scheme != "smtps") || !host || host->empty()) return refused();
    if (part(CURLUPART_USER) || part(CURLUPART_PASSWORD) || part(CURLUPART_OPTIONS)) return refused();
    return Status::Ok();
}

Status send_smtp(const SmtpSettings& settings, std::string_view to, std::string_view message) {
    libcurl::init_once();
    libcurl::Easy curl(curl_easy_init());
    if (!curl) return Status::Internal("curl_easy_init failed");
    CURL* h = curl.get();
    const std::string sender = "<" + settings.from.address + ">";
    libcurl::List recipients(curl_slist_append(nullptr, ("<" + std::string(to) + ">").c_str()));
    if (!recipients) return Status::Internal("curl_slist_append failed");
    Upload upload{message};
    std::array<char, CURL_ERROR_SIZE> error{};

    curl_easy_setopt(h, CURLOPT_URL, settings.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    // The relay is the one in smtp.url; a proxy from the environment (meant for web traffic) is not used.
    curl_easy_setopt(h, CURLOPT_PROXY, "");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_USE_SSL, use_ssl(settings));
    // Clamped because libcurl reads 0 ms as "no timeout".
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::max<std::int64_t>(settings.connect_timeout.count(), 1)));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<std::int64_t>(settings.timeout.count(), 1)));
    if (!settings.username.empty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, settings.username.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, settings.password.c_str());
    }
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, sender.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
    // libcurl dot-stuffs the upload (a line starting with "." goes out as ".."), and ends it with
    // CRLF "." CRLF; compose() therefore leaves dots alone.
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error.data());

    const CURLcode code = curl_easy_perform(h);
    if (code == CURLE_OK) return Status::Ok();
    long smtp_code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &smtp_code);
    return failure(code, smtp_code, upload, settings, error.data());
}

}  // namespace seatkeeper::mail
